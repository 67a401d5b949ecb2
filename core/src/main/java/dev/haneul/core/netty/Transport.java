package dev.haneul.core.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.lang.reflect.InvocationTargetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An I/O transport: the handler that drives an event loop plus the socket channel classes that
 * can be registered with it. Channels of one transport cannot be registered on the loops of
 * another, which is why {@link EventLoopRuntime} hands out both together.
 */
public enum Transport {
    /** Linux native epoll; the default wherever its native library loads. */
    EPOLL,
    /** Java NIO; the portable fallback. */
    NIO;

    /**
     * The epoll classes are looked up by name: the build puts {@code netty-transport-native-epoll}
     * on the runtime class path only (it is platform specific), so they cannot be referenced here.
     */
    private static final class Epoll {
        private static final String PACKAGE = "io.netty.channel.epoll.";
        static final Class<? extends ServerChannel> SERVER_CHANNEL;
        static final Class<? extends SocketChannel> SOCKET_CHANNEL;
        static final Class<?> IO_HANDLER;
        static final boolean AVAILABLE;

        static {
            Class<? extends ServerChannel> server = null;
            Class<? extends SocketChannel> socket = null;
            Class<?> ioHandler = null;
            boolean available = false;
            try {
                Class<?> epoll = Class.forName(PACKAGE + "Epoll");
                available = (Boolean) epoll.getMethod("isAvailable").invoke(null);
                if (!available) {
                    logger.debug("epoll unavailable, using NIO", (Throwable) epoll.getMethod("unavailabilityCause").invoke(null));
                }
                server = Class.forName(PACKAGE + "EpollServerSocketChannel").asSubclass(ServerChannel.class);
                socket = Class.forName(PACKAGE + "EpollSocketChannel").asSubclass(SocketChannel.class);
                ioHandler = Class.forName(PACKAGE + "EpollIoHandler");
            } catch (ReflectiveOperationException | LinkageError e) {
                logger.debug("epoll classes not on the class path, using NIO", e);
                available = false;
            }
            SERVER_CHANNEL = server;
            SOCKET_CHANNEL = socket;
            IO_HANDLER = ioHandler;
            AVAILABLE = available;
        }

        static IoHandlerFactory newIoHandlerFactory() {
            try {
                return (IoHandlerFactory) IO_HANDLER.getMethod("newFactory").invoke(null);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("EpollIoHandler.newFactory() failed", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("EpollIoHandler.newFactory() not callable", e);
            }
        }
    }

    private static final Logger logger = LoggerFactory.getLogger(Transport.class);

    /** The best transport on this machine: {@link #EPOLL} if its native library loads, else {@link #NIO}. */
    public static Transport best() {
        return EPOLL.isAvailable() ? EPOLL : NIO;
    }

    /** Whether this transport can be used on this machine. */
    public boolean isAvailable() {
        return this == NIO || Epoll.AVAILABLE;
    }

    public Class<? extends ServerChannel> serverChannelType() {
        checkAvailable();
        return this == EPOLL ? Epoll.SERVER_CHANNEL : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannelType() {
        checkAvailable();
        return this == EPOLL ? Epoll.SOCKET_CHANNEL : NioSocketChannel.class;
    }

    IoHandlerFactory newIoHandlerFactory() {
        checkAvailable();
        return this == EPOLL ? Epoll.newIoHandlerFactory() : NioIoHandler.newFactory();
    }

    private void checkAvailable() {
        if (!isAvailable()) {
            throw new IllegalStateException("transport: " + this + " (expected: available on this machine)");
        }
    }
}

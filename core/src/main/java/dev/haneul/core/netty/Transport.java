package dev.haneul.core.netty;

import static java.util.Objects.requireNonNull;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An I/O transport: the handler that drives an event loop plus the socket channel classes that
 * can be registered with it. Channels of one transport cannot be registered on the loops of
 * another, which is why {@link EventLoopRuntime} hands out both together.
 *
 * <p>{@link #best()} is epoll where it loads. io_uring (Linux 5.10+, unless
 * {@code kernel.io_uring_disabled}) is chosen only when asked for, with
 * {@code -D}{@value #PROPERTY}{@code =io_uring} (in {@code HANEUL_JAVA_OPTS} for a server): it has
 * not beaten epoll on Haneul's small request/response traffic: less CPU in its own threads, a
 * worse p99 (BENCHMARKS.md, "Transports").
 */
public enum Transport {
    /** Linux native epoll; the default wherever its native library loads. */
    EPOLL("io.netty.channel.epoll.", "Epoll"),
    /** Linux io_uring; only when asked for ({@value #PROPERTY}). */
    IO_URING("io.netty.channel.uring.", "IoUring"),
    /** Java NIO; the portable fallback. */
    NIO(null, null);

    /** System property naming the transport a server uses ({@code epoll}, {@code io_uring}, {@code nio}). */
    public static final String PROPERTY = "haneul.transport";

    private static final Logger logger = LoggerFactory.getLogger(Transport.class);

    /** Null for {@link #NIO}, which is not looked up by name. */
    private final @Nullable String packageName;
    private final @Nullable String prefix;
    /** Looked up on first use: the native classes are on the runtime class path only, Linux only. */
    private volatile @Nullable Native classes;

    Transport(@Nullable String packageName, @Nullable String prefix) {
        this.packageName = packageName;
        this.prefix = prefix;
    }

    /** The classes of a native transport, looked up by name; {@code available} false when they do not load. */
    private record Native(boolean available, @Nullable Class<? extends ServerChannel> server,
                          @Nullable Class<? extends SocketChannel> socket, @Nullable Class<?> ioHandler) {

        static Native load(String pkg, String prefix) {
            try {
                Class<?> probe = Class.forName(pkg + prefix);
                boolean available = (Boolean) probe.getMethod("isAvailable").invoke(null);
                if (!available) {
                    logger.debug("{} unavailable", prefix, (Throwable) probe.getMethod("unavailabilityCause").invoke(null));
                    return new Native(false, null, null, null);
                }
                return new Native(true,
                        Class.forName(pkg + prefix + "ServerSocketChannel").asSubclass(ServerChannel.class),
                        Class.forName(pkg + prefix + "SocketChannel").asSubclass(SocketChannel.class),
                        Class.forName(pkg + prefix + "IoHandler"));
            } catch (ReflectiveOperationException | LinkageError e) {
                logger.debug("{} classes not on the class path", prefix, e);
                return new Native(false, null, null, null);
            }
        }
    }

    /** The native classes; only for a native transport ({@link #NIO} has no names to look up). */
    private Native classes() {
        Native n = classes;
        if (n == null) {
            n = Native.load(requireNonNull(packageName), requireNonNull(prefix));
            classes = n;
        }
        return n;
    }

    /** The best transport on this machine: {@link #EPOLL} if its native library loads, else {@link #NIO}. */
    public static Transport best() {
        return EPOLL.isAvailable() ? EPOLL : NIO;
    }

    /**
     * The transport {@value #PROPERTY} names when it is available here, else {@link #best()} (with a
     * warning when one was named).
     */
    public static Transport configured() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            return best();
        }
        try {
            Transport wanted = valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (wanted.isAvailable()) {
                return wanted;
            }
            logger.warn("{}={} is not available on this machine; using {}", PROPERTY, name, best());
        } catch (IllegalArgumentException e) {
            logger.warn("{}={} (expected: epoll, io_uring or nio); using {}", PROPERTY, name, best());
        }
        return best();
    }

    /** Whether this transport can be used on this machine. */
    public boolean isAvailable() {
        return this == NIO || classes().available();
    }

    public Class<? extends ServerChannel> serverChannelType() {
        checkAvailable();
        return this == NIO ? NioServerSocketChannel.class : requireNonNull(classes().server()); // available: loaded
    }

    public Class<? extends SocketChannel> socketChannelType() {
        checkAvailable();
        return this == NIO ? NioSocketChannel.class : requireNonNull(classes().socket()); // available: loaded
    }

    IoHandlerFactory newIoHandlerFactory() {
        checkAvailable();
        if (this == NIO) {
            return NioIoHandler.newFactory();
        }
        try {
            return (IoHandlerFactory) requireNonNull(classes().ioHandler()).getMethod("newFactory").invoke(null);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(prefix + "IoHandler.newFactory() failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(prefix + "IoHandler.newFactory() not callable", e);
        }
    }

    private void checkAvailable() {
        if (!isAvailable()) {
            throw new IllegalStateException("transport: " + this + " (expected: available on this machine)");
        }
    }
}

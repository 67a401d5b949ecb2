package dev.haneul.core.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of an accepted client channel: asks the selector for a backend, connects to it on
 * the client channel's own event loop, then replaces itself with a {@link RelayHandler} and issues
 * the first read on both channels.
 *
 * <p>AUTO_READ is off, so normally nothing is read from the client while the backend connects. The
 * exception is a client that sends and then half-closes at once: epoll reports the FIN (EPOLLRDHUP)
 * whether or not a read was asked for, and Netty then reads up to the end of the stream. Those
 * chunks (at most what the kernel had buffered for the finished client) and the input shutdown are
 * held here and replayed through the relay once it is in place, so that the backend gets every
 * byte and the FIN.
 */
final class ConnectHandler extends ChannelInboundHandlerAdapter {

    /** The backend channel of a client channel, so that a forced close can take both down at once. */
    static final AttributeKey<Channel> BACKEND_CHANNEL = AttributeKey.valueOf(ConnectHandler.class, "backendChannel");

    private static final Logger logger = LoggerFactory.getLogger(ConnectHandler.class);

    private final ProxySettings settings;
    private final String proxyName;
    private final ConnectionTracker tracker;
    /** Chunks and FIN read before the relay exists; see the class comment. */
    private final ArrayDeque<Object> early = new ArrayDeque<>(0);
    private boolean earlyInputShutdown;
    private @Nullable Channel backendChannel;

    ConnectHandler(ProxySettings settings) {
        this.settings = settings;
        this.proxyName = settings.name();
        this.tracker = settings.tracker();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        if (!tracker.accepted(client)) {
            client.close();
            return;
        }
        InetSocketAddress backend = select(client);
        if (backend == null) {
            tracker.refused();
            client.close();
            return;
        }
        if (!tracker.assign(backend, client)) {
            client.close();
            return;
        }
        ConnectionTracker.BackendCounters counters = tracker.counters(backend);
        LongAdder bytesOut = tracker.bytesOutCounter();
        ChannelFuture connect = settings.backendBootstrap().clone(client.eventLoop())
                .handler(new RelayHandler(proxyName, client, n -> {
                    bytesOut.add(n);
                    counters.bytesOut.add(n);
                }))
                .connect(backend);
        backendChannel = connect.channel();
        client.attr(BACKEND_CHANNEL).set(backendChannel);
        connect.addListener(future -> connected(ctx, backend, connect, counters));
    }

    private @Nullable InetSocketAddress select(Channel client) {
        InetSocketAddress clientAddress = (InetSocketAddress) client.remoteAddress();
        InetSocketAddress localAddress = (InetSocketAddress) client.localAddress();
        Optional<InetSocketAddress> selected;
        try {
            selected = settings.selector().select(clientAddress, localAddress, tracker);
        } catch (RuntimeException e) {
            logger.warn("{} - backend selector failed for client {}, closing it", proxyName, clientAddress, e);
            return null;
        }
        if (selected == null || selected.isEmpty()) {
            logger.debug("{} - no backend for client {}, closing it", proxyName, clientAddress);
            return null;
        }
        InetSocketAddress backend = selected.get();
        if (backend.isUnresolved()) {
            // Resolving it here would block the event loop on DNS.
            logger.warn("{} - backend selector returned unresolved {} for client {}, closing it",
                    proxyName, backend, clientAddress);
            return null;
        }
        return backend;
    }

    private void connected(ChannelHandlerContext ctx, InetSocketAddress backend, ChannelFuture connect,
                           ConnectionTracker.BackendCounters counters) {
        Channel client = ctx.channel();
        Channel backendChannel = connect.channel(); // the field's value, known non-null here
        if (!connect.isSuccess()) {
            releaseEarly();
            if (client.isActive()) {
                // Otherwise the client left first and its close cancelled the connect: nothing to report.
                logConnectFailure(backend, client, connect.cause());
                client.close();
            }
            return;
        }
        if (tracker.connected(backend)) {
            logger.info("{} - backend {} answers again", proxyName, TcpProxy.format(backend));
        }
        if (!client.isActive()) {
            releaseEarly();
            backendChannel.close();
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        LongAdder bytesIn = tracker.bytesInCounter();
        pipeline.replace(this, TcpProxy.RELAY_HANDLER, new RelayHandler(proxyName, backendChannel, n -> {
            bytesIn.add(n);
            counters.bytesIn.add(n);
        }));
        backendChannel.read();
        if (early.isEmpty() && !earlyInputShutdown) {
            client.read();
            return;
        }
        // Replay in arrival order as one read loop: the relay flushes them at its end and reads on
        // from the client, if the client is not done.
        for (Object msg; (msg = early.poll()) != null; ) {
            pipeline.fireChannelRead(msg);
        }
        pipeline.fireChannelReadComplete();
        if (earlyInputShutdown) {
            pipeline.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        early.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            earlyInputShutdown = true;
        } else if (evt != ChannelInputShutdownReadComplete.INSTANCE) {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void releaseEarly() {
        for (Object msg; (msg = early.poll()) != null; ) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void logConnectFailure(InetSocketAddress backend, Channel client, Throwable cause) {
        if (tracker.connectFailed(backend)) {
            logger.warn("{} - cannot connect to backend {}: {}; closing its clients until it answers "
                    + "(further failures at debug)", proxyName, TcpProxy.format(backend), cause.getMessage());
        } else {
            logger.debug("{} - cannot connect to backend {} for client {}: {}", proxyName, TcpProxy.format(backend),
                    client.remoteAddress(), cause.getMessage());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseEarly();
        if (backendChannel != null) {
            backendChannel.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        RelayHandler.logFailure(proxyName, ctx.channel(), cause);
        ctx.close();
    }
}

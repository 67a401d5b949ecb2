package dev.haneul.core.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of an accepted client channel: asks the selector for a backend, connects to it on
 * the client channel's own event loop, then replaces itself with a {@link RelayHandler} and issues
 * the first read on both channels. Until then nothing is read from the client (AUTO_READ is off),
 * so nothing needs buffering while the backend connection is being set up.
 */
final class ConnectHandler extends ChannelInboundHandlerAdapter {

    /** The backend channel of a client channel, so that a forced close can take both down at once. */
    static final AttributeKey<Channel> BACKEND_CHANNEL = AttributeKey.valueOf(ConnectHandler.class, "backendChannel");

    private static final Logger logger = LoggerFactory.getLogger(ConnectHandler.class);

    private final String proxyName;
    private final BackendSelector selector;
    private final ConnectionTracker tracker;
    private final Bootstrap backendBootstrap;
    private Channel backendChannel;

    /**
     * @param backendBootstrap a template with the backend channel options; cloned per connection
     *                         onto the client's event loop
     */
    ConnectHandler(String proxyName, BackendSelector selector, ConnectionTracker tracker, Bootstrap backendBootstrap) {
        this.proxyName = proxyName;
        this.selector = selector;
        this.tracker = tracker;
        this.backendBootstrap = backendBootstrap;
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
        ChannelFuture connect = backendBootstrap.clone(client.eventLoop())
                .handler(new RelayHandler(proxyName, client, tracker.bytesOutCounter()))
                .connect(backend);
        backendChannel = connect.channel();
        client.attr(BACKEND_CHANNEL).set(backendChannel);
        connect.addListener(future -> connected(ctx, backend, connect));
    }

    private InetSocketAddress select(Channel client) {
        InetSocketAddress clientAddress = (InetSocketAddress) client.remoteAddress();
        InetSocketAddress localAddress = (InetSocketAddress) client.localAddress();
        Optional<InetSocketAddress> selected;
        try {
            selected = selector.select(clientAddress, localAddress, tracker);
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

    private void connected(ChannelHandlerContext ctx, InetSocketAddress backend, ChannelFuture connect) {
        Channel client = ctx.channel();
        if (!connect.isSuccess()) {
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
            backendChannel.close();
            return;
        }
        ctx.pipeline().replace(this, TcpProxy.RELAY_HANDLER, new RelayHandler(proxyName, backendChannel,
                tracker.bytesInCounter()));
        client.read();
        backendChannel.read();
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

package dev.haneul.core.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;

/**
 * The client channel's pipeline, in order:
 * <ol>
 *   <li>{@value TcpProxy#IDLE_HANDLER} ({@link IdleCloseHandler}), only with an idle timeout;</li>
 *   <li>{@value TcpProxy#CONNECT_HANDLER} ({@link ConnectHandler}), which picks and connects the
 *       backend and then replaces itself with</li>
 *   <li>{@value TcpProxy#RELAY_HANDLER} ({@link RelayHandler}).</li>
 * </ol>
 * The backend channel's pipeline holds only a {@link RelayHandler}, set by {@link ConnectHandler}.
 */
final class ProxyChannelInitializer extends ChannelInitializer<Channel> {

    private final String proxyName;
    private final BackendSelector selector;
    private final ConnectionTracker tracker;
    private final Bootstrap backendBootstrap;
    private final Duration idleTimeout;

    /** @param idleTimeout {@code null} for none */
    ProxyChannelInitializer(String proxyName, BackendSelector selector, ConnectionTracker tracker,
                            Bootstrap backendBootstrap, Duration idleTimeout) {
        this.proxyName = proxyName;
        this.selector = selector;
        this.tracker = tracker;
        this.backendBootstrap = backendBootstrap;
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void initChannel(Channel client) {
        ChannelPipeline pipeline = client.pipeline();
        if (idleTimeout != null) {
            pipeline.addLast(TcpProxy.IDLE_HANDLER, new IdleCloseHandler(proxyName, idleTimeout));
        }
        pipeline.addLast(TcpProxy.CONNECT_HANDLER, new ConnectHandler(proxyName, selector, tracker, backendBootstrap));
    }
}

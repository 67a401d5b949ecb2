package dev.haneul.core.proxy;

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

    private final ProxySettings settings;

    ProxyChannelInitializer(ProxySettings settings) {
        this.settings = settings;
    }

    @Override
    protected void initChannel(Channel client) {
        ChannelPipeline pipeline = client.pipeline();
        Duration idleTimeout = settings.idleTimeout();
        if (idleTimeout != null) {
            pipeline.addLast(TcpProxy.IDLE_HANDLER, new IdleCloseHandler(settings.name(), idleTimeout));
        }
        pipeline.addLast(TcpProxy.CONNECT_HANDLER, new ConnectHandler(settings));
    }
}

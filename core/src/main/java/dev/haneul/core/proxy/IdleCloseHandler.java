package dev.haneul.core.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a client connection when nothing was read from or written to it for the idle timeout.
 * Everything the proxy relays in either direction passes through the client channel, so watching
 * that one channel covers both directions; closing it closes the backend too.
 */
final class IdleCloseHandler extends IdleStateHandler {

    private static final Logger logger = LoggerFactory.getLogger(IdleCloseHandler.class);

    private final String proxyName;

    IdleCloseHandler(String proxyName, Duration idleTimeout) {
        super(0, 0, idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
        this.proxyName = proxyName;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        logger.debug("{} - closing idle connection {}", proxyName, ctx.channel());
        ctx.close();
    }
}

package dev.haneul.elbv2.dataplane;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Fires {@link IdleStateEvent#ALL_IDLE_STATE_EVENT} once a connection has carried no byte in
 * either direction for the idle timeout (within a quarter of it), as ALB's idle timeout counts.
 *
 * <p>Netty's {@code IdleStateHandler} reads the clock on every read and adds a listener to every
 * write's promise; on a proxy that handles four or five messages per request that bookkeeping
 * shows. Here the end of a read batch and a flush (bytes in, bytes out) only set a flag, and a
 * timer that runs four times per timeout counts the quarters in a row without activity: four of
 * them make the connection idle. The hot path never reads the clock.
 */
final class IdleTimeoutHandler extends ChannelDuplexHandler {

    private static final int QUARTERS = 4;

    private final long quarterNanos;
    private boolean active;
    private int idleQuarters;
    private @Nullable ScheduledFuture<?> timer;

    IdleTimeoutHandler(long timeoutNanos) {
        this.quarterNanos = Math.max(1, timeoutNanos / QUARTERS);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> check(ctx), quarterNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        if (active) {
            active = false;
            idleQuarters = 0;
        } else if (++idleQuarters == QUARTERS) {
            ctx.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        }
        timer = ctx.executor().schedule(() -> check(ctx), quarterNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        active = true;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        active = true;
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}

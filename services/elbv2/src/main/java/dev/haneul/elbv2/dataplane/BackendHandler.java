package dev.haneul.elbv2.dataplane;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Last handler of a connection to a target: hands the response's parts to the request that
 * borrowed the connection ({@link ForwardExchange}), and takes the connection out of the pool when
 * it closes, times out or speaks out of turn while idle.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {

    private final BackendPool pool;
    private @Nullable ForwardExchange exchange;

    BackendHandler(BackendPool pool) {
        this.pool = pool;
    }

    void attach(ForwardExchange exchange) {
        this.exchange = exchange;
    }

    void detach() {
        this.exchange = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ForwardExchange current = exchange;
        if (current != null) {
            current.onResponse(msg);
        } else {
            // A pooled connection has nothing to say; anything here is out of turn.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ForwardExchange current = exchange;
        if (current != null) {
            current.onBackendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ForwardExchange current = exchange;
        if (current != null && ctx.channel().isWritable()) {
            current.onBackendWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ForwardExchange current = exchange;
            if (current != null) {
                current.onBackendIdle();
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ForwardExchange current = exchange;
        exchange = null;
        if (current != null) {
            current.onBackendClosed();
        } else if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            pool.remove(ctx.channel(), remote);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are how targets end connections; the exchange reports a 502.
        ctx.close();
    }
}

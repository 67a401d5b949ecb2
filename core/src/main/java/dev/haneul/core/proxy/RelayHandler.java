package dev.haneul.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import java.io.IOException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays what its channel reads to the {@code peer} channel: one instance sits on the client
 * channel (peer: the backend), one on the backend channel (peer: the client). Both channels live on
 * the same event loop, so the two instances never race.
 *
 * <p>Backpressure: {@code AUTO_READ} is off, so the channel reads one chunk only when asked. Each
 * chunk is written and flushed to the peer, and the next {@code read()} is issued from the write's
 * listener, i.e. once the peer's socket took the whole chunk. A slow reader on one side therefore
 * stops reading on the other; at most one chunk per direction is in flight and nothing is queued.
 * The chunk's ownership passes to {@code writeAndFlush}, which releases it when written or failed.
 *
 * <p>One exception to "one chunk in flight": when a FIN arrives, epoll (EPOLLRDHUP) makes Netty
 * read to the end of the stream whether or not a read was asked for. Those chunks are bounded by
 * what the kernel had buffered for a sender that has already finished, and they queue on the peer.
 *
 * <p>Half-close: when this channel's remote end shuts down its output (FIN), the channel sees
 * {@link ChannelInputShutdownEvent} and this handler shuts down the peer's output once everything
 * queued for the peer is flushed (a shutdown fails what is still queued). When both directions
 * have passed their FIN on, both channels close. If either side closes or fails, the other is
 * closed after its queued writes are flushed (close-on-flush).
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(RelayHandler.class);

    private final String proxyName;
    private final Channel peer;
    private final LongConsumer bytesRead;
    private final ChannelFutureListener readNextAfterWrite = this::writeComplete;
    /** Set by {@link #handlerAdded}, which Netty calls before any other event. */
    @SuppressWarnings("NullAway.Init")
    private ChannelHandlerContext ctx;

    RelayHandler(String proxyName, Channel peer, LongConsumer bytesRead) {
        this.proxyName = proxyName;
        this.peer = peer;
        this.bytesRead = bytesRead;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            bytesRead.accept(buf.readableBytes());
        }
        peer.writeAndFlush(msg).addListener(readNextAfterWrite);
    }

    private void writeComplete(ChannelFuture write) {
        if (write.isSuccess()) {
            // After the FIN nothing is left to read, and epoll rejects a read interest on a socket
            // whose input is shut down (Netty no longer watches it).
            if (!(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isInputShutdown()) {
                ctx.read();
            }
        } else {
            // The peer's own handler reports why; this side only needs to go.
            logger.debug("{} - write to {} failed, closing {}: {}", proxyName, peer, ctx.channel(), write.cause().toString());
            closeOnFlush(ctx.channel());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            shutdownPeerOutput(ctx);
        } else if (evt != ChannelInputShutdownReadComplete.INSTANCE) {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void shutdownPeerOutput(ChannelHandlerContext ctx) {
        if (!(peer instanceof DuplexChannel duplexPeer) || !(ctx.channel() instanceof DuplexChannel self)) {
            closeOnFlush(peer);
            ctx.close();
            return;
        }
        // Shutting down the output fails whatever is still queued on it: let the queue drain first.
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
            if (flushed.isSuccess()) {
                duplexPeer.shutdownOutput().addListener(shutdown -> outputShutDown(ctx, self, shutdown.cause()));
            } else {
                outputShutDown(ctx, self, flushed.cause());
            }
        });
    }

    private void outputShutDown(ChannelHandlerContext ctx, DuplexChannel self, Throwable failure) {
        if (failure != null) {
            logger.debug("{} - passing the FIN on to {} failed: {}", proxyName, peer, failure.toString());
            peer.close();
            ctx.close();
        } else if (self.isOutputShutdown()) {
            // The other direction has passed its FIN on too: both are done.
            peer.close();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logFailure(proxyName, ctx.channel(), cause);
        ctx.close();
    }

    /** Expected network failures (reset, broken pipe) as one debug line; anything else is a bug: warn with its trace. */
    static void logFailure(String proxyName, Channel channel, Throwable cause) {
        if (cause instanceof IOException) {
            logger.debug("{} - {} failed: {}", proxyName, channel, cause.toString());
        } else {
            logger.warn("{} - unexpected failure on {}", proxyName, channel, cause);
        }
    }

    /** Closes {@code channel} once everything written to it so far is flushed. */
    static void closeOnFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}

package dev.haneul.core.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays what its channel reads to the {@code peer} channel: one instance sits on the client
 * channel (peer: the backend), one on the backend channel (peer: the client). Both channels live on
 * the same event loop, so the two instances never race.
 *
 * <p>Writes and flushes: each chunk read is written to the peer without a flush, and the peer is
 * flushed once per read loop ({@code channelReadComplete}), so chunks read together leave in one
 * {@code writev}; no write carries a promise or a listener (the void promise: a failed write
 * reaches the peer's {@code exceptionCaught}, which closes it, and its {@code channelInactive}
 * closes this side).
 *
 * <p>Backpressure: {@code AUTO_READ} is off, so the channel reads only when asked. After each read
 * loop the next read is asked for only while the peer is writable, i.e. while what is queued for
 * the peer's socket stays under its write-buffer high-water mark; when the peer drains below the
 * low-water mark its own relay sees the writability change and asks this channel to read on. A
 * slow reader on one side therefore stops reading on the other, with at most the high-water mark
 * plus one read loop queued.
 *
 * <p>One exception: when a FIN arrives, epoll (EPOLLRDHUP) makes Netty read to the end of the
 * stream whether or not a read was asked for. Those chunks are bounded by what the kernel had
 * buffered for a sender that has already finished, and they queue on the peer.
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
    /** Chunks were written to the peer since its last flush. */
    private boolean flushPending;

    RelayHandler(String proxyName, Channel peer, LongConsumer bytesRead) {
        this.proxyName = proxyName;
        this.peer = peer;
        this.bytesRead = bytesRead;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!peer.isActive()) {
            ReferenceCountUtil.release(msg);
            closeOnFlush(ctx.channel());
            return;
        }
        if (msg instanceof ByteBuf buf) {
            bytesRead.accept(buf.readableBytes());
        }
        peer.write(msg, peer.voidPromise());
        flushPending = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushPending) {
            flushPending = false;
            peer.flush();
        }
        if (peer.isWritable()) {
            readOn(ctx.channel());
        }
        // Otherwise the peer's relay asks this channel to read once the peer has drained.
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && peer.isActive()) {
            readOn(peer); // what the peer's relay held back, this channel can now take
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Asks {@code channel} to read once more, unless its input is done. */
    private static void readOn(Channel channel) {
        // After the FIN nothing is left to read, and epoll rejects a read interest on a socket
        // whose input is shut down (Netty no longer watches it).
        if (!(channel instanceof DuplexChannel duplex) || !duplex.isInputShutdown()) {
            channel.read();
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

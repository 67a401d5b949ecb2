package dev.haneul.core.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.netty.LeakDetectionExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RelayHandler} without sockets: a client-side channel relaying to an embedded peer. */
@ExtendWith(LeakDetectionExtension.class)
class RelayHandlerTest {

    private final LongAdder bytesRead = new LongAdder();
    private final ReadCounter reads = new ReadCounter();
    private EmbeddedChannel peer;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        peer = new EmbeddedChannel();
        channel = new EmbeddedChannel(reads, new RelayHandler("test/relay", peer, bytesRead::add));
        channel.config().setAutoRead(false);
        reads.count = 0;
    }

    @Test
    void passesTheSameBufferOnAndReadsTheNextChunkOnlyAfterTheWrite() {
        ByteBuf chunk = Unpooled.copiedBuffer("SET k v\r\n", US_ASCII);

        channel.writeInbound(chunk);

        ByteBuf relayed = peer.readOutbound();
        try {
            assertThat(relayed).isSameAs(chunk);
            assertThat(relayed.toString(US_ASCII)).isEqualTo("SET k v\r\n");
        } finally {
            relayed.release();
        }
        assertThat(reads.count).as("reads issued after the write completed").isEqualTo(1);
        assertThat(bytesRead.sum()).isEqualTo(9);
        assertThat(channel.isOpen()).isTrue();
        assertThat(peer.finish()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void doesNotReadOnWhileThePeersWriteIsPending() {
        peer.pipeline().addFirst(new HoldWrites());

        channel.writeInbound(Unpooled.copiedBuffer("chunk", US_ASCII));

        assertThat(reads.count).isZero();
        peer.close();
        assertThat(channel.isOpen()).as("closed after the peer went").isFalse();
        ByteBuf flushMarker = channel.readOutbound();
        assertThat(flushMarker.readableBytes()).as("close-on-flush writes nothing").isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void releasesTheChunkAndClosesWhenThePeerIsGone() {
        peer.close();
        ByteBuf chunk = Unpooled.copiedBuffer("late", US_ASCII);

        channel.writeInbound(chunk);

        assertThat(chunk.refCnt()).isZero();
        assertThat(reads.count).isZero();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesThePeerAfterFlushWhenThisSideCloses() {
        channel.close();

        assertThat(peer.isOpen()).isFalse();
    }

    @Test
    void closesBothOnAnError() {
        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer (expected by the test)"));

        assertThat(channel.isOpen()).isFalse();
        assertThat(peer.isOpen()).isFalse();
    }

    @Test
    void inputShutdownOnAChannelThatCannotHalfCloseClosesBoth() {
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

        assertThat(channel.isOpen()).isFalse();
        assertThat(peer.isOpen()).isFalse();
    }

    /** A peer whose socket never drains: writes stay pending and are failed (and released) on close. */
    private static final class HoldWrites extends ChannelOutboundHandlerAdapter {
        private final List<ChannelPromise> held = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
            held.add(promise);
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            held.forEach(p -> p.tryFailure(new ClosedChannelException()));
            ctx.close(promise);
        }
    }
}

package dev.haneul.core.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.netty.LeakDetectionExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
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
    void passesTheSameBufferOnAndReadsTheNextChunkAfterTheFlush() {
        ByteBuf chunk = Unpooled.copiedBuffer("SET k v\r\n", US_ASCII);

        channel.writeInbound(chunk);

        ByteBuf relayed = peer.readOutbound();
        try {
            assertThat(relayed).isSameAs(chunk);
            assertThat(relayed.toString(US_ASCII)).isEqualTo("SET k v\r\n");
        } finally {
            relayed.release();
        }
        assertThat(reads.count).as("reads issued after the read loop's flush").isEqualTo(1);
        assertThat(bytesRead.sum()).isEqualTo(9);
        assertThat(channel.isOpen()).isTrue();
        assertThat(peer.finish()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void flushesOncePerReadLoop() {
        FlushCounter flushes = new FlushCounter();
        peer.pipeline().addFirst(flushes);

        channel.writeInbound(Unpooled.copiedBuffer("GET a\r\n", US_ASCII), Unpooled.copiedBuffer("GET b\r\n", US_ASCII));

        assertThat(flushes.count).isEqualTo(1);
        assertThat(peer.outboundMessages()).hasSize(2);
        peer.finishAndReleaseAll();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void doesNotReadOnWhileThePeerIsNotWritableAndReadsWhenItDrains() {
        // The peer's own relay (towards this channel) is what hears that the peer drained.
        peer.pipeline().addLast(new RelayHandler("test/back", channel, n -> { }));
        peer.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        channel.writeInbound(Unpooled.copiedBuffer("chunk", US_ASCII));

        assertThat(reads.count).as("no read while the peer's queue is over its mark").isZero();
        peer.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        peer.runPendingTasks();
        assertThat(reads.count).as("read on once the peer is writable again").isEqualTo(1);
        peer.finishAndReleaseAll();
        channel.finishAndReleaseAll();
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

    /** Counts the flushes that pass it towards the peer's socket. */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        private int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }
}

package dev.haneul.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.netty.LeakDetectionExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The decoder on an {@link EmbeddedChannel}: messages and their body slices in order, bodies passed
 * as received (chunk framing included), strict chunk framing, responses framed by their request,
 * pauses for upgrades, and nothing read after a failure. Every buffer is released; leaks fail.
 */
class HttpMessageDecoderTest {

    @RegisterExtension
    static final LeakDetectionExtension leaks = new LeakDetectionExtension();

    @Test
    void pipelinedRequestsWithSizedAndChunkedBodies() {
        EmbeddedChannel channel = new EmbeddedChannel(HttpMessageDecoder.forRequests());
        write(channel, "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /2 HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n"
                + "GET /4 HTTP/1.1\r\n\r\n");
        assertThat(describe(channel)).containsExactly("head GET /1 no body", "head POST /2", "body hello", "end",
                "head POST /3", "body 3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n", "end", "head GET /4 no body");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void bodiesArriveInPiecesAsTheyCome() {
        EmbeddedChannel channel = new EmbeddedChannel(HttpMessageDecoder.forRequests());
        write(channel, "POST / HTTP/1.1\r\nContent-Length: 6\r\n\r\nab");
        write(channel, "cd");
        write(channel, "efGET");
        write(channel, " / HTTP/1.1\r\n\r\n");
        assertThat(describe(channel)).containsExactly("head POST /", "body ab", "body cd", "body ef", "end",
                "head GET / no body");
        EmbeddedChannel chunked = new EmbeddedChannel(HttpMessageDecoder.forRequests());
        write(chunked, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1");
        write(chunked, "0\r\n0123456789ab");
        write(chunked, "cdef\r");
        write(chunked, "\n0\r\n\r\n");
        assertThat(String.join("", describe(chunked)).replace("body ", ""))
                .isEqualTo("head POST /10\r\n0123456789abcdef\r\n0\r\n\r\nend");
        assertThat(channel.finish()).isFalse();
        assertThat(chunked.finish()).isFalse();
    }

    @Test
    void malformedChunkFramingFailsTheConnection() {
        for (String body : new String[] {"x\r\nabc\r\n0\r\n\r\n", "3\nabc\r\n0\r\n\r\n", "3\r\nabcX\r\n0\r\n\r\n",
            "-3\r\nabc\r\n", "1234567890abcdef0\r\n"}) {
            EmbeddedChannel channel = new EmbeddedChannel(HttpMessageDecoder.forRequests());
            write(channel, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + body + "GET / HTTP/1.1\r\n\r\n");
            List<String> messages = describe(channel);
            assertThat(messages).as(body).first().isEqualTo("head POST /");
            assertThat(messages.getLast()).as(body).startsWith("failure 400 Bad");
            write(channel, "GET / HTTP/1.1\r\n\r\n");
            assertThat(describe(channel)).as("nothing read after a failure").isEmpty();
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void aMalformedHeadIsOneFailureAndTheRestIsIgnored() {
        EmbeddedChannel channel = new EmbeddedChannel(HttpMessageDecoder.forRequests());
        write(channel, "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nGET / HTTP/1.1\r\n\r\n");
        assertThat(describe(channel)).containsExactly("failure 400 MultipleContentLength");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void responsesAreFramedByTheirRequest() {
        HttpMessageDecoder decoder = HttpMessageDecoder.forResponses();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        decoder.expectResponseTo(true);
        write(channel, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        write(channel, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n");
        assertThat(describe(channel)).containsExactly("head 200 no body", "head 100 no body", "head 204 no body",
                "head 304 no body", "head 200", "body 2\r\nhi\r\n0\r\n\r\n", "end");
        write(channel, "HTTP/1.1 200 OK\r\n\r\nuntil");
        write(channel, " the close");
        assertThat(channel.finish()).isTrue();
        assertThat(describe(channel)).containsExactly("head 200", "body until", "body  the close", "end");
    }

    @Test
    void dechunkingPassesTheDataAlone() {
        HttpMessageDecoder decoder = HttpMessageDecoder.forResponses();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        decoder.dechunk(true);
        write(channel, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;e=1\r\n world\r\n0\r\nX: y\r\n\r\n");
        assertThat(String.join("|", describe(channel))).isEqualTo("head 200|body hello|body  world|end");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void anUpgradePausesUntilResumedOrRemoved() {
        HttpMessageDecoder decoder = HttpMessageDecoder.forRequests();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        write(channel, "GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nGET /next HTTP/1.1\r\n\r\n");
        assertThat(describe(channel)).containsExactly("head GET /ws no body");
        assertThat(decoder.isPaused()).isTrue();
        decoder.resume(channel.pipeline().context(decoder));
        assertThat(describe(channel)).containsExactly("head GET /next no body");

        HttpMessageDecoder responses = HttpMessageDecoder.forResponses();
        EmbeddedChannel target = new EmbeddedChannel(responses);
        write(target, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\nframe bytes");
        assertThat(describe(target)).containsExactly("head 101 no body");
        target.pipeline().remove(responses);
        assertThat(describe(target)).as("the bytes it held pass on").containsExactly("body frame bytes");
        assertThat(channel.finish()).isFalse();
        assertThat(target.finish()).isFalse();
    }

    @Test
    void aTruncatedResponseWithALengthEndsWithoutItsEnd() {
        EmbeddedChannel channel = new EmbeddedChannel(HttpMessageDecoder.forResponses());
        write(channel, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        assertThat(channel.finish()).isTrue();
        assertThat(describe(channel)).as("the consumer sees the close, not an end").containsExactly("head 200", "body abc");
    }

    private static void write(EmbeddedChannel channel, String wire) {
        channel.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.ISO_8859_1));
    }

    /** Every inbound message as a line, released. */
    private static List<String> describe(EmbeddedChannel channel) {
        List<String> out = new ArrayList<>();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            try {
                out.add(switch (msg) {
                    case HttpHead head -> "head " + (head.isRequest() ? head.method() + " " + head.target()
                            : Integer.toString(head.status())) + (head.hasBody() ? "" : " no body");
                    case ByteBuf buf -> "body " + buf.toString(StandardCharsets.ISO_8859_1);
                    case HttpBodyEnd end -> "end";
                    case HttpDecodeFailure failure -> "failure " + failure.status() + " " + failure.reason();
                    default -> throw new AssertionError("unexpected " + msg);
                });
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return out;
    }
}

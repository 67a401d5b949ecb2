package dev.haneul.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Request decompression with the encodings the AWS SDKs' request compression sends. */
class AwsContentDecompressorTest {

    private static FullHttpRequest decode(String contentEncoding, byte[] body) {
        EmbeddedChannel channel = new EmbeddedChannel(new AwsContentDecompressor(), new HttpObjectAggregator(1 << 20));
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body));
        request.headers().set("Content-Encoding", contentEncoding).setInt("Content-Length", body.length);
        channel.writeInbound(request);
        FullHttpRequest decoded = channel.readInbound();
        assertThat(channel.finish()).isFalse();
        return decoded;
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String content(FullHttpRequest request) {
        ByteBuf content = request.content();
        String text = content.toString(StandardCharsets.UTF_8);
        request.release();
        return text;
    }

    @Test
    void gzipIsUndoneAndTheHeaderGoes() throws Exception {
        FullHttpRequest request = decode("gzip", gzip("{\"data\":1}"));
        assertThat(request.headers().contains("Content-Encoding")).isFalse();
        assertThat(content(request)).isEqualTo("{\"data\":1}");
    }

    @Test
    void gzipAppendedToTheCallersEncodingIsUndoneAndTheCallersEncodingStays() throws Exception {
        FullHttpRequest request = decode("custom, gzip", gzip("{\"data\":2}"));
        assertThat(request.headers().get("Content-Encoding")).isEqualTo("custom");
        assertThat(content(request)).isEqualTo("{\"data\":2}");
    }

    @Test
    void anEncodingItCannotUndoPassesThrough() {
        FullHttpRequest request = decode("custom", "raw".getBytes(StandardCharsets.UTF_8));
        assertThat(request.headers().get("Content-Encoding")).isEqualTo("custom");
        assertThat(content(request)).isEqualTo("raw");
    }
}

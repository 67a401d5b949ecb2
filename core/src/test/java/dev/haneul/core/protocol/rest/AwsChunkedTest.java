package dev.haneul.core.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.protocol.WireRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SigV4 streaming bodies ({@code aws-chunked}) decoded before members are bound. */
class AwsChunkedTest {

    private static final String SIGNED = "5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n, sky!\r\n"
            + "0;chunk-signature=cccc\r\n\r\n";
    private static final String TRAILER = "a\r\nhello, sky\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";

    private static WireRequest chunked(String body, String contentEncoding) {
        return new WireRequest("PUT", "/b/k", "", List.of(Map.entry("Content-Encoding", contentEncoding),
                Map.entry("Content-Length", Integer.toString(body.length())),
                Map.entry("x-amz-decoded-content-length", "10"), Map.entry("x-amz-meta-a", "1")),
                StreamingBlob.of(body.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String read(WireRequest request) {
        return new String(request.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void signedChunksAndTrailersAreStrippedAndTheHeadersTellTheDecodedBody() {
        WireRequest decoded = AwsChunked.unwrap(chunked(SIGNED, "aws-chunked"));
        assertThat(read(decoded)).isEqualTo("hello, sky!");
        assertThat(decoded.header("Content-Encoding")).isEmpty();
        assertThat(decoded.header("Content-Length")).contains("10");
        assertThat(decoded.body().contentLength()).isEqualTo(10);
        assertThat(decoded.header("x-amz-meta-a")).contains("1");
        assertThat(read(AwsChunked.unwrap(chunked(TRAILER, "aws-chunked")))).isEqualTo("hello, sky");
    }

    @Test
    void otherContentCodingsStay() {
        assertThat(AwsChunked.unwrap(chunked(TRAILER, "gzip, aws-chunked")).header("Content-Encoding")).contains("gzip");
        WireRequest plain = new WireRequest("PUT", "/b/k", "", List.of(), StreamingBlob.of(new byte[] {1}));
        assertThat(AwsChunked.unwrap(plain)).isSameAs(plain);
    }

    @Test
    void aDecodedBodyIsReadInStepsNotHeldWhole() throws IOException {
        InputStream in = AwsChunked.unwrap(chunked(SIGNED, "aws-chunked")).body().openStream();
        byte[] buffer = new byte[4];
        assertThat(in.read(buffer, 0, 4)).isEqualTo(4);
        assertThat(in.read(buffer, 0, 4)).isEqualTo(1);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(", sky!");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void brokenFramingIsAnIncompleteBodyNotAServerFailure() {
        for (String broken : List.of("zz\r\nhello\r\n", "5\r\nhel", "5\r\nhelloXX0\r\n\r\n", "5".repeat(5000),
                "5\r\nhello\r\n0\r\n")) {
            assertThatThrownBy(() -> read(AwsChunked.unwrap(chunked(broken, "aws-chunked"))))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo("IncompleteBody");
                        assertThat(e.status()).isEqualTo(400);
                    });
        }
    }
}

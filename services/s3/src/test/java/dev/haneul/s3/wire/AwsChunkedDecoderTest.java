package dev.haneul.s3.wire;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.auth.SigV4SigningKey;
import dev.haneul.s3.error.S3Exception;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The aws-chunked decoder against the worked examples of the S3 API reference ("Transferring
 * payload in multiple chunks" and "Signature calculations for trailing headers": 66,560 bytes of
 * {@code a} as 64 KiB + 1 KiB + the final chunk, with the documented signatures) and against bodies
 * the AWS SDK for Java v2's own signer produces.
 */
class AwsChunkedDecoderTest {

    private static final String DOC_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String DOC_DATE = "20130524T000000Z";

    @Test
    void theDocumentedSignedExampleDecodes() throws IOException {
        byte[] body = docBody(
                new String[] {"ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"}, "");
        assertThat(body).hasSize(66_824); // The documented Content-Length.
        AwsChunkedDecoder decoder = docDecoder(StreamingPayload.SIGNED,
                "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", List.of());
        byte[] decoded = decodeInPieces(decoder, body, 1);
        assertThat(decoded).isEqualTo(aaa(66_560));
    }

    @Test
    void theDocumentedTrailerExampleDecodesWithItsChecksum() throws IOException {
        byte[] body = docBody(
                new String[] {"b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
                    "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
                    "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"},
                "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                        + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n");
        AwsChunkedDecoder decoder = docDecoder(StreamingPayload.SIGNED_WITH_TRAILER,
                "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e", List.of("x-amz-checksum-crc32c"));
        assertThat(decodeInPieces(decoder, body, 8192)).isEqualTo(aaa(66_560));
        assertThat(decoder.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32c", "sOO8/Q=="));
    }

    @Test
    void aChangedByteOrSignatureFailsTheBody() {
        String[] signatures = {"ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"};
        byte[] tampered = docBody(signatures, "");
        tampered[100] = 'b';
        assertCode(() -> decodeInPieces(docDecoder(StreamingPayload.SIGNED,
                "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", List.of()), tampered, 65_000),
                "SignatureDoesNotMatch");
        // Chunks swapped: the chain breaks even though each signature is genuine.
        String[] reordered = {signatures[1], signatures[0], signatures[2]};
        assertCode(() -> decodeInPieces(docDecoder(StreamingPayload.SIGNED,
                "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", List.of()),
                docBody(reordered, ""), 4096), "SignatureDoesNotMatch");
    }

    @Test
    void truncatedOrOverlongBodiesAreIncomplete() {
        byte[] body = unsigned("abc", "x-amz-checksum-crc32:NSRBwg==\r\n");
        AwsChunkedDecoder cut = unsignedDecoder(3);
        assertCode(() -> {
            cut.decode(ByteBuffer.wrap(body, 0, body.length - 2), data -> data.position(data.limit()));
            cut.finish();
        }, "IncompleteBody");
        assertCode(() -> decodeInPieces(unsignedDecoder(2), body, 100), "IncompleteBody");
        assertCode(() -> decodeInPieces(unsignedDecoder(4), body, 100), "IncompleteBody");
        assertCode(() -> decodeInPieces(unsignedDecoder(3), "zz\r\nabc\r\n0\r\n\r\n".getBytes(US_ASCII), 100),
                "IncompleteBody");
        assertCode(() -> decodeInPieces(unsignedDecoder(3), "3\r\nabcX\r\n0\r\n\r\n".getBytes(US_ASCII), 100),
                "IncompleteBody");
        byte[] longLine = new byte[AwsChunkedDecoder.MAX_LINE + 10];
        Arrays.fill(longLine, (byte) '0');
        assertCode(() -> decodeInPieces(unsignedDecoder(3), longLine, 1000), "IncompleteBody");
        assertCode(() -> decodeInPieces(unsignedDecoder(3), (new String(unsigned("abc", "")) + "extra").getBytes(US_ASCII), 100),
                "IncompleteBody");
    }

    @Test
    void unsignedTrailerBodiesCarryTheirChecksum() throws IOException {
        AwsChunkedDecoder decoder = AwsChunkedDecoder.create(StreamingPayload.UNSIGNED_WITH_TRAILER, Optional.empty(), 3,
                List.of("x-amz-checksum-crc32"));
        assertThat(decodeInPieces(decoder, unsigned("abc", "x-amz-checksum-crc32:NSRBwg==\r\n"), 1))
                .isEqualTo("abc".getBytes(US_ASCII));
        assertThat(decoder.trailers()).containsEntry("x-amz-checksum-crc32", "NSRBwg==");
        // The announced trailer must arrive.
        assertCode(() -> decodeInPieces(AwsChunkedDecoder.create(StreamingPayload.UNSIGNED_WITH_TRAILER,
                Optional.empty(), 3, List.of("x-amz-checksum-crc32")), unsigned("abc", ""), 100), "MalformedTrailerError");
        assertCode(() -> decodeInPieces(unsignedDecoder(3), unsigned("abc", "no colon\r\n"), 100), "MalformedTrailerError");
    }

    @Test
    void bodiesFromTheAwsSdkSignerDecode() throws IOException {
        byte[] payload = new byte[300_000];
        new Random(3).nextBytes(payload);
        for (boolean signedPayload : new boolean[] {true, false}) {
            for (boolean trailer : new boolean[] {false, true}) {
                if (!signedPayload && !trailer) {
                    continue; // Unsigned without a checksum is not chunk-encoded by the SDK.
                }
                SdkBody sdk = sdkSign(payload, signedPayload, trailer);
                StreamingPayload mode = StreamingPayload.of(sdk.contentSha256).orElseThrow();
                assertThat(mode.signed()).isEqualTo(signedPayload);
                assertThat(mode.hasTrailers()).isEqualTo(trailer);
                Optional<ChunkSignatures> chain = signedPayload ? Optional.of(new ChunkSignatures(
                        SigV4SigningKey.derive("secret", "20250102", "us-east-1", "s3"), "20250102T030405Z",
                        sdk.seedSignature)) : Optional.empty();
                AwsChunkedDecoder decoder = AwsChunkedDecoder.create(mode, chain, sdk.decodedLength,
                        trailer ? List.of("x-amz-checksum-crc32") : List.of());
                assertThat(decodeInPieces(decoder, sdk.body, 777)).as(mode.name()).isEqualTo(payload);
                if (trailer) {
                    assertThat(decoder.trailers()).containsEntry("x-amz-checksum-crc32",
                            Base64.getEncoder().encodeToString(ChecksumAlgorithm.CRC32.digest(payload)));
                }
                if (signedPayload) {
                    // Another secret: the chain does not verify.
                    AwsChunkedDecoder wrongKey = AwsChunkedDecoder.create(mode, Optional.of(new ChunkSignatures(
                            SigV4SigningKey.derive("other", "20250102", "us-east-1", "s3"), "20250102T030405Z",
                            sdk.seedSignature)), sdk.decodedLength, List.of());
                    assertCode(() -> decodeInPieces(wrongKey, sdk.body, 65_536), "SignatureDoesNotMatch");
                }
            }
        }
    }

    private record SdkBody(byte[] body, String contentSha256, String seedSignature, long decodedLength) {}

    private static SdkBody sdkSign(byte[] payload, boolean signedPayload, boolean trailer) throws IOException {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                // Over plain HTTP the SDK always signs the chunks; unsigned chunks are for HTTPS.
                .uri(URI.create((signedPayload ? "http" : "https") + "://127.0.0.1:4566/bucket/key"))
                .putHeader("Content-Length", Integer.toString(payload.length)).build();
        Clock clock = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create("AKID", "secret"))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
            if (trailer) {
                r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
            }
        });
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            in.transferTo(body);
        }
        SdkHttpRequest out = signed.request();
        Matcher signature = Pattern.compile("Signature=([0-9a-f]{64})")
                .matcher(out.firstMatchingHeader("Authorization").orElseThrow());
        assertThat(signature.find()).isTrue();
        assertThat(out.firstMatchingHeader("Content-Length").map(Long::parseLong)).contains((long) body.size());
        return new SdkBody(body.toByteArray(), out.firstMatchingHeader("x-amz-content-sha256").orElseThrow(),
                signature.group(1), Long.parseLong(out.firstMatchingHeader("x-amz-decoded-content-length").orElseThrow()));
    }

    private static AwsChunkedDecoder docDecoder(StreamingPayload mode, String seed, List<String> trailers) {
        return AwsChunkedDecoder.create(mode, Optional.of(new ChunkSignatures(
                SigV4SigningKey.derive(DOC_SECRET, "20130524", "us-east-1", "s3"), DOC_DATE, seed)), 66_560, trailers);
    }

    private static AwsChunkedDecoder unsignedDecoder(long length) {
        return AwsChunkedDecoder.create(StreamingPayload.UNSIGNED_WITH_TRAILER, Optional.empty(), length, List.of());
    }

    private static byte[] docBody(String[] signatures, String trailers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("10000;chunk-signature=" + signatures[0] + "\r\n").getBytes(US_ASCII));
        body.writeBytes(aaa(65_536));
        body.writeBytes(("\r\n400;chunk-signature=" + signatures[1] + "\r\n").getBytes(US_ASCII));
        body.writeBytes(aaa(1024));
        body.writeBytes(("\r\n0;chunk-signature=" + signatures[2] + "\r\n").getBytes(US_ASCII));
        body.writeBytes(trailers.getBytes(US_ASCII));
        body.writeBytes("\r\n".getBytes(US_ASCII));
        return body.toByteArray();
    }

    private static byte[] unsigned(String data, String trailers) {
        return (Integer.toHexString(data.length()) + "\r\n" + data + "\r\n0\r\n" + trailers + "\r\n").getBytes(UTF_8);
    }

    private static byte[] aaa(int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }

    /** Feeds the body in pieces of {@code piece} bytes, as a network would, and finishes. */
    private static byte[] decodeInPieces(AwsChunkedDecoder decoder, byte[] body, int piece) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += piece) {
            ByteBuffer input = ByteBuffer.wrap(body, at, Math.min(piece, body.length - at));
            decoder.decode(input, data -> {
                byte[] copy = new byte[data.remaining()];
                data.get(copy);
                out.writeBytes(copy);
            });
            assertThat(input.hasRemaining()).isFalse();
        }
        decoder.finish();
        return out.toByteArray();
    }

    private static void assertCode(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}

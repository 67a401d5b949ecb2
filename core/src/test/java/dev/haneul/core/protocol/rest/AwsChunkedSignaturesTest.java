package dev.haneul.core.protocol.rest;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.auth.ChunkSignatures;
import dev.haneul.core.auth.SigV4SigningKey;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.protocol.TrailingHeaders;
import dev.haneul.core.protocol.WireRequest;
import dev.haneul.core.testing.ChunkSignedUploads;
import dev.haneul.core.testing.ChunkSignedUploads.SignedUpload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Chunk signatures of aws-chunked bodies, checked as the body is read, against the worked examples
 * of the S3 API reference ("Transferring payload in multiple chunks" and "Signature calculations
 * for trailing headers": 66,560 bytes of {@code a} as 64 KiB + 1 KiB + the final chunk, with the
 * documented signatures) and against bodies the AWS SDK for Java v2's own signer produces.
 */
class AwsChunkedSignaturesTest {

    private static final String DOC_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String DOC_DATE = "20130524T000000Z";
    private static final String DOC_SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    private static final String[] DOC_SIGNATURES = {"ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"};

    @Test
    void theDocumentedSignedExampleDecodes() throws IOException {
        byte[] body = docBody(DOC_SIGNATURES, "");
        assertThat(body).hasSize(66_824); // The documented Content-Length.
        assertThat(read(signed(body, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", docChain(DOC_SEED)), 1000))
                .isEqualTo(aaa(66_560));
    }

    @Test
    void theDocumentedTrailerExampleDecodesWithItsChecksum() throws IOException {
        byte[] body = docBody(new String[] {"b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
            "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
            "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"},
                "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                        + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n");
        WireRequest request = signed(body, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                docChain("106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"));
        try (InputStream in = AwsChunked.unwrap(request).body().openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(aaa(66_560));
            assertThat(((TrailingHeaders) in).trailers()).containsExactly(Map.entry("x-amz-checksum-crc32c", "sOO8/Q=="));
        }
        // A changed trailer breaks its signature.
        byte[] changed = new String(body, US_ASCII).replace("sOO8/Q==", "AAAAAA==").getBytes(US_ASCII);
        assertCode(() -> read(signed(changed, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                docChain("106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e")), 8192),
                "SignatureDoesNotMatch");
    }

    @Test
    void aChangedByteMissingOrReorderedSignatureFailsTheBody() {
        byte[] tampered = docBody(DOC_SIGNATURES, "");
        tampered[100] = 'b';
        assertCode(() -> read(signed(tampered, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", docChain(DOC_SEED)), 65_000),
                "SignatureDoesNotMatch");
        // Chunks swapped: the chain breaks even though each signature is genuine.
        String[] reordered = {DOC_SIGNATURES[1], DOC_SIGNATURES[0], DOC_SIGNATURES[2]};
        assertCode(() -> read(signed(docBody(reordered, ""), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                docChain(DOC_SEED)), 4096), "SignatureDoesNotMatch");
        // Another seed (another request's signature): the first chunk does not follow it.
        assertCode(() -> read(signed(docBody(DOC_SIGNATURES, ""), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                docChain("0".repeat(64))), 4096), "SignatureDoesNotMatch");
        // Chunks without signatures when they must have them.
        byte[] unsignedChunks = "3\r\nabc\r\n0\r\n\r\n".getBytes(US_ASCII);
        assertCode(() -> read(signed(unsignedChunks, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", docChain(DOC_SEED)), 100),
                "SignatureDoesNotMatch");
    }

    @Test
    void withoutAChainSignaturesAreNotChecked() throws IOException {
        byte[] tampered = docBody(DOC_SIGNATURES, "");
        tampered[100] = 'b';
        WireRequest request = new WireRequest("PUT", "/b/k", "", headers("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", 66_560),
                StreamingBlob.of(tampered));
        assertThat(read(request, 65_536)).hasSize(66_560);
    }

    @Test
    void bodiesFromTheAwsSdkSignerDecodeAndOnlyWithTheirKey() throws IOException {
        byte[] payload = new byte[300_000];
        new Random(3).nextBytes(payload);
        for (boolean trailer : new boolean[] {false, true}) {
            SignedUpload sdk = sdkSign(payload, trailer);
            ChunkSignatures chain = new ChunkSignatures(SigV4SigningKey.derive("secret", "20250102", "us-east-1", "s3"),
                    "20250102T030405Z", sdk.seedSignature());
            WireRequest request = new WireRequest("PUT", "/b/k", "", sdk.headers(), StreamingBlob.of(sdk.body()))
                    .withChunkSignatures(chain);
            try (InputStream in = AwsChunked.unwrap(request).body().openStream()) {
                assertThat(in.readAllBytes()).isEqualTo(payload);
                if (trailer) {
                    CRC32 crc = new CRC32();
                    crc.update(payload);
                    byte[] value = new byte[] {(byte) (crc.getValue() >>> 24), (byte) (crc.getValue() >>> 16),
                        (byte) (crc.getValue() >>> 8), (byte) crc.getValue()};
                    assertThat(((TrailingHeaders) in).trailers())
                            .containsEntry("x-amz-checksum-crc32", Base64.getEncoder().encodeToString(value));
                }
            }
            ChunkSignatures wrongKey = new ChunkSignatures(SigV4SigningKey.derive("other", "20250102", "us-east-1",
                    "s3"), "20250102T030405Z", sdk.seedSignature());
            assertCode(() -> read(new WireRequest("PUT", "/b/k", "", sdk.headers(), StreamingBlob.of(sdk.body()))
                    .withChunkSignatures(wrongKey), 65_536), "SignatureDoesNotMatch");
        }
    }

    /** What the SDK sends over plain HTTP, where it signs every chunk; at a fixed time, with the key AKID/secret. */
    private static SignedUpload sdkSign(byte[] payload, boolean trailer) {
        SignedUpload upload = ChunkSignedUploads.sign(URI.create("http://127.0.0.1:4566/bucket/key"), "AKID", "secret",
                payload, trailer, Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC));
        assertThat(upload.signed().firstMatchingHeader("x-amz-content-sha256")).contains(trailer
                ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" : "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        return upload;
    }

    private static ChunkSignatures docChain(String seed) {
        return new ChunkSignatures(SigV4SigningKey.derive(DOC_SECRET, "20130524", "us-east-1", "s3"), DOC_DATE, seed);
    }

    private static List<Map.Entry<String, String>> headers(String contentSha256, long decodedLength) {
        return List.of(Map.entry("x-amz-content-sha256", contentSha256),
                Map.entry("x-amz-decoded-content-length", Long.toString(decodedLength)));
    }

    /** A documented-example request: the framing is announced by the payload hash alone. */
    private static WireRequest signed(byte[] body, String contentSha256, ChunkSignatures chain) {
        return new WireRequest("PUT", "/b/k", "", headers(contentSha256, 66_560), StreamingBlob.of(body))
                .withChunkSignatures(chain);
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

    private static byte[] aaa(int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }

    /** The decoded body, read in steps of {@code step} bytes as a provider would. */
    private static byte[] read(WireRequest request, int step) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = AwsChunked.unwrap(request).body().openStream()) {
            byte[] buffer = new byte[step];
            for (int n; (n = in.read(buffer, 0, step)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static void assertCode(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

}

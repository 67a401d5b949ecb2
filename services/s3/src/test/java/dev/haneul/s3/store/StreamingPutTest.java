package dev.haneul.s3.store;

import static dev.haneul.s3.store.StoreFixture.OWNER;
import static dev.haneul.s3.store.StoreFixture.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ExpectedDigests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's side of a streamed PutObject with a trailing checksum: request headers →
 * {@link ExpectedDigests}, decoded body pieces (the gateway removes the aws-chunked framing) →
 * {@link BodySink}, trailer → the sink's expectations, commit.
 */
class StreamingPutTest {

    @TempDir
    Path dir;

    @Test
    void anUnsignedTrailerBodyIsStoredWithItsTrailingChecksum() throws IOException {
        byte[] payload = new byte[100_000];
        new Random(5).nextBytes(payload);
        String crc = Base64.getEncoder().encodeToString(ChecksumAlgorithm.CRC32.digest(payload));
        try (S3Store store = StoreFixture.open(dir)) {
            store.createBucket("bucket", OWNER, "us-east-1");
            ObjectVersion stored = streamedPut(store, payload, "x-amz-checksum-crc32:" + crc);
            assertThat(stored.size()).isEqualTo(payload.length);
            assertThat(stored.checksum().orElseThrow().algorithm()).isEqualTo(ChecksumAlgorithm.CRC32);
            assertThat(stored.checksum().orElseThrow().value()).isEqualTo(crc);
            try (ObjectRead read = store.getObject("bucket", "streamed", GetObjectOptions.latest())) {
                assertThat(read.stream().readAllBytes()).isEqualTo(payload);
            }

            // A trailer that does not match the body: BadDigest, and the object is unchanged.
            assertThat(assertS3Error(() -> streamedPut(store, new byte[100_000], "x-amz-checksum-crc32:" + crc),
                    "BadDigest").getMessage()).isEqualTo("The CRC32 you specified did not match the calculated checksum.");
            try (ObjectRead read = store.getObject("bucket", "streamed", GetObjectOptions.latest())) {
                assertThat(read.stream().readAllBytes()).isEqualTo(payload);
            }
        }
    }

    private static ObjectVersion streamedPut(S3Store store, byte[] payload, String trailer) throws IOException {
        List<Map.Entry<String, String>> headers = List.of(
                Map.entry("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
                Map.entry("x-amz-trailer", "x-amz-checksum-crc32"),
                Map.entry("x-amz-decoded-content-length", Integer.toString(payload.length)),
                Map.entry("Content-Encoding", "aws-chunked"));
        ExpectedDigests expected = ExpectedDigests.fromHeaders(headers);
        PutObjectOptions put = PutObjectOptions.defaults().withDigests(expected)
                .withMetadata(ObjectMetadata.fromHeaders(headers));
        try (BodySink<ObjectVersion> sink = store.openPut("bucket", "streamed", put)) {
            for (int at = 0; at < payload.length; at += 8192) { // As network reads would hand it over.
                sink.write(ByteBuffer.wrap(payload, at, Math.min(8192, payload.length - at)));
            }
            String value = trailer.substring(trailer.indexOf(':') + 1);
            sink.expect(expected.withTrailerChecksum(ChecksumAlgorithm.CRC32, value));
            ObjectVersion committed = sink.commit();
            assertThat(committed.metadata().header("Content-Encoding")).isEmpty(); // aws-chunked is not kept.
            return committed;
        }
    }
}

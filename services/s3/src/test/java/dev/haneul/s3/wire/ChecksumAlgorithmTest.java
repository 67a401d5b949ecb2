package dev.haneul.s3.wire;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.s3.error.S3Exception;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumAlgorithmTest {

    @Test
    void crc64NvmeMatchesTheNvmeSpecificationVectors() {
        // Check value of the catalogue of CRCs, and the NVM Command Set specification's 4 KiB cases.
        assertThat(hex(ChecksumAlgorithm.CRC64NVME.digest("123456789".getBytes(US_ASCII)))).isEqualTo("ae8b14860a799888");
        assertThat(hex(ChecksumAlgorithm.CRC64NVME.digest(new byte[4096]))).isEqualTo("6482d367eb22b64e");
        byte[] ones = new byte[4096];
        Arrays.fill(ones, (byte) 0xFF);
        assertThat(hex(ChecksumAlgorithm.CRC64NVME.digest(ones))).isEqualTo("c0ddba7302eca3ac");
        byte[] increasing = new byte[4096];
        for (int i = 0; i < increasing.length; i++) {
            increasing[i] = (byte) i;
        }
        assertThat(hex(ChecksumAlgorithm.CRC64NVME.digest(increasing))).isEqualTo("3e729f5f6750449c");
    }

    @Test
    void crc64NvmeMatchesTheAwsCrtVectors() {
        // aws-c-s3's NIST-style case and a value the minio/robertgrimm tools print for "Hello, World!\n".
        assertThat(hex(ChecksumAlgorithm.CRC64NVME.digest("aaaaaaaaaa".getBytes(US_ASCII)))).isEqualTo("0c1a80036d65c555");
        assertThat(b64(ChecksumAlgorithm.CRC64NVME.digest("Hello, World!\n".getBytes(US_ASCII)))).isEqualTo("SoXXbx67KpE=");
    }

    @Test
    void headerFormsAreBase64OfTheBigEndianDigest() {
        assertThat(b64(ChecksumAlgorithm.CRC32.digest("abc".getBytes(US_ASCII)))).isEqualTo("NSRBwg==");
        byte[] a66560 = new byte[66_560];
        Arrays.fill(a66560, (byte) 'a');
        // The CRC32C trailer of the AWS sigv4-streaming-trailers example.
        assertThat(b64(ChecksumAlgorithm.CRC32C.digest(a66560))).isEqualTo("sOO8/Q==");
        assertThat(hex(ChecksumAlgorithm.SHA256.digest(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(ChecksumAlgorithm.SHA1.digest(new byte[0])).hasSize(20);
        assertThat(ChecksumAlgorithm.CRC32.headerName()).isEqualTo("x-amz-checksum-crc32");
        assertThat(ChecksumAlgorithm.ofHeader("X-Amz-Checksum-CRC64NVME")).contains(ChecksumAlgorithm.CRC64NVME);
        assertThat(ChecksumAlgorithm.named("crc32c")).contains(ChecksumAlgorithm.CRC32C);
    }

    @Test
    void byteBufferAndArrayUpdatesAgreeForEveryAlgorithm() {
        byte[] data = new byte[100_003];
        new Random(1).nextBytes(data);
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            RunningChecksum running = algorithm.start();
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
            running.update(direct.slice(0, 7));
            running.update(direct.slice(7, data.length - 7));
            assertThat(running.digest()).as(algorithm.name()).isEqualTo(algorithm.digest(data));
        }
    }

    @Test
    void backgroundDigestsEqualTheSequentialOnes() {
        byte[] data = new byte[3 * BodyDigests.CHUNK + 12_345];
        new Random(11).nextBytes(data);
        BodyDigests sequential = new BodyDigests(ChecksumAlgorithm.CRC64NVME, true);
        BodyDigests background = new BodyDigests(ChecksumAlgorithm.CRC64NVME, true);
        Random pieces = new Random(12);
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, 1 + pieces.nextInt(100_000));
            sequential.update(ByteBuffer.wrap(data, at, n));
            if (at > 1000) {
                background.inBackground(); // Switched mid-body, as a spilling sink does.
            }
            background.update(ByteBuffer.wrap(data, at, n));
            at += n;
        }
        BodyDigests.Result a = sequential.finish();
        BodyDigests.Result b = background.finish();
        assertThat(b.length()).isEqualTo(data.length);
        assertThat(b.md5()).isEqualTo(a.md5());
        assertThat(b.checksum()).isEqualTo(a.checksum()).isEqualTo(ChecksumAlgorithm.CRC64NVME.digest(data));
        assertThat(b.sha256().orElseThrow()).isEqualTo(a.sha256().orElseThrow());
    }

    @Test
    void fullObjectCrcsCombineFromTheParts() {
        Random random = new Random(7);
        byte[] data = new byte[300_000];
        random.nextBytes(data);
        int[] cuts = {0, 1, 5, 70_000, 70_001, 250_000, 300_000};
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            if (!algorithm.isCrc()) {
                continue;
            }
            List<byte[]> digests = new ArrayList<>();
            List<Long> lengths = new ArrayList<>();
            for (int i = 1; i < cuts.length; i++) {
                digests.add(algorithm.digest(Arrays.copyOfRange(data, cuts[i - 1], cuts[i])));
                lengths.add((long) (cuts[i] - cuts[i - 1]));
            }
            assertThat(algorithm.fullObject(digests, lengths)).as(algorithm.name()).isEqualTo(algorithm.digest(data));
        }
        assertThat(ChecksumAlgorithm.SHA256.supports(ChecksumType.FULL_OBJECT)).isFalse();
        assertThat(ChecksumAlgorithm.CRC64NVME.supports(ChecksumType.COMPOSITE)).isFalse();
        assertThat(ChecksumAlgorithm.CRC32.supports(ChecksumType.COMPOSITE)).isTrue();
    }

    @Test
    void compositeIsTheChecksumOfThePartChecksumsWithThePartCount() {
        byte[] part1 = ChecksumAlgorithm.SHA256.digest("one".getBytes(US_ASCII));
        byte[] part2 = ChecksumAlgorithm.SHA256.digest("two".getBytes(US_ASCII));
        byte[] joined = new byte[64];
        System.arraycopy(part1, 0, joined, 0, 32);
        System.arraycopy(part2, 0, joined, 32, 32);
        assertThat(ChecksumAlgorithm.SHA256.composite(List.of(part1, part2)))
                .isEqualTo(b64(ChecksumAlgorithm.SHA256.digest(joined)) + "-2");
    }

    @Test
    void declaredDigestsAreCheckedForFormFirstAndAgainstTheBodyAfter() {
        byte[] body = "hello".getBytes(US_ASCII);
        String crc = b64(ChecksumAlgorithm.CRC32.digest(body));
        ExpectedDigests expected = ExpectedDigests.fromHeaders(List.of(
                Map.entry("Content-MD5", b64(BodyDigests.digest("MD5").digest(body))),
                Map.entry("x-amz-checksum-crc32", crc),
                Map.entry("x-amz-content-sha256", hex(ChecksumAlgorithm.SHA256.digest(body)))));
        assertThat(expected.checksumAlgorithm()).contains(ChecksumAlgorithm.CRC32);
        expected.verify(digest(body, ChecksumAlgorithm.CRC32));

        assertThatThrownBy(() -> expected.verify(digest("hellO".getBytes(US_ASCII), ChecksumAlgorithm.CRC32)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo("XAmzContentSHA256Mismatch"));
        ExpectedDigests crcOnly = ExpectedDigests.fromHeaders(List.of(Map.entry("x-amz-checksum-crc32", crc)));
        assertThatThrownBy(() -> crcOnly.verify(digest("hellO".getBytes(US_ASCII), ChecksumAlgorithm.CRC32)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo("BadDigest");
                    assertThat(e.getMessage()).isEqualTo("The CRC32 you specified did not match the calculated checksum.");
                });
        ExpectedDigests md5Only = ExpectedDigests.fromHeaders(List.of(Map.entry("Content-MD5", "CYketZBSTjX8czcs3cXVlg==")));
        assertThatThrownBy(() -> md5Only.verify(digest(body, ChecksumAlgorithm.CRC64NVME)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo("BadDigest");
                    assertThat(e.getMessage()).isEqualTo("The Content-MD5 you specified did not match what we received.");
                    assertThat(e.orderedFields()).containsKeys("ExpectedDigest", "CalculatedDigest");
                });
    }

    @Test
    void malformedDeclarationsAreRefusedWithS3sCodes() {
        assertThatThrownBy(() -> ExpectedDigests.fromHeaders(List.of(Map.entry("Content-MD5", "dGVzdC1zdHJpbmc="))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidDigest");
                    assertThat(e.status()).isEqualTo(400);
                });
        assertThatThrownBy(() -> ExpectedDigests.fromHeaders(List.of(Map.entry("x-amz-checksum-crc32", "nope"))))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.getMessage()).isEqualTo("Value for x-amz-checksum-crc32 header is invalid."));
        assertThatThrownBy(() -> ExpectedDigests.fromHeaders(List.of(Map.entry("x-amz-checksum-crc32", "NSRBwg=="),
                Map.entry("x-amz-checksum-sha1", b64(new byte[20])))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."));
        assertThatThrownBy(() -> ExpectedDigests.fromHeaders(List.of(Map.entry("x-amz-sdk-checksum-algorithm", "MD4"))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidRequest"));
        ExpectedDigests trailer = ExpectedDigests.fromHeaders(List.of(Map.entry("x-amz-trailer", "x-amz-checksum-sha256")));
        assertThat(trailer.checksumAlgorithm()).contains(ChecksumAlgorithm.SHA256);
        assertThatThrownBy(() -> trailer.withTrailerChecksum(ChecksumAlgorithm.SHA256, "AAAA"))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.getMessage()).isEqualTo("Value for x-amz-checksum-sha256 trailing header is invalid."));
    }

    private static BodyDigests.Result digest(byte[] body, ChecksumAlgorithm algorithm) {
        BodyDigests digests = new BodyDigests(algorithm, true);
        digests.update(ByteBuffer.wrap(body));
        return digests.finish();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

package dev.haneul.s3.wire;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.error.S3Error;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a request says its body's digests are, read from its headers and checked for form before a
 * byte of the body is stored: {@code Content-MD5} (base64 of 16 bytes, else InvalidDigest), at most
 * one {@code x-amz-checksum-<algorithm>} (base64 of the digest length, else InvalidRequest), and a hex
 * {@code x-amz-content-sha256}. After the body has streamed through {@link BodyDigests},
 * {@link #verify} compares, with S3's codes: XAmzContentSHA256Mismatch, then BadDigest for the MD5,
 * then BadDigest for the flexible checksum.
 *
 * @param contentMd5 the 16 bytes of {@code Content-MD5}
 * @param checksumAlgorithm the algorithm whose checksum S3 computes and stores: from the
 *     {@code x-amz-checksum-*} header, else {@code x-amz-sdk-checksum-algorithm} or the trailer
 *     announced in {@code x-amz-trailer}, else empty (the store then uses CRC-64/NVME, as S3 does)
 * @param checksum the expected checksum value, when sent in a header (a trailer's arrives later)
 * @param contentSha256 the 32 bytes of a hex {@code x-amz-content-sha256} (not the
 *     {@code UNSIGNED-PAYLOAD} / {@code STREAMING-*} markers)
 */
public record ExpectedDigests(Optional<byte[]> contentMd5, Optional<ChecksumAlgorithm> checksumAlgorithm,
                              Optional<byte[]> checksum, Optional<byte[]> contentSha256) {

    private static final String CHECKSUM_PREFIX = "x-amz-checksum-";

    public ExpectedDigests {
        requireNonNull(contentMd5, "contentMd5");
        requireNonNull(checksumAlgorithm, "checksumAlgorithm");
        requireNonNull(checksum, "checksum");
        requireNonNull(contentSha256, "contentSha256");
        if (checksum.isPresent() && checksumAlgorithm.isEmpty()) {
            throw new IllegalArgumentException("checksum without checksumAlgorithm");
        }
    }

    /** Nothing expected. */
    public static ExpectedDigests none() {
        return new ExpectedDigests(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Reads the digests a request declares.
     *
     * @param headers every request header as (name, value), in any case
     * @throws dev.haneul.s3.error.S3Exception InvalidDigest, or InvalidRequest for a malformed,
     *     unknown or repeated checksum header
     */
    public static ExpectedDigests fromHeaders(List<Map.Entry<String, String>> headers) {
        Optional<byte[]> md5 = Optional.empty();
        Optional<ChecksumAlgorithm> algorithm = Optional.empty();
        Optional<byte[]> checksum = Optional.empty();
        Optional<byte[]> sha256 = Optional.empty();
        Optional<ChecksumAlgorithm> announced = Optional.empty();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = header.getValue().strip();
            if (name.equals("content-md5")) {
                md5 = Optional.of(decodeMd5(value));
            } else if (name.equals("x-amz-content-sha256")) {
                sha256 = parseHexSha256(value);
            } else if (name.equals("x-amz-sdk-checksum-algorithm") || name.equals("x-amz-checksum-algorithm")) {
                announced = Optional.of(ChecksumAlgorithm.named(value).orElseThrow(ExpectedDigests::unsupported));
            } else if (name.equals("x-amz-trailer")) {
                Optional<ChecksumAlgorithm> trailer = ChecksumAlgorithm.ofHeader(value);
                if (trailer.isPresent()) {
                    announced = trailer;
                }
            } else if (name.startsWith(CHECKSUM_PREFIX) && !name.equals("x-amz-checksum-type")
                    && !name.equals("x-amz-checksum-mode")) {
                ChecksumAlgorithm sent = ChecksumAlgorithm.ofHeader(name).orElseThrow(ExpectedDigests::unsupported);
                if (algorithm.isPresent()) {
                    throw S3Error.INVALID_REQUEST.exception(
                            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.", Map.of());
                }
                algorithm = Optional.of(sent);
                checksum = Optional.of(sent.decode(value).orElseThrow(() -> invalidChecksum(sent, "header")));
            }
        }
        if (algorithm.isEmpty()) {
            algorithm = announced;
        }
        return new ExpectedDigests(md5, algorithm, checksum, sha256);
    }

    /** The same, with the checksum value that arrived in a trailer (checked for form). */
    public ExpectedDigests withTrailerChecksum(ChecksumAlgorithm algorithm, String base64) {
        byte[] value = algorithm.decode(base64).orElseThrow(() -> invalidChecksum(algorithm, "trailing header"));
        return new ExpectedDigests(contentMd5, Optional.of(algorithm), Optional.of(value), contentSha256);
    }

    /** The same, with a different flexible checksum algorithm and no expected value. */
    public ExpectedDigests withChecksumAlgorithm(ChecksumAlgorithm algorithm) {
        return new ExpectedDigests(contentMd5, Optional.of(algorithm), Optional.empty(), contentSha256);
    }

    /**
     * Compares what the body turned out to be with what was declared.
     *
     * @throws dev.haneul.s3.error.S3Exception XAmzContentSHA256Mismatch or BadDigest
     */
    public void verify(BodyDigests.Result computed) {
        if (contentSha256.isPresent() && computed.sha256().isPresent()
                && !MessageDigest.isEqual(contentSha256.get(), computed.sha256().get())) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ClientComputedContentSHA256", HexFormat.of().formatHex(contentSha256.get()));
            fields.put("S3ComputedContentSHA256", HexFormat.of().formatHex(computed.sha256().get()));
            throw S3Error.X_AMZ_CONTENT_SHA256_MISMATCH.exception(fields);
        }
        if (contentMd5.isPresent() && !MessageDigest.isEqual(contentMd5.get(), computed.md5())) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ExpectedDigest", Base64.getEncoder().encodeToString(contentMd5.get()));
            fields.put("CalculatedDigest", Base64.getEncoder().encodeToString(computed.md5()));
            throw S3Error.BAD_DIGEST.exception(fields);
        }
        if (checksum.isPresent()) {
            ChecksumAlgorithm algorithm = checksumAlgorithm.orElseThrow();
            if (computed.checksumAlgorithm() != algorithm
                    || !MessageDigest.isEqual(checksum.get(), computed.checksum())) {
                throw S3Error.BAD_DIGEST.exception(
                        "The " + algorithm.name() + " you specified did not match the calculated checksum.", Map.of());
            }
        }
    }

    /** Decodes a {@code Content-MD5} value: base64 of exactly 16 bytes, else InvalidDigest. */
    public static byte[] decodeMd5(String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value.strip());
            if (bytes.length == 16) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // Not base64: InvalidDigest below.
        }
        throw S3Error.INVALID_DIGEST.exception(Map.of("Content-MD5", value));
    }

    private static Optional<byte[]> parseHexSha256(String value) {
        if (value.length() != 64) {
            return Optional.empty(); // UNSIGNED-PAYLOAD or a STREAMING-* marker: nothing to compare.
        }
        try {
            return Optional.of(HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // Not hex: the signature check will have failed already.
        }
    }

    private static RuntimeException unsupported() {
        return S3Error.INVALID_REQUEST.exception("Checksum algorithm provided is unsupported. Please try again"
                + " with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]", Map.of());
    }

    private static RuntimeException invalidChecksum(ChecksumAlgorithm algorithm, String where) {
        return S3Error.INVALID_REQUEST.exception(
                "Value for " + algorithm.headerName() + " " + where + " is invalid.", Map.of());
    }
}

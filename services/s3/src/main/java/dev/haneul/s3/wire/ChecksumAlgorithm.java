package dev.haneul.s3.wire;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The flexible checksums S3 validates and stores ({@code x-amz-checksum-<name>} headers and
 * trailers, {@code x-amz-sdk-checksum-algorithm}, {@code ChecksumAlgorithm} in XML). The wire form
 * is the base64 of the big-endian digest. For multipart objects S3 has two forms: COMPOSITE, the
 * algorithm applied to the concatenated binary part checksums, with {@code -<parts>} appended; and
 * FULL_OBJECT, the checksum of the whole object, which only the CRCs can derive from the parts
 * ({@link #fullObject}), so S3 refuses FULL_OBJECT with SHA-1/SHA-256 and COMPOSITE with
 * CRC-64/NVME.
 */
public enum ChecksumAlgorithm {
    CRC32(4),
    CRC32C(4),
    SHA1(20),
    SHA256(32),
    CRC64NVME(8);

    private static final CrcCombine CRC32_COMBINE = new CrcCombine(0xEDB88320L, 32);
    private static final CrcCombine CRC32C_COMBINE = new CrcCombine(0x82F63B78L, 32);
    private static final CrcCombine CRC64NVME_COMBINE = new CrcCombine(Crc64Nvme.POLY, 64);

    private final int digestLength;
    private final String headerName;

    ChecksumAlgorithm(int digestLength) {
        this.digestLength = digestLength;
        this.headerName = "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The algorithm named as in {@code x-amz-sdk-checksum-algorithm} or XML (any case). */
    public static Optional<ChecksumAlgorithm> named(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name.strip())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The algorithm whose header is {@code headerName} (any case), e.g. {@code x-amz-checksum-crc32}. */
    public static Optional<ChecksumAlgorithm> ofHeader(String headerName) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName.equalsIgnoreCase(headerName.strip())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** {@code x-amz-checksum-crc32} and so on. */
    public String headerName() {
        return headerName;
    }

    public int digestLength() {
        return digestLength;
    }

    /** Whether this is a CRC, whose part values combine into a full-object value. */
    public boolean isCrc() {
        return this != SHA1 && this != SHA256;
    }

    /** Whether S3 accepts this algorithm with the given multipart checksum type. */
    public boolean supports(ChecksumType type) {
        return type == ChecksumType.FULL_OBJECT ? isCrc() : this != CRC64NVME;
    }

    /** A fresh running checksum. */
    public RunningChecksum start() {
        return switch (this) {
            case CRC32 -> new CrcRunning(new CRC32(), 4);
            case CRC32C -> new CrcRunning(new CRC32C(), 4);
            case CRC64NVME -> new CrcRunning(new Crc64Nvme(), 8);
            case SHA1 -> new DigestRunning("SHA-1");
            case SHA256 -> new DigestRunning("SHA-256");
        };
    }

    /** The digest of {@code data}, for small inputs and tests. */
    public byte[] digest(byte[] data) {
        RunningChecksum running = start();
        running.update(data, 0, data.length);
        return running.digest();
    }

    /**
     * Whether {@code value} is a well-formed header value for this algorithm: base64 of exactly
     * {@link #digestLength()} bytes. S3 answers anything else with InvalidRequest
     * {@code Value for x-amz-checksum-crc32 header is invalid.}
     */
    public Optional<byte[]> decode(String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value.strip());
            return bytes.length == digestLength ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // Not base64: the caller answers InvalidRequest.
        }
    }

    /**
     * The COMPOSITE checksum of a multipart object: this algorithm over the concatenated binary part
     * checksums, base64, then {@code -<number of parts>}.
     */
    public String composite(List<byte[]> partDigests) {
        RunningChecksum running = start();
        for (byte[] digest : partDigests) {
            running.update(digest, 0, digest.length);
        }
        return Base64.getEncoder().encodeToString(running.digest()) + "-" + partDigests.size();
    }

    /**
     * The FULL_OBJECT checksum of consecutive parts, combined from each part's CRC and length
     * (CRCs only).
     */
    public byte[] fullObject(List<byte[]> partDigests, List<Long> partLengths) {
        if (!isCrc()) {
            throw new IllegalStateException(this + " values cannot be combined");
        }
        if (partDigests.size() != partLengths.size()) {
            throw new IllegalArgumentException("partDigests: " + partDigests.size() + " (expected: "
                    + partLengths.size() + ", one per part length)");
        }
        CrcCombine combine = switch (this) {
            case CRC32 -> CRC32_COMBINE;
            case CRC32C -> CRC32C_COMBINE;
            default -> CRC64NVME_COMBINE;
        };
        long crc = toLong(digest(new byte[0]));
        for (int i = 0; i < partDigests.size(); i++) {
            crc = combine.combine(crc, toLong(partDigests.get(i)), partLengths.get(i));
        }
        return toBytes(crc, digestLength);
    }

    private static long toLong(byte[] bigEndian) {
        long value = 0;
        for (byte b : bigEndian) {
            value = value << 8 | (b & 0xFF);
        }
        return value;
    }

    private static byte[] toBytes(long value, int length) {
        byte[] bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    private static final class CrcRunning implements RunningChecksum {

        private final Checksum checksum;
        private final int length;

        CrcRunning(Checksum checksum, int length) {
            this.checksum = checksum;
            this.length = length;
        }

        @Override
        public void update(byte[] data, int offset, int count) {
            checksum.update(data, offset, count);
        }

        @Override
        public void update(ByteBuffer data) {
            checksum.update(data);
        }

        @Override
        public byte[] digest() {
            return toBytes(checksum.getValue(), length);
        }
    }

    private static final class DigestRunning implements RunningChecksum {

        private final MessageDigest digest;

        DigestRunning(String algorithm) {
            try {
                this.digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
            }
        }

        @Override
        public void update(byte[] data, int offset, int count) {
            digest.update(data, offset, count);
        }

        @Override
        public void update(ByteBuffer data) {
            digest.update(data);
        }

        @Override
        public byte[] digest() {
            return digest.digest();
        }
    }
}

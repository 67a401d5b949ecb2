package dev.haneul.s3.wire;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The digests S3 computes over every body as it streams by: MD5 (the ETag of a single-part object),
 * one flexible checksum (stored and returned with the object) and, when the request declared a hex
 * {@code x-amz-content-sha256}, SHA-256. Fed with the same buffers that are written to disk, so
 * nothing is read twice. Not thread-safe.
 */
public final class BodyDigests {

    private final MessageDigest md5;
    private final ChecksumAlgorithm checksumAlgorithm;
    private final RunningChecksum checksum;
    private final MessageDigest sha256;
    private long length;

    /**
     * @param checksumAlgorithm the flexible checksum to compute
     * @param sha256 whether to compute SHA-256 too
     */
    public BodyDigests(ChecksumAlgorithm checksumAlgorithm, boolean sha256) {
        this.md5 = digest("MD5");
        this.checksumAlgorithm = requireNonNull(checksumAlgorithm, "checksumAlgorithm");
        this.checksum = checksumAlgorithm.start();
        this.sha256 = sha256 ? digest("SHA-256") : null;
    }

    /** Feeds the buffer's remaining bytes; its position is left unchanged. */
    public void update(ByteBuffer data) {
        int count = data.remaining();
        md5.update(data.duplicate());
        checksum.update(data.duplicate());
        if (sha256 != null) {
            sha256.update(data.duplicate());
        }
        length += count;
    }

    public void update(byte[] data, int offset, int count) {
        md5.update(data, offset, count);
        checksum.update(data, offset, count);
        if (sha256 != null) {
            sha256.update(data, offset, count);
        }
        length += count;
    }

    public long length() {
        return length;
    }

    /** The digests; this object must not be used afterwards. */
    public Result finish() {
        return new Result(length, md5.digest(), checksumAlgorithm, checksum.digest(),
                sha256 == null ? Optional.empty() : Optional.of(sha256.digest()));
    }

    /** The MD5 of a small body already in memory. */
    public static byte[] md5(byte[] data) {
        return digest("MD5").digest(data);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
        }
    }

    /** What a body's digests came to. */
    public record Result(long length, byte[] md5, ChecksumAlgorithm checksumAlgorithm, byte[] checksum,
                         Optional<byte[]> sha256) {}
}

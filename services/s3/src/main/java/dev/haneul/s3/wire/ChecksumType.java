package dev.haneul.s3.wire;

/**
 * S3's {@code x-amz-checksum-type}: whether an object's checksum covers the whole object, or, for a
 * multipart object, is the checksum of its parts' checksums.
 */
public enum ChecksumType {
    FULL_OBJECT,
    COMPOSITE
}

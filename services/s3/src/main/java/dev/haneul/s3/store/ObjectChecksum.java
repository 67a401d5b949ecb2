package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ChecksumType;

/**
 * The flexible checksum stored with an object and returned as {@code x-amz-checksum-<algorithm>}
 * and {@code x-amz-checksum-type}.
 *
 * @param value base64 of the digest; a COMPOSITE value ends in {@code -<parts>}
 */
public record ObjectChecksum(ChecksumAlgorithm algorithm, String value, ChecksumType type) {

    public ObjectChecksum {
        requireNonNull(algorithm, "algorithm");
        requireNonNull(value, "value");
        requireNonNull(type, "type");
    }
}

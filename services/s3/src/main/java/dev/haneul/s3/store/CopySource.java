package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The source of a CopyObject or UploadPartCopy: {@code x-amz-copy-source} decoded, with its
 * {@code x-amz-copy-source-if-*} conditions.
 */
public record CopySource(String bucket, String key, Optional<String> versionId, ReadConditions conditions) {

    public CopySource {
        requireNonNull(bucket, "bucket");
        requireNonNull(key, "key");
        requireNonNull(versionId, "versionId");
        requireNonNull(conditions, "conditions");
    }

    public static CopySource of(String bucket, String key) {
        return new CopySource(bucket, key, Optional.empty(), ReadConditions.none());
    }
}

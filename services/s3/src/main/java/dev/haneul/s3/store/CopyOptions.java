package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.wire.ChecksumAlgorithm;
import java.util.Optional;

/**
 * The target side of a CopyObject.
 *
 * @param replaceMetadata {@code x-amz-metadata-directive: REPLACE} with the request's metadata;
 *     empty copies the source's (COPY, the default)
 * @param replaceTags {@code x-amz-tagging-directive: REPLACE} with these tags; empty copies them
 * @param checksumAlgorithm a different checksum for the copy; empty keeps the source's algorithm
 */
public record CopyOptions(Optional<ObjectMetadata> replaceMetadata, Optional<TagSet> replaceTags,
                          WriteCondition condition, Optional<ChecksumAlgorithm> checksumAlgorithm) {

    public CopyOptions {
        requireNonNull(replaceMetadata, "replaceMetadata");
        requireNonNull(replaceTags, "replaceTags");
        requireNonNull(condition, "condition");
        requireNonNull(checksumAlgorithm, "checksumAlgorithm");
    }

    public static CopyOptions copyAll() {
        return new CopyOptions(Optional.empty(), Optional.empty(), WriteCondition.NONE, Optional.empty());
    }
}

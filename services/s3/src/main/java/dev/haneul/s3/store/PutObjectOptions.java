package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.wire.ExpectedDigests;
import java.util.OptionalLong;

/**
 * How to store one PutObject (or a copy's target).
 *
 * @param digests what the body must turn out to be; its checksum algorithm is the one stored
 *     (CRC-64/NVME when none is declared, as S3 does)
 * @param condition {@code If-None-Match: *} / {@code If-Match}, checked at commit
 * @param contentLength the declared body length when known, to refuse an oversized body before
 *     reading it
 */
public record PutObjectOptions(ObjectMetadata metadata, TagSet tags, ExpectedDigests digests, WriteCondition condition,
                               OptionalLong contentLength) {

    public PutObjectOptions {
        requireNonNull(metadata, "metadata");
        requireNonNull(tags, "tags");
        requireNonNull(digests, "digests");
        requireNonNull(condition, "condition");
        requireNonNull(contentLength, "contentLength");
    }

    /** Default metadata, no tags, nothing to check. */
    public static PutObjectOptions defaults() {
        return new PutObjectOptions(ObjectMetadata.EMPTY, TagSet.EMPTY, ExpectedDigests.none(), WriteCondition.NONE,
                OptionalLong.empty());
    }

    public PutObjectOptions withCondition(WriteCondition newCondition) {
        return new PutObjectOptions(metadata, tags, digests, newCondition, contentLength);
    }

    public PutObjectOptions withDigests(ExpectedDigests newDigests) {
        return new PutObjectOptions(metadata, tags, newDigests, condition, contentLength);
    }

    public PutObjectOptions withMetadata(ObjectMetadata newMetadata) {
        return new PutObjectOptions(newMetadata, tags, digests, condition, contentLength);
    }

    public PutObjectOptions withTags(TagSet newTags) {
        return new PutObjectOptions(metadata, newTags, digests, condition, contentLength);
    }
}

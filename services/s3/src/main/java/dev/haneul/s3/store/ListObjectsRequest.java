package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The parameters of ListObjectsV2 and ListObjects (v1), decoded. V2's {@code continuation-token}
 * wins over {@code start-after}; v1's {@code marker} is a plain start-after.
 *
 * @param maxKeys 0–1000 (larger values are capped at 1000, as S3 does)
 */
public record ListObjectsRequest(String prefix, Optional<String> delimiter, Optional<String> startAfter,
                                 Optional<String> continuationToken, int maxKeys) {

    public static final int MAX_KEYS = 1000;

    public ListObjectsRequest {
        requireNonNull(prefix, "prefix");
        requireNonNull(delimiter, "delimiter");
        requireNonNull(startAfter, "startAfter");
        requireNonNull(continuationToken, "continuationToken");
        if (maxKeys < 0) {
            throw new IllegalArgumentException("maxKeys: " + maxKeys + " (expected: >= 0)");
        }
        maxKeys = Math.min(maxKeys, MAX_KEYS);
        delimiter = delimiter.filter(d -> !d.isEmpty());
    }

    /** Everything, one page of up to 1000. */
    public static ListObjectsRequest all() {
        return new ListObjectsRequest("", Optional.empty(), Optional.empty(), Optional.empty(), MAX_KEYS);
    }
}

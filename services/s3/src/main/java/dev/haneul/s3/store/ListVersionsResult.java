package dev.haneul.s3.store;

import java.util.List;
import java.util.Optional;

/**
 * A page of ListObjectVersions: versions and delete markers in key order, each key's newest first.
 *
 * @param nextKeyMarker with {@code nextVersionIdMarker}, where the next page starts; present when
 *     truncated (a common prefix as the last entry gives no version id marker)
 */
public record ListVersionsResult(List<Entry> versions, List<String> commonPrefixes, boolean truncated,
                                 Optional<String> nextKeyMarker, Optional<String> nextVersionIdMarker) {

    /** A version or delete marker ({@link ObjectVersion#deleteMarker()}) and whether it is its key's latest. */
    public record Entry(ObjectVersion version, boolean latest) {}
}

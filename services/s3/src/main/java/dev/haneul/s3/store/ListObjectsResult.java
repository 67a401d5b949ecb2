package dev.haneul.s3.store;

import java.util.List;
import java.util.Optional;

/**
 * A page of ListObjectsV2 / ListObjects.
 *
 * @param contents the objects, in S3's order (each key's latest version, never a delete marker)
 * @param commonPrefixes the common prefixes, each counting toward max-keys like an object
 * @param nextContinuationToken V2's opaque token when truncated
 * @param nextMarker v1's {@code NextMarker}: the page's last key or common prefix, present only
 *     when truncated and a delimiter was given (as S3 does)
 */
public record ListObjectsResult(List<ObjectVersion> contents, List<String> commonPrefixes, boolean truncated,
                                Optional<String> nextContinuationToken, Optional<String> nextMarker) {

    /** {@code KeyCount}: contents plus common prefixes. */
    public int keyCount() {
        return contents.size() + commonPrefixes.size();
    }
}

package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.error.S3Error;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of ListObjectVersions. A {@code version-id-marker} needs a {@code key-marker}
 * (400 InvalidArgument otherwise, as S3 answers).
 */
public record ListVersionsRequest(String prefix, Optional<String> delimiter, Optional<String> keyMarker,
                                  Optional<String> versionIdMarker, int maxKeys) {

    public ListVersionsRequest {
        requireNonNull(prefix, "prefix");
        requireNonNull(delimiter, "delimiter");
        keyMarker = requireNonNull(keyMarker, "keyMarker").filter(k -> !k.isEmpty());
        versionIdMarker = requireNonNull(versionIdMarker, "versionIdMarker").filter(v -> !v.isEmpty());
        if (maxKeys < 0) {
            throw new IllegalArgumentException("maxKeys: " + maxKeys + " (expected: >= 0)");
        }
        maxKeys = Math.min(maxKeys, ListObjectsRequest.MAX_KEYS);
        delimiter = delimiter.filter(d -> !d.isEmpty());
        if (versionIdMarker.isPresent() && keyMarker.isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ArgumentName", "version-id-marker");
            fields.put("ArgumentValue", versionIdMarker.get());
            throw S3Error.INVALID_ARGUMENT.exception("A version-id marker cannot be specified without a key marker.",
                    fields);
        }
    }

    public static ListVersionsRequest all() {
        return new ListVersionsRequest("", Optional.empty(), Optional.empty(), Optional.empty(),
                ListObjectsRequest.MAX_KEYS);
    }
}

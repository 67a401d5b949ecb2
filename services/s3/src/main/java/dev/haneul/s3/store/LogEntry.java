package dev.haneul.s3.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One line of a bucket's metadata log or of an upload's parts log, as JSON. The log records
 * results, not requests, so replaying it is the same code as applying a live change
 * ({@link BucketIndex#apply}): {@code put} makes a version the key's latest (replacing a version of
 * the same id, which is how the {@code null} version is overwritten), {@code remove} deletes one
 * version, {@code tags} replaces a version's tags, {@code part} records an uploaded part. A small
 * object's body follows its {@code put} line in the log ({@code inline} bytes, see
 * {@link MetadataLog}); a larger one is the file {@code blob}. Absent fields are left out of the line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LogEntry(String op, String key, @Nullable String versionId, @Nullable Boolean deleteMarker,
                @Nullable Long size, @Nullable String etag, @Nullable Long lastModified,
                @Nullable Map<String, String> system, @Nullable String storageClass,
                @Nullable Map<String, String> user, @Nullable Map<String, String> tags,
                @Nullable String checksumAlgorithm, @Nullable String checksum, @Nullable String checksumType,
                @Nullable List<Long> parts, @Nullable String blob, @Nullable Integer partNumber,
                @Nullable Integer inline) {

    static final String PUT = "put";
    static final String REMOVE = "remove";
    static final String TAGS = "tags";
    static final String PART = "part";

    static LogEntry remove(String key, String versionId) {
        return new LogEntry(REMOVE, key, versionId, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    static LogEntry tags(String key, String versionId, TagSet tags) {
        return new LogEntry(TAGS, key, versionId, null, null, null, null, null, null, null, tags.tags(), null, null,
                null, null, null, null, null);
    }
}

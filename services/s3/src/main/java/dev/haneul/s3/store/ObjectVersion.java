package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One version of a key, as the store answers it: an object or a delete marker. Unversioned and
 * suspended buckets write the version id {@value #NULL_ID}.
 *
 * @param etag without quotes: hex MD5 of the body, or {@code <hex>-<parts>} for a multipart object
 * @param partSizes the sizes of a multipart object's parts in order (for {@code partNumber} reads
 *     and {@code x-amz-mp-parts-count}); empty for a single-part object
 */
public record ObjectVersion(String key, String versionId, boolean deleteMarker, long size, String etag,
                            Instant lastModified, ObjectMetadata metadata, TagSet tags,
                            Optional<ObjectChecksum> checksum, List<Long> partSizes) {

    /** The version id of writes to an unversioned or suspended bucket. */
    public static final String NULL_ID = "null";

    public ObjectVersion {
        requireNonNull(key, "key");
        requireNonNull(versionId, "versionId");
        requireNonNull(etag, "etag");
        requireNonNull(lastModified, "lastModified");
        requireNonNull(metadata, "metadata");
        requireNonNull(tags, "tags");
        requireNonNull(checksum, "checksum");
        partSizes = List.copyOf(partSizes);
    }

    /** The ETag as sent in headers and XML, with its quotes. */
    public String quotedEtag() {
        return '"' + etag + '"';
    }

    public boolean isNullVersion() {
        return NULL_ID.equals(versionId);
    }

    ObjectVersion withTags(TagSet newTags) {
        return new ObjectVersion(key, versionId, deleteMarker, size, etag, lastModified, metadata, newTags, checksum,
                partSizes);
    }
}

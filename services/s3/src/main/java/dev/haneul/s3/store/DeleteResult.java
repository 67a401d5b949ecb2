package dev.haneul.s3.store;

import java.util.Optional;

/**
 * What a DeleteObject did, for its {@code x-amz-version-id} and {@code x-amz-delete-marker}
 * headers (and DeleteObjects' {@code <Deleted>} entries).
 *
 * @param versionId the version removed, or the delete marker created; empty for an unversioned
 *     bucket
 * @param deleteMarker whether a delete marker was created or removed
 */
public record DeleteResult(Optional<String> versionId, boolean deleteMarker) {}

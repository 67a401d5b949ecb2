package dev.haneul.s3.store;

import java.util.Optional;

/**
 * A bucket's versioning: never enabled (GetBucketVersioning returns no {@code Status}), then
 * Enabled or Suspended; a bucket never returns to unversioned, which PutBucketVersioning cannot ask
 * for anyway.
 */
public enum VersioningState {
    UNVERSIONED(Optional.empty()),
    ENABLED(Optional.of("Enabled")),
    SUSPENDED(Optional.of("Suspended"));

    private final Optional<String> status;

    VersioningState(Optional<String> status) {
        this.status = status;
    }

    /** The {@code Status} of GetBucketVersioning; empty for a never-versioned bucket. */
    public Optional<String> status() {
        return status;
    }
}

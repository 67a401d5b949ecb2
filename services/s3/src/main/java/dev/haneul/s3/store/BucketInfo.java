package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A bucket's own state, kept in {@code bucket.json} beside its objects.
 *
 * @param owner the account id that created it
 * @param region the region it was created in ({@code LocationConstraint})
 */
public record BucketInfo(String name, String owner, String region, Instant created, VersioningState versioning,
                         TagSet tags) {

    public BucketInfo {
        requireNonNull(name, "name");
        requireNonNull(owner, "owner");
        requireNonNull(region, "region");
        requireNonNull(created, "created");
        requireNonNull(versioning, "versioning");
        requireNonNull(tags, "tags");
    }

    /** {@code arn:aws:s3:::<name>}: bucket ARNs carry neither region nor account. */
    public String arn() {
        return "arn:aws:s3:::" + name;
    }

    BucketInfo withVersioning(VersioningState state) {
        return new BucketInfo(name, owner, region, created, state, tags);
    }

    BucketInfo withTags(TagSet newTags) {
        return new BucketInfo(name, owner, region, created, versioning, newTags);
    }
}

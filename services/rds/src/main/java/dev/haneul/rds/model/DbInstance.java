package dev.haneul.rds.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One DB instance of an Aurora cluster: one {@code mariadbd}.
 *
 * @param identifier lowercase {@code DBInstanceIdentifier}
 * @param serverId the engine's {@code server_id}, unique in the account and region, never reused
 * @param sequence creation order within the account and region; the order instances are listed
 *     and rotated through
 */
public record DbInstance(
        String identifier,
        String clusterIdentifier,
        String instanceClass,
        String engine,
        int promotionTier,
        InstanceStatus status,
        int serverId,
        long sequence,
        Instant createdAt,
        String resourceId,
        String availabilityZone,
        boolean publiclyAccessible,
        boolean autoMinorVersionUpgrade,
        @JsonDeserialize(using = TagsJson.class) Map<String, String> tags) {

    public DbInstance {
        requireNonNull(identifier, "identifier");
        requireNonNull(clusterIdentifier, "clusterIdentifier");
        requireNonNull(status, "status");
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public DbInstance withStatus(InstanceStatus newStatus) {
        return new DbInstance(identifier, clusterIdentifier, instanceClass, engine, promotionTier, newStatus, serverId,
                sequence, createdAt, resourceId, availabilityZone, publiclyAccessible, autoMinorVersionUpgrade, tags);
    }

    public DbInstance withTags(Map<String, String> newTags) {
        return new DbInstance(identifier, clusterIdentifier, instanceClass, engine, promotionTier, status, serverId,
                sequence, createdAt, resourceId, availabilityZone, publiclyAccessible, autoMinorVersionUpgrade, newTags);
    }

    public DbInstance withSettings(String newInstanceClass, int newPromotionTier, boolean newAutoMinorVersionUpgrade,
                                   boolean newPubliclyAccessible) {
        return new DbInstance(identifier, clusterIdentifier, newInstanceClass, engine, newPromotionTier, status,
                serverId, sequence, createdAt, resourceId, availabilityZone, newPubliclyAccessible,
                newAutoMinorVersionUpgrade, tags);
    }
}

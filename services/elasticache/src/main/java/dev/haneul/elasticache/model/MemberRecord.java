package dev.haneul.elasticache.model;

import java.time.Instant;

/**
 * A member cache cluster of a replication group: one node ({@code CacheNodeId} 0001).
 *
 * @param status its {@code CacheClusterStatus}
 */
public record MemberRecord(String cacheClusterId, NodeStatus status, Instant createTime, String availabilityZone) {

    /** The member in {@code newStatus}, a move its lifecycle must allow. */
    public MemberRecord withStatus(NodeStatus newStatus) {
        return new MemberRecord(cacheClusterId, NodeStatus.LIFECYCLE.move(status, newStatus), createTime,
                availabilityZone);
    }
}

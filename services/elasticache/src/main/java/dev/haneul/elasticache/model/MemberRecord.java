package dev.haneul.elasticache.model;

import java.time.Instant;

/**
 * A member cache cluster of a replication group: one node ({@code CacheNodeId} 0001).
 *
 * @param status its {@code CacheClusterStatus} ({@code creating}, {@code available}, {@code deleting})
 */
public record MemberRecord(String cacheClusterId, String status, Instant createTime, String availabilityZone) {

    public MemberRecord withStatus(String newStatus) {
        return new MemberRecord(cacheClusterId, newStatus, createTime, availabilityZone);
    }
}

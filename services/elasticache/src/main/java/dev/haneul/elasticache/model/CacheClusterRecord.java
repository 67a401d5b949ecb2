package dev.haneul.elasticache.model;

import java.time.Instant;
import java.util.List;

/**
 * A stand-alone cache cluster (not in a replication group): one Redis node.
 *
 * @param authTokens the valid AUTH tokens; empty for none
 * @param adminSecret the secret of the renamed admin commands
 */
public record CacheClusterRecord(
        String id,
        String engine,
        String engineVersion,
        String cacheNodeType,
        int port,
        NodeStatus status,
        List<String> authTokens,
        Instant createTime,
        String availabilityZone,
        int snapshotRetentionLimit,
        String snapshotWindow,
        String arn,
        String adminSecret) {

    public CacheClusterRecord {
        authTokens = List.copyOf(authTokens);
    }

    /** The cluster in {@code newStatus}, a move its lifecycle must allow. */
    public CacheClusterRecord withStatus(NodeStatus newStatus) {
        return new CacheClusterRecord(id, engine, engineVersion, cacheNodeType, port,
                NodeStatus.LIFECYCLE.move(status, newStatus), authTokens, createTime, availabilityZone,
                snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }

    public CacheClusterRecord withPort(int newPort) {
        return new CacheClusterRecord(id, engine, engineVersion, cacheNodeType, newPort, status, authTokens, createTime,
                availabilityZone, snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }
}

package dev.haneul.elasticache.model;

import java.time.Instant;
import java.util.List;

/**
 * A stand-alone cache cluster (not in a replication group): one Redis node.
 *
 * @param status {@code creating}, {@code available}, {@code deleting} or {@code create-failed}
 * @param authTokens the valid AUTH tokens; empty for none
 * @param adminSecret the secret of the renamed admin commands
 */
public record CacheClusterRecord(
        String id,
        String engine,
        String engineVersion,
        String cacheNodeType,
        int port,
        String status,
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

    public CacheClusterRecord withStatus(String newStatus) {
        return new CacheClusterRecord(id, engine, engineVersion, cacheNodeType, port, newStatus, authTokens, createTime,
                availabilityZone, snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }

    public CacheClusterRecord withPort(int newPort) {
        return new CacheClusterRecord(id, engine, engineVersion, cacheNodeType, newPort, status, authTokens, createTime,
                availabilityZone, snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }
}

package dev.haneul.elasticache.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A replication group with cluster mode disabled: one node group ({@code 0001}) of one primary
 * and up to five replicas.
 *
 * @param authTokenLastModified when the AUTH token last changed; null when it never had one
 * @param authTokens the valid AUTH tokens, newest first (two during a rotation); empty for none
 * @param pendingAuthTokenStatus {@code ROTATING} or {@code SETTING} while a change is applied, else null
 * @param primaryId the member that is the primary
 * @param members the member clusters, in creation order
 * @param adminSecret the secret of the renamed admin commands ({@code AdminCommands})
 */
public record ReplicationGroupRecord(
        String id,
        String description,
        String engine,
        String engineVersion,
        String cacheNodeType,
        int port,
        GroupStatus status,
        FailoverStatus automaticFailover,
        boolean multiAz,
        List<String> authTokens,
        @Nullable Instant authTokenLastModified,
        @Nullable String pendingAuthTokenStatus,
        String primaryId,
        List<MemberRecord> members,
        Instant createTime,
        int snapshotRetentionLimit,
        String snapshotWindow,
        String arn,
        String adminSecret) {

    public ReplicationGroupRecord {
        authTokens = List.copyOf(authTokens);
        members = List.copyOf(members);
    }

    public Optional<MemberRecord> member(String cacheClusterId) {
        return members.stream().filter(m -> m.cacheClusterId().equals(cacheClusterId)).findFirst();
    }

    public List<String> memberIds() {
        return members.stream().map(MemberRecord::cacheClusterId).toList();
    }

    public List<String> replicaIds() {
        return memberIds().stream().filter(id -> !id.equals(primaryId)).toList();
    }

    /** The group in {@code newStatus}, a move its lifecycle must allow. */
    public ReplicationGroupRecord withStatus(GroupStatus newStatus) {
        return new ReplicationGroupRecord(id, description, engine, engineVersion, cacheNodeType, port,
                GroupStatus.LIFECYCLE.move(status, newStatus),
                automaticFailover, multiAz, authTokens, authTokenLastModified, pendingAuthTokenStatus, primaryId, members,
                createTime, snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }

    public ReplicationGroupRecord withPort(int newPort) {
        return new ReplicationGroupRecord(id, description, engine, engineVersion, cacheNodeType, newPort, status,
                automaticFailover, multiAz, authTokens, authTokenLastModified, pendingAuthTokenStatus, primaryId, members,
                createTime, snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }

    public ReplicationGroupRecord withPrimary(String newPrimaryId) {
        return new ReplicationGroupRecord(id, description, engine, engineVersion, cacheNodeType, port, status,
                automaticFailover, multiAz, authTokens, authTokenLastModified, pendingAuthTokenStatus, newPrimaryId,
                members, createTime, snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }

    public ReplicationGroupRecord withMembers(List<MemberRecord> newMembers) {
        return new ReplicationGroupRecord(id, description, engine, engineVersion, cacheNodeType, port, status,
                automaticFailover, multiAz, authTokens, authTokenLastModified, pendingAuthTokenStatus, primaryId,
                newMembers, createTime, snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }

    /** Every member in {@code memberStatus}. */
    public ReplicationGroupRecord withMemberStatus(NodeStatus memberStatus) {
        return withMembers(members.stream().map(m -> m.withStatus(memberStatus)).toList());
    }

    public ReplicationGroupRecord withFailover(FailoverStatus newAutomaticFailover, boolean newMultiAz) {
        return new ReplicationGroupRecord(id, description, engine, engineVersion, cacheNodeType, port, status,
                FailoverStatus.LIFECYCLE.move(automaticFailover, newAutomaticFailover), newMultiAz, authTokens, authTokenLastModified, pendingAuthTokenStatus, primaryId,
                members, createTime, snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }

    public ReplicationGroupRecord withDescription(String newDescription) {
        return new ReplicationGroupRecord(id, newDescription, engine, engineVersion, cacheNodeType, port, status,
                automaticFailover, multiAz, authTokens, authTokenLastModified, pendingAuthTokenStatus, primaryId, members,
                createTime, snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }

    /** A pending automatic failover change applied, and a pending AUTH change done. */
    public ReplicationGroupRecord settled() {
        return withFailover(automaticFailover.settled(), multiAz).withAuth(authTokens, authTokenLastModified, null);
    }

    public ReplicationGroupRecord withAuth(List<String> newTokens, @Nullable Instant lastModified,
                                           @Nullable String pendingStatus) {
        return new ReplicationGroupRecord(id, description, engine, engineVersion, cacheNodeType, port, status,
                automaticFailover, multiAz, newTokens, lastModified, pendingStatus, primaryId, members, createTime,
                snapshotRetentionLimit, snapshotWindow, arn, adminSecret);
    }

    public ReplicationGroupRecord withSnapshotRetentionLimit(int limit) {
        return new ReplicationGroupRecord(id, description, engine, engineVersion, cacheNodeType, port, status,
                automaticFailover, multiAz, authTokens, authTokenLastModified, pendingAuthTokenStatus, primaryId, members,
                createTime, limit, snapshotWindow, arn, adminSecret);
    }
}

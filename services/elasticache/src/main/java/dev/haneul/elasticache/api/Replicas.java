package dev.haneul.elasticache.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.model.FailoverStatus;
import dev.haneul.elasticache.model.GroupStatus;
import dev.haneul.elasticache.model.MemberRecord;
import dev.haneul.elasticache.model.NodeStatus;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import dev.haneul.elasticache.runtime.CacheKey;
import dev.haneul.elasticache.runtime.CacheRuntime;
import dev.haneul.elasticache.runtime.CacheRuntime.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticache.model.ConfigureShard;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.DecreaseReplicaCountRequest;
import software.amazon.awssdk.services.elasticache.model.DecreaseReplicaCountResponse;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountRequest;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountResponse;

/**
 * The read replicas of a replication group: {@code IncreaseReplicaCount},
 * {@code DecreaseReplicaCount}, and {@code CreateCacheCluster} / {@code DeleteCacheCluster} of a
 * group's member. The group is {@code modifying} until the runtime has started (or stopped) the
 * replicas.
 */
final class Replicas {

    private static final String MEMBER_SOURCE = CacheKey.Kind.CLUSTER.sourceType();

    private final CacheStore store;
    private final ServiceErrors errors;
    private final Validation validation;
    private final Shapes shapes;
    private final CacheRuntime runtime;

    Replicas(CacheStore store, ServiceErrors errors, Validation validation, Shapes shapes, CacheRuntime runtime) {
        this.store = requireNonNull(store, "store");
        this.errors = requireNonNull(errors, "errors");
        this.validation = requireNonNull(validation, "validation");
        this.shapes = requireNonNull(shapes, "shapes");
        this.runtime = requireNonNull(runtime, "runtime");
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_IncreaseReplicaCount.html">IncreaseReplicaCount</a>.
     */
    IncreaseReplicaCountResponse increase(RequestContext context, IncreaseReplicaCountRequest request) {
        Scope scope = Defaults.scope(context);
        String id = request.replicationGroupId().toLowerCase(Locale.ROOT);
        int wanted = validation.replicaCount(request.newReplicaCount(), fromConfiguration(request.hasReplicaConfiguration()
                ? request.replicaConfiguration() : List.of()));
        Instant now = store.clock().instant();
        List<String> added = new ArrayList<>();
        ReplicationGroupRecord modified = store.write(scope, state -> {
            ReplicationGroupRecord group = store.existingGroup(state, id);
            validation.requireAvailable(group);
            int current = group.members().size() - 1;
            if (wanted <= current || wanted > Validation.MAX_REPLICAS) {
                throw validation.invalidValue("NewReplicaCount must be greater than the current %d and at most %d (%d).",
                        current, Validation.MAX_REPLICAS, wanted);
            }
            List<MemberRecord> members = new ArrayList<>(group.members());
            int next = Defaults.nextMemberNumber(group);
            while (members.size() - 1 < wanted) {
                String memberId = Defaults.memberId(id, next++);
                if (state.cacheClusterIdTaken(memberId)) {
                    continue;
                }
                members.add(new MemberRecord(memberId, NodeStatus.CREATING, now,
                        Defaults.zone(context, List.of(), members.size() + 1)));
                added.add(memberId);
            }
            ReplicationGroupRecord updated = group.withStatus(GroupStatus.MODIFYING).withMembers(members);
            state.replicationGroups().put(id, updated);
            return updated;
        });
        addReplicas(scope, modified, added);
        return IncreaseReplicaCountResponse.builder().replicationGroup(shapes.replicationGroup(scope, modified)).build();
    }

    private static @Nullable Integer fromConfiguration(List<ConfigureShard> configuration) {
        return configuration.stream().map(ConfigureShard::newReplicaCount).findFirst().orElse(null);
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html">CreateCacheCluster</a>
     * with {@code ReplicationGroupId}: a new read replica of the group.
     */
    ReplicationGroupRecord addMember(RequestContext context, String id, CreateCacheClusterRequest request) {
        Scope scope = Defaults.scope(context);
        String groupId = request.replicationGroupId().toLowerCase(Locale.ROOT);
        Instant now = store.clock().instant();
        ReplicationGroupRecord modified = store.write(scope, state -> {
            ReplicationGroupRecord group = store.existingGroup(state, groupId);
            validation.requireAvailable(group);
            if (state.cacheClusterIdTaken(id)) {
                throw errors.error("CacheClusterAlreadyExistsFault", "Cache cluster %s already exists.", id);
            }
            if (group.members().size() >= Validation.MAX_NODES) {
                throw errors.error("NodeQuotaForClusterExceededFault",
                        "Replication group %s has the maximum of %d cache clusters.", groupId, Validation.MAX_NODES);
            }
            List<MemberRecord> members = new ArrayList<>(group.members());
            String zone = request.preferredAvailabilityZone();
            members.add(new MemberRecord(id, NodeStatus.CREATING, now,
                    zone == null ? Defaults.zone(context, List.of(), members.size() + 1) : zone));
            ReplicationGroupRecord updated = group.withStatus(GroupStatus.MODIFYING).withMembers(members);
            state.replicationGroups().put(groupId, updated);
            return updated;
        });
        addReplicas(scope, modified, List.of(id));
        return modified;
    }

    private void addReplicas(Scope scope, ReplicationGroupRecord group, List<String> added) {
        runtime.apply(Configs.group(scope, group), outcome -> {
            store.updateGroup(scope, group.id(), g -> g.withStatus(GroupStatus.AVAILABLE)
                    .withMemberStatus(NodeStatus.AVAILABLE));
            if (outcome.ok()) {
                added.forEach(member -> store.event(scope, MEMBER_SOURCE, member, "Cache cluster created"));
            }
        });
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DecreaseReplicaCount.html">DecreaseReplicaCount</a>:
     * the replicas named in {@code ReplicasToRemove}, or else the newest ones.
     */
    DecreaseReplicaCountResponse decrease(RequestContext context, DecreaseReplicaCountRequest request) {
        Scope scope = Defaults.scope(context);
        ReplicationGroupRecord modified = removeReplicas(scope, request);
        return DecreaseReplicaCountResponse.builder().replicationGroup(shapes.replicationGroup(scope, modified)).build();
    }

    /** Marks the replicas {@code deleting} and has the runtime stop them; returns the group so marked. */
    private ReplicationGroupRecord removeReplicas(Scope scope, DecreaseReplicaCountRequest request) {
        String id = request.replicationGroupId().toLowerCase(Locale.ROOT);
        List<String> named = request.replicasToRemove().stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        Integer wanted = named.isEmpty() ? Integer.valueOf(validation.replicaCount(request.newReplicaCount(),
                fromConfiguration(request.hasReplicaConfiguration() ? request.replicaConfiguration() : List.of())))
                : request.newReplicaCount();
        List<String> removed = new ArrayList<>();
        ReplicationGroupRecord modified = store.write(scope, state -> {
            ReplicationGroupRecord group = store.existingGroup(state, id);
            validation.requireAvailable(group);
            List<String> replicas = group.replicaIds();
            if (!named.isEmpty()) {
                for (String replica : named) {
                    if (replica.equals(group.primaryId())) {
                        throw validation.invalidValue("Cannot remove the primary cache cluster %s; fail over first.",
                                replica);
                    }
                    if (!replicas.contains(replica)) {
                        throw errors.error("CacheClusterNotFoundFault", "Cache cluster %s is not a replica of %s.",
                                replica, id);
                    }
                }
                if (wanted != null && wanted != replicas.size() - named.size()) {
                    throw validation.invalidCombination("NewReplicaCount %d does not match removing %d of %d replicas.",
                            wanted, named.size(), replicas.size());
                }
                removed.addAll(named);
            } else {
                int target = requireNonNull(wanted, "wanted");
                if (target < 0 || target >= replicas.size()) {
                    throw validation.invalidValue("NewReplicaCount must be less than the current %d and at least 0 (%d).",
                            replicas.size(), target);
                }
                removed.addAll(replicas.subList(target, replicas.size()).reversed());
            }
            int remaining = replicas.size() - removed.size();
            if (remaining < 1 && group.automaticFailover() != FailoverStatus.DISABLED) {
                throw validation.invalidValue("A replication group with automatic failover enabled needs at least "
                        + "one replica; disable automatic failover first.");
            }
            ReplicationGroupRecord updated = group.withStatus(GroupStatus.MODIFYING).withMembers(group.members().stream()
                    .map(m -> removed.contains(m.cacheClusterId()) ? m.withStatus(NodeStatus.DELETING) : m).toList());
            state.replicationGroups().put(id, updated);
            return updated;
        });
        runtime.apply(Configs.group(scope, modified), outcome -> replicasRemoved(scope, id, removed));
        return modified;
    }

    /** The replicas are stopped (or could not all be: they are dropped from the group either way). */
    private void replicasRemoved(Scope scope, String id, List<String> removed) {
        store.update(scope, state -> {
            ReplicationGroupRecord group = state.replicationGroups().get(id);
            if (group == null) {
                return;
            }
            state.replicationGroups().put(id, group.withStatus(GroupStatus.AVAILABLE)
                    .withMembers(group.members().stream().filter(m -> !removed.contains(m.cacheClusterId())).toList()));
            removed.forEach(m -> state.tags().remove(Shapes.memberArn(group.arn(), m)));
        });
    }

    /**
     * {@code DeleteCacheCluster} of a read replica: the group drops it, as with
     * {@code DecreaseReplicaCount}; answers the group with the member {@code deleting}.
     */
    ReplicationGroupRecord removeMember(RequestContext context, ReplicationGroupRecord group, String id) {
        if (group.primaryId().equals(id)) {
            throw errors.error("InvalidCacheClusterStateFault", "Cache cluster %s is the primary of replication "
                    + "group %s and cannot be deleted; delete the replication group.", id, group.id());
        }
        return removeReplicas(Defaults.scope(context), DecreaseReplicaCountRequest.builder()
                .replicationGroupId(group.id()).replicasToRemove(id).applyImmediately(true).build());
    }
}

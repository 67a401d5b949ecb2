package dev.haneul.elasticache.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.resource.Arn;
import dev.haneul.core.resource.Page;
import dev.haneul.core.resource.Paging;
import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.engine.AdminCommands;
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
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.TestFailoverRequest;
import software.amazon.awssdk.services.elasticache.model.TestFailoverResponse;

/**
 * Replication groups with cluster mode disabled: create, describe, modify, test failover, delete.
 * Each change is validated and persisted here (status {@code creating}, {@code modifying},
 * {@code deleting}) and answered at once, as AWS does; the runtime then applies the group's
 * desired config and, when it is done, the group's status is settled here.
 */
final class ReplicationGroups {

    private static final Logger log = LoggerFactory.getLogger(ReplicationGroups.class);
    private static final String SOURCE = CacheKey.Kind.GROUP.sourceType();
    private static final String MEMBER_SOURCE = CacheKey.Kind.CLUSTER.sourceType();

    private final CacheStore store;
    private final ServiceErrors errors;
    private final Validation validation;
    private final Paging paging;
    private final Shapes shapes;
    private final Tags tags;
    private final Defaults defaults;
    private final CacheRuntime runtime;

    ReplicationGroups(CacheStore store, ServiceErrors errors, Validation validation, Shapes shapes, Tags tags,
                      Defaults defaults, CacheRuntime runtime) {
        this.store = requireNonNull(store, "store");
        this.errors = requireNonNull(errors, "errors");
        this.validation = requireNonNull(validation, "validation");
        this.paging = new Paging(Validation.PAGE_LIMITS, validation.pagingErrors());
        this.shapes = requireNonNull(shapes, "shapes");
        this.tags = requireNonNull(tags, "tags");
        this.defaults = requireNonNull(defaults, "defaults");
        this.runtime = requireNonNull(runtime, "runtime");
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html">CreateReplicationGroup</a>,
     * cluster mode disabled.
     */
    CreateReplicationGroupResponse create(RequestContext context, CreateReplicationGroupRequest request) {
        Scope scope = Defaults.scope(context);
        String id = validation.identifier("ReplicationGroupId", request.replicationGroupId(), 40);
        String engine = validation.engine(request.engine());
        String parameterGroup = request.cacheParameterGroupName();
        if ((request.numNodeGroups() != null && request.numNodeGroups() > 1) || request.nodeGroupConfiguration().size() > 1
                || "enabled".equalsIgnoreCase(request.clusterModeAsString())
                || "compatible".equalsIgnoreCase(request.clusterModeAsString())
                || (parameterGroup != null && parameterGroup.contains("cluster.on"))) {
            throw Validation.notEmulated("cluster mode enabled replication groups");
        }
        if (Boolean.TRUE.equals(request.transitEncryptionEnabled())) {
            throw Validation.notEmulated("in-transit encryption (TLS); create the group with TransitEncryptionEnabled "
                    + "false (an AuthToken works without it in Haneul)");
        }
        if (request.primaryClusterId() != null) {
            throw Validation.notEmulated("CreateReplicationGroup from an existing cluster (PrimaryClusterId)");
        }
        if (!request.snapshotArns().isEmpty() || request.snapshotName() != null) {
            throw Validation.notEmulated("snapshots");
        }
        validation.parameterGroup(parameterGroup);
        int count = nodeCount(request);
        boolean failover = Boolean.TRUE.equals(request.automaticFailoverEnabled());
        boolean multiAz = Boolean.TRUE.equals(request.multiAZEnabled());
        if (failover && count < 2) {
            throw validation.invalidCombination("Automatic failover requires at least one read replica "
                    + "(NumCacheClusters >= 2).");
        }
        if (multiAz && !failover) {
            throw validation.invalidCombination("Multi-AZ requires AutomaticFailoverEnabled.");
        }
        String authToken = request.authToken();
        if (authToken != null) {
            validation.authToken(authToken);
        }
        int port = validation.port(request.port());
        Instant now = store.clock().instant();
        List<MemberRecord> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            members.add(new MemberRecord(Defaults.memberId(id, i), NodeStatus.CREATING, now,
                    Defaults.zone(context, request.preferredCacheClusterAZs(), i)));
        }
        ReplicationGroupRecord group = new ReplicationGroupRecord(id, request.replicationGroupDescription(), engine,
                defaults.engineVersion(engine, request.engineVersion()),
                request.cacheNodeType() == null ? Defaults.NODE_TYPE : request.cacheNodeType(), port,
                GroupStatus.CREATING, failover ? FailoverStatus.ENABLING : FailoverStatus.DISABLED, multiAz,
                authToken == null ? List.of() : List.of(authToken), authToken == null ? null : now, null,
                members.get(0).cacheClusterId(), members, now,
                request.snapshotRetentionLimit() == null ? 0 : request.snapshotRetentionLimit(),
                request.snapshotWindow() == null ? Defaults.SNAPSHOT_WINDOW : request.snapshotWindow(),
                Arn.of(ElastiCacheProvider.SERVICE, scope, CacheKey.Kind.GROUP.arnType(), ':', id).toString(),
                AdminCommands.newSecret());
        Map<String, String> initialTags = tags.validate(request.tags());
        store.update(scope, state -> {
            if (state.replicationGroups().containsKey(id)) {
                throw errors.error("ReplicationGroupAlreadyExistsFault", "Replication group %s already exists.", id);
            }
            for (MemberRecord member : members) {
                if (state.cacheClusterIdTaken(member.cacheClusterId())) {
                    throw errors.error("CacheClusterAlreadyExistsFault", "Cache cluster %s already exists.",
                            member.cacheClusterId());
                }
            }
            state.replicationGroups().put(id, group);
            Tags.put(state, group.arn(), initialTags);
        });
        runtime.apply(Configs.group(scope, group), outcome -> created(scope, id, outcome));
        return CreateReplicationGroupResponse.builder().replicationGroup(shapes.replicationGroup(scope, group)).build();
    }

    private int nodeCount(CreateReplicationGroupRequest request) {
        Integer replicas = request.replicasPerNodeGroup();
        if (replicas == null && request.nodeGroupConfiguration().size() == 1) {
            replicas = request.nodeGroupConfiguration().get(0).replicaCount();
        }
        int count;
        Integer clusters = request.numCacheClusters();
        if (clusters != null) {
            count = clusters;
            if (replicas != null && replicas + 1 != count) {
                throw validation.invalidCombination("NumCacheClusters (%d) and ReplicasPerNodeGroup (%d) disagree.",
                        count, replicas);
            }
        } else {
            count = replicas == null ? 1 : replicas + 1;
        }
        if (count < 1 || count > Validation.MAX_NODES) {
            throw validation.invalidValue("The number of cache clusters must be between 1 and %d (%d).",
                    Validation.MAX_NODES, count);
        }
        return count;
    }

    /** The group's engines run (or could not be started). */
    private void created(Scope scope, String id, Outcome outcome) {
        if (!outcome.ok()) {
            store.updateGroup(scope, id, g -> g.withStatus(GroupStatus.CREATE_FAILED));
            store.event(scope, SOURCE, id, "Failed to create replication group " + id + ": " + outcome.reason());
            return;
        }
        store.updateGroup(scope, id, g -> g.withStatus(GroupStatus.AVAILABLE).withMemberStatus(NodeStatus.AVAILABLE)
                .settled()).ifPresent(group -> {
                    for (String member : group.memberIds()) {
                        store.event(scope, MEMBER_SOURCE, member, "Cache cluster created");
                    }
                    store.event(scope, SOURCE, id, "Replication group " + id + " created");
                    if (group.automaticFailover() == FailoverStatus.ENABLED) {
                        store.event(scope, SOURCE, id, "Automatic failover has been turned on for replication group " + id);
                    }
                });
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeReplicationGroups.html">DescribeReplicationGroups</a>.
     */
    DescribeReplicationGroupsResponse describe(RequestContext context, DescribeReplicationGroupsRequest request) {
        Scope scope = Defaults.scope(context);
        validation.pageSize(request.maxRecords());
        String id = request.replicationGroupId();
        List<ReplicationGroupRecord> groups = id != null
                ? List.of(store.group(scope, id.toLowerCase(Locale.ROOT)))
                : store.read(scope, state -> List.copyOf(state.replicationGroups().values()));
        Page<ReplicationGroupRecord> page = paging.byKey(groups, ReplicationGroupRecord::id, request.marker(),
                request.maxRecords());
        return DescribeReplicationGroupsResponse.builder()
                .replicationGroups(page.items().stream().map(g -> shapes.replicationGroup(scope, g)).toList())
                .marker(page.nextMarker())
                .build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyReplicationGroup.html">ModifyReplicationGroup</a>:
     * description, automatic failover and Multi-AZ, AUTH token rotation, a new primary. Applied at
     * once whatever {@code ApplyImmediately} says.
     */
    @SuppressWarnings("deprecation") // NodeGroupId (deprecated by AWS) is read only to refuse it
    ModifyReplicationGroupResponse modify(RequestContext context, ModifyReplicationGroupRequest request) {
        Scope scope = Defaults.scope(context);
        String id = request.replicationGroupId().toLowerCase(Locale.ROOT);
        if (request.cacheNodeType() != null || request.engineVersion() != null || request.nodeGroupId() != null
                || request.hasUserGroupIdsToAdd() || request.hasUserGroupIdsToRemove()
                || Boolean.TRUE.equals(request.transitEncryptionEnabled()) || request.clusterMode() != null
                || request.snapshottingClusterId() != null) {
            throw Validation.notEmulated("this ModifyReplicationGroup change (only ReplicationGroupDescription, "
                    + "AutomaticFailoverEnabled, MultiAZEnabled, PrimaryClusterId, AuthToken and "
                    + "SnapshotRetentionLimit are)");
        }
        String strategy = request.authTokenUpdateStrategyAsString();
        if (strategy != null && !List.of("SET", "ROTATE", "DELETE").contains(strategy)) {
            throw validation.invalidValue("Invalid AuthTokenUpdateStrategy: %s.", strategy);
        }
        String token = request.authToken();
        if (token != null) {
            validation.authToken(token);
            if ("DELETE".equals(strategy)) {
                throw validation.invalidCombination("AuthToken cannot be given with AuthTokenUpdateStrategy DELETE.");
            }
        } else if (strategy != null && !strategy.equals("DELETE")) {
            throw validation.invalidCombination("AuthTokenUpdateStrategy %s requires an AuthToken.", strategy);
        }
        String newPrimaryId = request.primaryClusterId() == null ? null : request.primaryClusterId().toLowerCase(Locale.ROOT);
        Instant now = store.clock().instant();
        ReplicationGroupRecord[] before = new ReplicationGroupRecord[1];
        ReplicationGroupRecord modified = store.write(scope, state -> {
            ReplicationGroupRecord group = store.existingGroup(state, id);
            validation.requireAvailable(group);
            before[0] = group;
            boolean failover = request.automaticFailoverEnabled() != null ? request.automaticFailoverEnabled()
                    : group.automaticFailover() == FailoverStatus.ENABLED;
            boolean multiAz = request.multiAZEnabled() != null ? request.multiAZEnabled() : group.multiAz();
            if (failover && group.members().size() < 2) {
                throw validation.invalidCombination("Automatic failover requires at least one read replica.");
            }
            if (multiAz && !failover) {
                throw validation.invalidCombination("Multi-AZ requires automatic failover to be enabled.");
            }
            if (newPrimaryId != null && group.member(newPrimaryId).isEmpty()) {
                throw errors.error("CacheClusterNotFoundFault", "Cache cluster %s is not a member of replication group %s.",
                        request.primaryClusterId(), id);
            }
            ReplicationGroupRecord next = group.withStatus(GroupStatus.MODIFYING);
            if (request.replicationGroupDescription() != null) {
                next = next.withDescription(request.replicationGroupDescription());
            }
            if (request.snapshotRetentionLimit() != null) {
                next = next.withSnapshotRetentionLimit(request.snapshotRetentionLimit());
            }
            next = next.withFailover(group.automaticFailover().toward(failover), multiAz);
            if (token != null || "DELETE".equals(strategy)) {
                next = next.withAuth(authTokens(group, token, strategy == null ? "ROTATE" : strategy), now,
                        "DELETE".equals(strategy) ? null : "SET".equals(strategy) ? "SETTING" : "ROTATING");
            }
            state.replicationGroups().put(id, next);
            return next;
        });
        ReplicationGroupRecord was = before[0];
        String switchTo = newPrimaryId != null && !newPrimaryId.equals(was.primaryId()) ? newPrimaryId : null;
        runtime.apply(Configs.group(scope, modified, switchTo, List.of()), outcome -> modified(scope, was, outcome));
        return ModifyReplicationGroupResponse.builder().replicationGroup(shapes.replicationGroup(scope, modified)).build();
    }

    private List<String> authTokens(ReplicationGroupRecord group, @Nullable String token, String strategy) {
        return switch (strategy) {
            case "DELETE" -> List.of();
            case "SET" -> {
                if (group.authTokens().isEmpty()) {
                    throw validation.invalidCombination("AuthTokenUpdateStrategy SET is allowed only after ROTATE "
                            + "on a group with AUTH enabled.");
                }
                yield List.of(requireNonNull(token, "token"));
            }
            default -> group.authTokens().isEmpty() || group.authTokens().get(0).equals(token)
                    ? List.of(requireNonNull(token, "token"))
                    : List.of(requireNonNull(token, "token"), group.authTokens().get(0));
        };
    }

    /** The modification is applied (or failed half-way: the group is usable either way). */
    private void modified(Scope scope, ReplicationGroupRecord before, Outcome outcome) {
        if (!outcome.ok()) {
            log.warn("elasticache/{} - the modification did not complete: {}", before.id(), outcome.reason());
        }
        store.updateGroup(scope, before.id(), g -> g.withStatus(GroupStatus.AVAILABLE).settled()).ifPresent(done -> {
            if (before.automaticFailover().settled() != done.automaticFailover()) {
                store.event(scope, SOURCE, done.id(), "Automatic failover has been turned "
                        + (done.automaticFailover() == FailoverStatus.ENABLED ? "on" : "off") + " for replication group "
                        + done.id());
            }
        });
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_TestFailover.html">TestFailover</a>:
     * a planned switch to the most advanced replica (no acknowledged write is lost), after which
     * the old primary is restarted as a replica.
     */
    TestFailoverResponse testFailover(RequestContext context, TestFailoverRequest request) {
        Scope scope = Defaults.scope(context);
        String id = request.replicationGroupId().toLowerCase(Locale.ROOT);
        ReplicationGroupRecord group = store.group(scope, id);
        if (!Shapes.NODE_GROUP_ID.equals(request.nodeGroupId())) {
            throw errors.error("NodeGroupNotFoundFault", "Node group %s not found in replication group %s.",
                    request.nodeGroupId(), id);
        }
        validation.requireAvailable(group);
        if (group.automaticFailover() != FailoverStatus.ENABLED) {
            throw errors.error("InvalidReplicationGroupStateFault",
                    "Replication group %s does not have automatic failover enabled.", id);
        }
        store.event(scope, SOURCE, id, "Test Failover API called for node group " + Shapes.NODE_GROUP_ID);
        runtime.testFailover(CacheKey.group(scope, id), outcome -> {
            if (outcome.ok() && !outcome.changed()) {
                store.event(scope, SOURCE, id, "Test failover of node group 0001 found no available replica");
            }
        });
        return TestFailoverResponse.builder().replicationGroup(shapes.replicationGroup(scope, group)).build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteReplicationGroup.html">DeleteReplicationGroup</a>.
     */
    DeleteReplicationGroupResponse delete(RequestContext context, DeleteReplicationGroupRequest request) {
        Scope scope = Defaults.scope(context);
        String id = request.replicationGroupId().toLowerCase(Locale.ROOT);
        if (Boolean.TRUE.equals(request.retainPrimaryCluster())) {
            throw Validation.notEmulated("RetainPrimaryCluster");
        }
        if (request.finalSnapshotIdentifier() != null) {
            throw Validation.notEmulated("snapshots (FinalSnapshotIdentifier)");
        }
        ReplicationGroupRecord deleting = store.write(scope, state -> {
            ReplicationGroupRecord group = store.existingGroup(state, id);
            GroupStatus.LIFECYCLE.require(group.status(), Set.of(GroupStatus.AVAILABLE, GroupStatus.CREATE_FAILED),
                    () -> errors.error("InvalidReplicationGroupStateFault",
                            "Replication group %s is %s; it can be deleted once it is available.", id,
                            group.status().wire()));
            ReplicationGroupRecord next = group.withStatus(GroupStatus.DELETING).withMemberStatus(NodeStatus.DELETING);
            state.replicationGroups().put(id, next);
            return next;
        });
        remove(scope, deleting, outcome -> { });
        return DeleteReplicationGroupResponse.builder().replicationGroup(shapes.replicationGroup(scope, deleting)).build();
    }

    /**
     * Has the runtime remove the group's engines and endpoints, then forgets it; {@code failed} is
     * told when that failed (the group then stays {@code deleting}, deleted again at the next start).
     */
    void remove(Scope scope, ReplicationGroupRecord group, Consumer<Outcome> failed) {
        List<String> members = group.memberIds();
        runtime.remove(CacheKey.group(scope, group.id()), members, outcome -> {
            if (!outcome.ok()) {
                failed.accept(outcome);
                return;
            }
            store.update(scope, state -> {
                ReplicationGroupRecord removed = state.replicationGroups().remove(group.id());
                if (removed != null) {
                    state.tags().remove(removed.arn());
                    members.forEach(m -> state.tags().remove(Shapes.memberArn(removed.arn(), m)));
                }
            });
            store.event(scope, SOURCE, group.id(), "Replication group " + group.id() + " deleted");
        });
    }
}

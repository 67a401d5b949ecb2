package dev.haneul.elasticache.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.EndpointTraffic;
import dev.haneul.core.api.EndpointView;
import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.resource.Arn;
import dev.haneul.core.resource.Page;
import dev.haneul.core.resource.Paging;
import dev.haneul.core.resource.ResourceEvent;
import dev.haneul.core.resource.TagRules;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.elasticache.endpoint.CacheEndpoints;
import dev.haneul.elasticache.engine.AdminCommands;
import dev.haneul.elasticache.engine.EngineListener;
import dev.haneul.elasticache.engine.ReplicationEngine;
import dev.haneul.elasticache.engine.Topology;
import dev.haneul.elasticache.model.CacheClusterRecord;
import dev.haneul.elasticache.model.ElastiCacheState;
import dev.haneul.elasticache.model.FailoverStatus;
import dev.haneul.elasticache.model.GroupStatus;
import dev.haneul.elasticache.model.NodeStatus;
import dev.haneul.elasticache.model.MemberRecord;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.nio.file.FileSystemException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import dev.haneul.core.api.AwsServiceException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticache.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.elasticache.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterResponse;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.DecreaseReplicaCountRequest;
import software.amazon.awssdk.services.elasticache.model.DecreaseReplicaCountResponse;
import software.amazon.awssdk.services.elasticache.model.DeleteCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteCacheClusterResponse;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountRequest;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountResponse;
import software.amazon.awssdk.services.elasticache.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.elasticache.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.elasticache.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.elasticache.model.Tag;
import software.amazon.awssdk.services.elasticache.model.TestFailoverRequest;
import software.amazon.awssdk.services.elasticache.model.TestFailoverResponse;

/**
 * Amazon ElastiCache for Redis OSS and Valkey, cluster mode disabled, on real {@code redis-server}
 * processes: a replication group is one engine per member cluster (one primary, up to five
 * replicas), with a primary endpoint, a reader endpoint and one endpoint per node, each a TCP
 * proxy on its own loopback address and the group's port.
 *
 * <p>API calls validate, persist the new state (status {@code creating}, {@code modifying},
 * {@code deleting}) and return at once, as AWS does; the work (starting engines, binding
 * endpoints, failovers, rotations) runs on a virtual thread per resource, one task at a time in
 * the order accepted, and ends by setting the status back to {@code available} (or removing the
 * resource). Failures of engines are handled by {@link ReplicationEngine}; this class persists
 * what it reports (the new primary, events) and points the endpoints at the new topology.
 */
public final class ElastiCacheProvider implements ServiceProvider {

    private static final Logger log = LoggerFactory.getLogger(ElastiCacheProvider.class);
    private static final ServiceModel MODEL = ServiceModel.fromResource(ElastiCacheProvider.class,
            "/dev/haneul/elasticache/service-2.json");
    static final String SERVICE = "elasticache";
    static final String GROUP = "replicationgroup";
    static final String CLUSTER = "cluster";
    private static final String GROUP_SOURCE = "replication-group";
    private static final String CLUSTER_SOURCE = "cache-cluster";
    private static final String DEFAULT_NODE_TYPE = "cache.t3.micro";
    private static final String SNAPSHOT_WINDOW = "06:00-07:00";

    private final ServiceEnvironment environment;
    private final ServiceErrors errors = new ServiceErrors(MODEL);
    private final Validation validation = new Validation(errors);
    private final Paging paging = new Paging(Validation.PAGE_LIMITS, validation.pagingErrors());
    private final TagRules tagRules = TagRules.standard(validation.tagErrors());
    private final ScopedStore<ElastiCacheState> store;
    private final Shapes shapes;
    private final Map<String, ResourceRuntime> runtimes = new ConcurrentHashMap<>();
    private final Operations operations;
    private volatile boolean closed;

    public ElastiCacheProvider(ServiceEnvironment environment) {
        this.environment = requireNonNull(environment, "environment");
        this.store = environment.openStore(SERVICE, ElastiCacheState.class, ElastiCacheState::empty);
        this.shapes = new Shapes(environment.addresses());
        this.operations = Operations.builder(MODEL)
                .add("CreateReplicationGroup", CreateReplicationGroupRequest::builder, this::createReplicationGroup)
                .add("DescribeReplicationGroups", DescribeReplicationGroupsRequest::builder, this::describeReplicationGroups)
                .add("ModifyReplicationGroup", ModifyReplicationGroupRequest::builder, this::modifyReplicationGroup)
                .add("IncreaseReplicaCount", IncreaseReplicaCountRequest::builder, this::increaseReplicaCount)
                .add("DecreaseReplicaCount", DecreaseReplicaCountRequest::builder, this::decreaseReplicaCount)
                .add("TestFailover", TestFailoverRequest::builder, this::testFailover)
                .add("DeleteReplicationGroup", DeleteReplicationGroupRequest::builder, this::deleteReplicationGroup)
                .add("CreateCacheCluster", CreateCacheClusterRequest::builder, this::createCacheCluster)
                .add("DescribeCacheClusters", DescribeCacheClustersRequest::builder, this::describeCacheClusters)
                .add("DeleteCacheCluster", DeleteCacheClusterRequest::builder, this::deleteCacheCluster)
                .add("DescribeEvents", DescribeEventsRequest::builder, this::describeEvents)
                .add("AddTagsToResource", AddTagsToResourceRequest::builder, this::addTagsToResource)
                .add("ListTagsForResource", ListTagsForResourceRequest::builder, this::listTagsForResource)
                .add("RemoveTagsFromResource", RemoveTagsFromResourceRequest::builder, this::removeTagsFromResource)
                .build();
    }

    @Override
    public String name() {
        return SERVICE;
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        return operations.invoke(context, operation, input);
    }

    // ---- replication groups ----

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html">CreateReplicationGroup</a>,
     * cluster mode disabled.
     */
    CreateReplicationGroupResponse createReplicationGroup(RequestContext context, CreateReplicationGroupRequest request) {
        Scope scope = scope(context);
        String id = validation.identifier("ReplicationGroupId", request.replicationGroupId(), 40);
        String engine = validation.engine(request.engine());
        if ((request.numNodeGroups() != null && request.numNodeGroups() > 1) || request.nodeGroupConfiguration().size() > 1
                || "enabled".equalsIgnoreCase(request.clusterModeAsString())
                || "compatible".equalsIgnoreCase(request.clusterModeAsString())
                || (request.cacheParameterGroupName() != null && request.cacheParameterGroupName().contains("cluster.on"))) {
            throw Validation.notEmulated("cluster mode enabled replication groups");
        }
        if (Boolean.TRUE.equals(request.transitEncryptionEnabled())) {
            throw Validation.notEmulated("in-transit encryption (TLS); create the group with TransitEncryptionEnabled "
                    + "false (an AuthToken works without it in Haneul)");
        }
        if (request.primaryClusterId() != null) {
            throw Validation.notEmulated("CreateReplicationGroup from an existing cluster (PrimaryClusterId)");
        }
        if (request.snapshotArns().size() > 0 || request.snapshotName() != null) {
            throw Validation.notEmulated("snapshots");
        }
        parameterGroup(request.cacheParameterGroupName());
        Integer replicas = request.replicasPerNodeGroup();
        if (replicas == null && request.nodeGroupConfiguration().size() == 1) {
            replicas = request.nodeGroupConfiguration().get(0).replicaCount();
        }
        int count;
        if (request.numCacheClusters() != null) {
            count = request.numCacheClusters();
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
        boolean failover = Boolean.TRUE.equals(request.automaticFailoverEnabled());
        boolean multiAz = Boolean.TRUE.equals(request.multiAZEnabled());
        if (failover && count < 2) {
            throw validation.invalidCombination("Automatic failover requires at least one read replica "
                    + "(NumCacheClusters >= 2).");
        }
        if (multiAz && !failover) {
            throw validation.invalidCombination("Multi-AZ requires AutomaticFailoverEnabled.");
        }
        if (request.authToken() != null) {
            validation.authToken(request.authToken());
        }
        int port = validation.port(request.port());
        Instant now = environment.clock().instant();
        List<MemberRecord> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            members.add(new MemberRecord(memberId(id, i), NodeStatus.CREATING, now, zone(context, request.preferredCacheClusterAZs(), i)));
        }
        String engineVersion = engineVersion(engine, request.engineVersion());
        ReplicationGroupRecord group = new ReplicationGroupRecord(id, request.replicationGroupDescription(), engine,
                engineVersion, request.cacheNodeType() == null ? DEFAULT_NODE_TYPE : request.cacheNodeType(), port,
                GroupStatus.CREATING, failover ? FailoverStatus.ENABLING : FailoverStatus.DISABLED, multiAz,
                request.authToken() == null ? List.of() : List.of(request.authToken()),
                request.authToken() == null ? null : now, null, members.get(0).cacheClusterId(), members, now,
                request.snapshotRetentionLimit() == null ? 0 : request.snapshotRetentionLimit(),
                request.snapshotWindow() == null ? SNAPSHOT_WINDOW : request.snapshotWindow(),
                Arn.of(SERVICE, scope, GROUP, ':', id).toString(), AdminCommands.newSecret());
        Map<String, String> tags = tagRules.validate(tagEntries(request.tags()));
        store.write(scope, state -> {
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
            putTags(state, group.arn(), tags);
            return null;
        });
        ResourceRuntime runtime = runtime(scope, GROUP, id);
        submit(runtime, "create", () -> createGroupWork(runtime));
        return CreateReplicationGroupResponse.builder().replicationGroup(shapes.replicationGroup(runtime.resourceKey, group))
                .build();
    }

    private void createGroupWork(ResourceRuntime runtime) throws IOException, InterruptedException {
        try {
            bringUpGroup(runtime);
        } catch (IOException | RuntimeException e) {
            log.error("{} - creation failed", runtime.name, e);
            updateGroup(runtime, g -> g.withStatus(GroupStatus.CREATE_FAILED));
            event(runtime.scope, GROUP_SOURCE, runtime.id, "Failed to create replication group " + runtime.id + ": "
                    + e.getMessage());
            return;
        }
        ReplicationGroupRecord group = updateGroup(runtime, g -> g.withStatus(GroupStatus.AVAILABLE)
                .withMemberStatus(NodeStatus.AVAILABLE).settled());
        for (String member : group.memberIds()) {
            event(runtime.scope, CLUSTER_SOURCE, member, "Cache cluster created");
        }
        event(runtime.scope, GROUP_SOURCE, runtime.id, "Replication group " + runtime.id + " created");
        if (group.automaticFailover() == FailoverStatus.ENABLED) {
            event(runtime.scope, GROUP_SOURCE, runtime.id,
                    "Automatic failover has been turned on for replication group " + runtime.id);
        }
    }

    /** Binds the group's endpoints and starts (or adopts) its engines; used at creation and at Haneul's start. */
    private void bringUpGroup(ResourceRuntime runtime) throws IOException, InterruptedException {
        ReplicationGroupRecord group = group(runtime.scope, runtime.id);
        CacheEndpoints endpoints = new CacheEndpoints(environment.runtime(), environment.addresses(),
                runtime.resourceKey, runtime.name, CacheEndpoints.PRIMARY,
                moved -> updateGroup(runtime, g -> g.withPort(moved)));
        runtime.endpoints = endpoints;
        int port = endpoints.openPrimary(group.port()).port();
        endpoints.openReader(port);
        for (String member : group.memberIds()) {
            endpoints.openNode(member, port);
        }
        ReplicationEngine engine = new ReplicationEngine(runtime.name, GROUP_SOURCE, runtime.id, environment.supervisor(),
                environment.engines(), nodeId -> environment.engineDir(SERVICE, runtime.scope, nodeId),
                nodeId -> processName(runtime.scope, nodeId), new AdminCommands(group.adminSecret()), group.authTokens(),
                group.automaticFailover().on(), listener(runtime));
        runtime.engine = engine;
        engine.bringUp(group.primaryId(), group.replicaIds());
        endpoints.update(ResourceRuntime.backends(engine.topology()));
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeReplicationGroups.html">DescribeReplicationGroups</a>.
     */
    DescribeReplicationGroupsResponse describeReplicationGroups(RequestContext context,
                                                                DescribeReplicationGroupsRequest request) {
        Scope scope = scope(context);
        validation.pageSize(request.maxRecords());
        List<ReplicationGroupRecord> groups;
        if (request.replicationGroupId() != null) {
            groups = List.of(group(scope, request.replicationGroupId().toLowerCase(Locale.ROOT)));
        } else {
            groups = store.read(scope, state -> List.copyOf(state.replicationGroups().values()));
        }
        Page<ReplicationGroupRecord> page = paging.byKey(groups, ReplicationGroupRecord::id, request.marker(),
                request.maxRecords());
        return DescribeReplicationGroupsResponse.builder()
                .replicationGroups(page.items().stream()
                        .map(g -> shapes.replicationGroup(ResourceRuntime.resourceKey(scope, GROUP, g.id()), g)).toList())
                .marker(page.nextMarker())
                .build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyReplicationGroup.html">ModifyReplicationGroup</a>:
     * description, automatic failover and Multi-AZ, AUTH token rotation, a new primary. Applied at
     * once whatever {@code ApplyImmediately} says.
     */
    ModifyReplicationGroupResponse modifyReplicationGroup(RequestContext context, ModifyReplicationGroupRequest request) {
        Scope scope = scope(context);
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
        if (request.authToken() != null) {
            validation.authToken(request.authToken());
            if ("DELETE".equals(strategy)) {
                throw validation.invalidCombination("AuthToken cannot be given with AuthTokenUpdateStrategy DELETE.");
            }
        } else if (strategy != null && !strategy.equals("DELETE")) {
            throw validation.invalidCombination("AuthTokenUpdateStrategy %s requires an AuthToken.", strategy);
        }
        Instant now = environment.clock().instant();
        ReplicationGroupRecord[] before = new ReplicationGroupRecord[1];
        ReplicationGroupRecord modified = store.write(scope, state -> {
            ReplicationGroupRecord group = existingGroup(state, id);
            requireAvailable(group);
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
            if (request.primaryClusterId() != null && group.member(request.primaryClusterId().toLowerCase(Locale.ROOT)).isEmpty()) {
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
            if (request.authToken() != null || "DELETE".equals(strategy)) {
                next = next.withAuth(authTokens(group, request.authToken(), strategy == null ? "ROTATE" : strategy), now,
                        "DELETE".equals(strategy) ? null : "SET".equals(strategy) ? "SETTING" : "ROTATING");
            }
            state.replicationGroups().put(id, next);
            return next;
        });
        ResourceRuntime runtime = runtime(scope, GROUP, id);
        Optional<String> newPrimary = Optional.ofNullable(request.primaryClusterId()).map(p -> p.toLowerCase(Locale.ROOT))
                .filter(p -> !p.equals(before[0].primaryId()));
        submit(runtime, "modify", () -> modifyWork(runtime, before[0], modified, newPrimary));
        return ModifyReplicationGroupResponse.builder()
                .replicationGroup(shapes.replicationGroup(runtime.resourceKey, modified)).build();
    }

    private List<String> authTokens(ReplicationGroupRecord group, String token, String strategy) {
        return switch (strategy) {
            case "DELETE" -> List.of();
            case "SET" -> {
                if (group.authTokens().isEmpty()) {
                    throw validation.invalidCombination("AuthTokenUpdateStrategy SET is allowed only after ROTATE "
                            + "on a group with AUTH enabled.");
                }
                yield List.of(token);
            }
            default -> group.authTokens().isEmpty() || group.authTokens().get(0).equals(token)
                    ? List.of(token) : List.of(token, group.authTokens().get(0));
        };
    }

    private void modifyWork(ResourceRuntime runtime, ReplicationGroupRecord before, ReplicationGroupRecord after,
                            Optional<String> newPrimary) throws IOException, InterruptedException {
        ReplicationEngine engine = requireEngine(runtime);
        try {
            if (!after.authTokens().equals(before.authTokens())) {
                engine.setAuthTokens(after.authTokens());
            }
            engine.setAutomaticFailover(after.automaticFailover().on());
            if (newPrimary.isPresent()) {
                engine.switchover(newPrimary, "ModifyReplicationGroup PrimaryClusterId");
            }
        } finally {
            ReplicationGroupRecord done = updateGroup(runtime, g -> g.withStatus(GroupStatus.AVAILABLE).settled());
            if (!before.automaticFailover().equals(done.automaticFailover())) {
                event(runtime.scope, GROUP_SOURCE, runtime.id, "Automatic failover has been turned "
                        + (done.automaticFailover() == FailoverStatus.ENABLED ? "on" : "off") + " for replication group "
                        + runtime.id);
            }
        }
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_IncreaseReplicaCount.html">IncreaseReplicaCount</a>.
     */
    IncreaseReplicaCountResponse increaseReplicaCount(RequestContext context, IncreaseReplicaCountRequest request) {
        Scope scope = scope(context);
        String id = request.replicationGroupId().toLowerCase(Locale.ROOT);
        Integer wanted = replicaCount(request.newReplicaCount(), request.hasReplicaConfiguration()
                ? request.replicaConfiguration().stream().map(c -> c.newReplicaCount()).findFirst().orElse(null) : null);
        Instant now = environment.clock().instant();
        List<String> added = new ArrayList<>();
        ReplicationGroupRecord modified = store.write(scope, state -> {
            ReplicationGroupRecord group = existingGroup(state, id);
            requireAvailable(group);
            int current = group.members().size() - 1;
            if (wanted <= current || wanted > Validation.MAX_REPLICAS) {
                throw validation.invalidValue("NewReplicaCount must be greater than the current %d and at most %d (%d).",
                        current, Validation.MAX_REPLICAS, wanted);
            }
            List<MemberRecord> members = new ArrayList<>(group.members());
            int next = nextMemberNumber(group);
            while (members.size() - 1 < wanted) {
                String memberId = memberId(id, next++);
                if (state.cacheClusterIdTaken(memberId)) {
                    continue;
                }
                members.add(new MemberRecord(memberId, NodeStatus.CREATING, now, zone(context, List.of(), members.size() + 1)));
                added.add(memberId);
            }
            ReplicationGroupRecord updated = group.withStatus(GroupStatus.MODIFYING).withMembers(members);
            state.replicationGroups().put(id, updated);
            return updated;
        });
        ResourceRuntime runtime = runtime(scope, GROUP, id);
        submit(runtime, "add replicas", () -> addReplicasWork(runtime, added));
        return IncreaseReplicaCountResponse.builder()
                .replicationGroup(shapes.replicationGroup(runtime.resourceKey, modified)).build();
    }

    private void addReplicasWork(ResourceRuntime runtime, List<String> added) throws IOException, InterruptedException {
        try {
            ReplicationGroupRecord group = group(runtime.scope, runtime.id);
            for (String memberId : added) {
                requireEndpoints(runtime).openNode(memberId, group.port());
            }
            requireEngine(runtime).addReplicas(added);
            for (String memberId : added) {
                event(runtime.scope, CLUSTER_SOURCE, memberId, "Cache cluster created");
            }
        } finally {
            updateGroup(runtime, g -> g.withStatus(GroupStatus.AVAILABLE).withMemberStatus(NodeStatus.AVAILABLE));
        }
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DecreaseReplicaCount.html">DecreaseReplicaCount</a>:
     * the replicas named in {@code ReplicasToRemove}, or else the newest ones.
     */
    DecreaseReplicaCountResponse decreaseReplicaCount(RequestContext context, DecreaseReplicaCountRequest request) {
        Scope scope = scope(context);
        String id = request.replicationGroupId().toLowerCase(Locale.ROOT);
        List<String> named = request.replicasToRemove().stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        Integer wanted = named.isEmpty() ? replicaCount(request.newReplicaCount(), request.hasReplicaConfiguration()
                ? request.replicaConfiguration().stream().map(c -> c.newReplicaCount()).findFirst().orElse(null) : null)
                : request.newReplicaCount();
        List<String> removed = new ArrayList<>();
        ReplicationGroupRecord modified = store.write(scope, state -> {
            ReplicationGroupRecord group = existingGroup(state, id);
            requireAvailable(group);
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
                if (wanted < 0 || wanted >= replicas.size()) {
                    throw validation.invalidValue("NewReplicaCount must be less than the current %d and at least 0 (%d).",
                            replicas.size(), wanted);
                }
                removed.addAll(replicas.subList(wanted, replicas.size()).reversed());
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
        ResourceRuntime runtime = runtime(scope, GROUP, id);
        submit(runtime, "remove replicas", () -> removeReplicasWork(runtime, removed));
        return DecreaseReplicaCountResponse.builder()
                .replicationGroup(shapes.replicationGroup(runtime.resourceKey, modified)).build();
    }

    private void removeReplicasWork(ResourceRuntime runtime, List<String> removed) throws IOException {
        try {
            requireEngine(runtime).removeReplicas(removed);
            for (String memberId : removed) {
                requireEndpoints(runtime).closeNode(memberId);
            }
        } finally {
            updateGroup(runtime, g -> g.withStatus(GroupStatus.AVAILABLE)
                    .withMembers(g.members().stream().filter(m -> !removed.contains(m.cacheClusterId())).toList()));
            store.write(runtime.scope, state -> {
                removed.forEach(m -> state.tags().remove(clusterArn(runtime.scope, m)));
                return null;
            });
        }
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_TestFailover.html">TestFailover</a>:
     * a planned switch to the most advanced replica (no acknowledged write is lost), after which
     * the old primary is restarted as a replica.
     */
    TestFailoverResponse testFailover(RequestContext context, TestFailoverRequest request) {
        Scope scope = scope(context);
        String id = request.replicationGroupId().toLowerCase(Locale.ROOT);
        ReplicationGroupRecord group = group(scope, id);
        if (!request.nodeGroupId().equals(Shapes.NODE_GROUP_ID)) {
            throw errors.error("NodeGroupNotFoundFault", "Node group %s not found in replication group %s.",
                    request.nodeGroupId(), id);
        }
        requireAvailable(group);
        if (group.automaticFailover() != FailoverStatus.ENABLED) {
            throw errors.error("InvalidReplicationGroupStateFault",
                    "Replication group %s does not have automatic failover enabled.", id);
        }
        ResourceRuntime runtime = runtime(scope, GROUP, id);
        event(scope, GROUP_SOURCE, id, "Test Failover API called for node group " + Shapes.NODE_GROUP_ID);
        submit(runtime, "test failover", () -> {
            if (!requireEngine(runtime).switchover(Optional.empty(), "TestFailover")) {
                event(scope, GROUP_SOURCE, id, "Test failover of node group 0001 found no available replica");
            }
        });
        return TestFailoverResponse.builder().replicationGroup(shapes.replicationGroup(runtime.resourceKey, group)).build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteReplicationGroup.html">DeleteReplicationGroup</a>.
     */
    DeleteReplicationGroupResponse deleteReplicationGroup(RequestContext context, DeleteReplicationGroupRequest request) {
        Scope scope = scope(context);
        String id = request.replicationGroupId().toLowerCase(Locale.ROOT);
        if (Boolean.TRUE.equals(request.retainPrimaryCluster())) {
            throw Validation.notEmulated("RetainPrimaryCluster");
        }
        if (request.finalSnapshotIdentifier() != null) {
            throw Validation.notEmulated("snapshots (FinalSnapshotIdentifier)");
        }
        ReplicationGroupRecord deleting = store.write(scope, state -> {
            ReplicationGroupRecord group = existingGroup(state, id);
            GroupStatus.LIFECYCLE.require(group.status(), Set.of(GroupStatus.AVAILABLE, GroupStatus.CREATE_FAILED),
                    () -> errors.error("InvalidReplicationGroupStateFault",
                            "Replication group %s is %s; it can be deleted once it is available.", id,
                            group.status().wire()));
            ReplicationGroupRecord next = group.withStatus(GroupStatus.DELETING).withMemberStatus(NodeStatus.DELETING);
            state.replicationGroups().put(id, next);
            return next;
        });
        ResourceRuntime runtime = runtime(scope, GROUP, id);
        submit(runtime, "delete", () -> deleteWork(runtime));
        return DeleteReplicationGroupResponse.builder()
                .replicationGroup(shapes.replicationGroup(runtime.resourceKey, deleting)).build();
    }

    private void deleteWork(ResourceRuntime runtime) throws IOException {
        CacheEndpoints endpoints = runtime.endpoints;
        if (endpoints != null) {
            endpoints.close();
        }
        ReplicationEngine engine = runtime.engine;
        List<String> members = runtime.kind.equals(GROUP)
                ? store.read(runtime.scope, s -> Optional.ofNullable(s.replicationGroups().get(runtime.id))
                        .map(ReplicationGroupRecord::memberIds).orElse(List.of()))
                : List.of(runtime.id);
        if (engine != null) {
            engine.destroy();
        }
        for (String member : members) {
            ReplicationEngine.deleteDirectory(environment.engineDir(SERVICE, runtime.scope, member));
        }
        environment.addresses().release(runtime.resourceKey);
        runtimes.remove(ResourceRuntime.key(runtime.scope, runtime.kind, runtime.id));
        store.write(runtime.scope, state -> {
            if (runtime.kind.equals(GROUP)) {
                ReplicationGroupRecord group = state.replicationGroups().remove(runtime.id);
                if (group != null) {
                    state.tags().remove(group.arn());
                    members.forEach(m -> state.tags().remove(clusterArn(runtime.scope, m)));
                }
            } else {
                CacheClusterRecord cluster = state.cacheClusters().remove(runtime.id);
                if (cluster != null) {
                    state.tags().remove(cluster.arn());
                }
            }
            return null;
        });
        event(runtime.scope, runtime.kind.equals(GROUP) ? GROUP_SOURCE : CLUSTER_SOURCE, runtime.id,
                (runtime.kind.equals(GROUP) ? "Replication group " : "Cache cluster ") + runtime.id + " deleted");
    }

    // ---- cache clusters ----

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html">CreateCacheCluster</a>:
     * a stand-alone single-node Redis cluster, or (with {@code ReplicationGroupId}) a new read
     * replica of a replication group.
     */
    CreateCacheClusterResponse createCacheCluster(RequestContext context, CreateCacheClusterRequest request) {
        Scope scope = scope(context);
        String id = validation.identifier("CacheClusterId", request.cacheClusterId(), 50);
        if (request.replicationGroupId() != null) {
            return addMember(context, scope, id, request);
        }
        String engine = validation.engine(request.engine());
        if (request.numCacheNodes() != null && request.numCacheNodes() != 1) {
            throw validation.invalidValue("Cache clusters of engine %s must have exactly one cache node (%d).", engine,
                    request.numCacheNodes());
        }
        if (Boolean.TRUE.equals(request.transitEncryptionEnabled())) {
            throw Validation.notEmulated("in-transit encryption (TLS)");
        }
        if (request.snapshotArns().size() > 0 || request.snapshotName() != null) {
            throw Validation.notEmulated("snapshots");
        }
        parameterGroup(request.cacheParameterGroupName());
        if (request.authToken() != null) {
            validation.authToken(request.authToken());
        }
        int port = validation.port(request.port());
        Map<String, String> tags = tagRules.validate(tagEntries(request.tags()));
        Instant now = environment.clock().instant();
        CacheClusterRecord cluster = new CacheClusterRecord(id, engine, engineVersion(engine, request.engineVersion()),
                request.cacheNodeType() == null ? DEFAULT_NODE_TYPE : request.cacheNodeType(), port, NodeStatus.CREATING,
                request.authToken() == null ? List.of() : List.of(request.authToken()), now,
                request.preferredAvailabilityZone() == null ? zone(context, List.of(), 1) : request.preferredAvailabilityZone(),
                request.snapshotRetentionLimit() == null ? 0 : request.snapshotRetentionLimit(),
                request.snapshotWindow() == null ? SNAPSHOT_WINDOW : request.snapshotWindow(),
                Arn.of(SERVICE, scope, CLUSTER, ':', id).toString(), AdminCommands.newSecret());
        store.write(scope, state -> {
            if (state.cacheClusterIdTaken(id)) {
                throw errors.error("CacheClusterAlreadyExistsFault", "Cache cluster %s already exists.", id);
            }
            state.cacheClusters().put(id, cluster);
            putTags(state, cluster.arn(), tags);
            return null;
        });
        ResourceRuntime runtime = runtime(scope, CLUSTER, id);
        submit(runtime, "create", () -> {
            try {
                bringUpCluster(runtime);
            } catch (IOException | RuntimeException e) {
                log.error("{} - creation failed", runtime.name, e);
                updateCluster(runtime, c -> c.withStatus(NodeStatus.CREATE_FAILED));
                event(scope, CLUSTER_SOURCE, id, "Failed to create cache cluster " + id + ": " + e.getMessage());
                return;
            }
            updateCluster(runtime, c -> c.withStatus(NodeStatus.AVAILABLE));
            event(scope, CLUSTER_SOURCE, id, "Cache cluster created");
        });
        return CreateCacheClusterResponse.builder().cacheCluster(shapes.standalone(runtime.resourceKey, cluster, false))
                .build();
    }

    private void bringUpCluster(ResourceRuntime runtime) throws IOException, InterruptedException {
        CacheClusterRecord cluster = cluster(runtime.scope, runtime.id);
        CacheEndpoints endpoints = new CacheEndpoints(environment.runtime(), environment.addresses(),
                runtime.resourceKey, runtime.name, runtime.id, moved -> updateCluster(runtime, c -> c.withPort(moved)));
        runtime.endpoints = endpoints;
        endpoints.openNode(runtime.id, cluster.port());
        ReplicationEngine engine = new ReplicationEngine(runtime.name, CLUSTER_SOURCE, runtime.id, environment.supervisor(),
                environment.engines(), nodeId -> environment.engineDir(SERVICE, runtime.scope, nodeId),
                nodeId -> processName(runtime.scope, nodeId), new AdminCommands(cluster.adminSecret()),
                cluster.authTokens(), false, listener(runtime));
        runtime.engine = engine;
        engine.bringUp(runtime.id, List.of());
        endpoints.update(ResourceRuntime.backends(engine.topology()));
    }

    private CreateCacheClusterResponse addMember(RequestContext context, Scope scope, String id,
                                                 CreateCacheClusterRequest request) {
        String groupId = request.replicationGroupId().toLowerCase(Locale.ROOT);
        Instant now = environment.clock().instant();
        ReplicationGroupRecord modified = store.write(scope, state -> {
            ReplicationGroupRecord group = existingGroup(state, groupId);
            requireAvailable(group);
            if (state.cacheClusterIdTaken(id)) {
                throw errors.error("CacheClusterAlreadyExistsFault", "Cache cluster %s already exists.", id);
            }
            if (group.members().size() >= Validation.MAX_NODES) {
                throw errors.error("NodeQuotaForClusterExceededFault",
                        "Replication group %s has the maximum of %d cache clusters.", groupId, Validation.MAX_NODES);
            }
            List<MemberRecord> members = new ArrayList<>(group.members());
            members.add(new MemberRecord(id, NodeStatus.CREATING, now, request.preferredAvailabilityZone() == null
                    ? zone(context, List.of(), members.size() + 1) : request.preferredAvailabilityZone()));
            ReplicationGroupRecord updated = group.withStatus(GroupStatus.MODIFYING).withMembers(members);
            state.replicationGroups().put(groupId, updated);
            return updated;
        });
        ResourceRuntime runtime = runtime(scope, GROUP, groupId);
        submit(runtime, "add replica", () -> addReplicasWork(runtime, List.of(id)));
        return CreateCacheClusterResponse.builder().cacheCluster(shapes.member(runtime.resourceKey, modified,
                modified.member(id).orElseThrow(), false)).build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheClusters.html">DescribeCacheClusters</a>:
     * the members of replication groups, then the stand-alone clusters.
     */
    DescribeCacheClustersResponse describeCacheClusters(RequestContext context, DescribeCacheClustersRequest request) {
        Scope scope = scope(context);
        validation.pageSize(request.maxRecords());
        boolean showNodes = Boolean.TRUE.equals(request.showCacheNodeInfo());
        boolean standaloneOnly = Boolean.TRUE.equals(request.showCacheClustersNotInReplicationGroups());
        List<CacheCluster> all = store.read(scope, state -> {
            List<CacheCluster> clusters = new ArrayList<>();
            if (!standaloneOnly) {
                state.replicationGroups().values().forEach(g -> g.members().forEach(m -> clusters.add(
                        shapes.member(ResourceRuntime.resourceKey(scope, GROUP, g.id()), g, m, showNodes))));
            }
            state.cacheClusters().values().forEach(c -> clusters.add(
                    shapes.standalone(ResourceRuntime.resourceKey(scope, CLUSTER, c.id()), c, showNodes)));
            return clusters;
        });
        if (request.cacheClusterId() != null) {
            String id = request.cacheClusterId().toLowerCase(Locale.ROOT);
            all = all.stream().filter(c -> c.cacheClusterId().equals(id)).toList();
            if (all.isEmpty()) {
                throw errors.error("CacheClusterNotFoundFault", "CacheCluster not found: %s", request.cacheClusterId());
            }
        }
        Page<CacheCluster> page = paging.byKey(all, CacheCluster::cacheClusterId, request.marker(), request.maxRecords());
        return DescribeCacheClustersResponse.builder().cacheClusters(page.items()).marker(page.nextMarker()).build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheCluster.html">DeleteCacheCluster</a>:
     * a stand-alone cluster, or a read replica of a replication group.
     */
    DeleteCacheClusterResponse deleteCacheCluster(RequestContext context, DeleteCacheClusterRequest request) {
        Scope scope = scope(context);
        String id = request.cacheClusterId().toLowerCase(Locale.ROOT);
        if (request.finalSnapshotIdentifier() != null) {
            throw Validation.notEmulated("snapshots (FinalSnapshotIdentifier)");
        }
        Optional<ReplicationGroupRecord> owner = store.read(scope, state -> state.replicationGroups().values().stream()
                .filter(g -> g.member(id).isPresent()).findFirst());
        if (owner.isPresent()) {
            ReplicationGroupRecord group = owner.get();
            if (group.primaryId().equals(id)) {
                throw errors.error("InvalidCacheClusterStateFault", "Cache cluster %s is the primary of replication "
                        + "group %s and cannot be deleted; delete the replication group.", id, group.id());
            }
            DecreaseReplicaCountResponse response = decreaseReplicaCount(context, DecreaseReplicaCountRequest.builder()
                    .replicationGroupId(group.id()).replicasToRemove(id).applyImmediately(true).build());
            ReplicationGroupRecord modified = group(scope, group.id());
            return DeleteCacheClusterResponse.builder().cacheCluster(shapes.member(
                    ResourceRuntime.resourceKey(scope, GROUP, group.id()), modified, modified.member(id).orElseThrow(),
                    false)).build();
        }
        CacheClusterRecord deleting = store.write(scope, state -> {
            CacheClusterRecord cluster = state.cacheClusters().get(id);
            if (cluster == null) {
                throw errors.error("CacheClusterNotFoundFault", "CacheCluster not found: %s", request.cacheClusterId());
            }
            NodeStatus.LIFECYCLE.require(cluster.status(),
                    Set.of(NodeStatus.AVAILABLE, NodeStatus.CREATE_FAILED, NodeStatus.RESTORE_FAILED),
                    () -> errors.error("InvalidCacheClusterStateFault",
                            "Cache cluster %s is %s; it can be deleted once it is available.", id,
                            cluster.status().wire()));
            CacheClusterRecord next = cluster.withStatus(NodeStatus.DELETING);
            state.cacheClusters().put(id, next);
            return next;
        });
        ResourceRuntime runtime = runtime(scope, CLUSTER, id);
        submit(runtime, "delete", () -> deleteWork(runtime));
        return DeleteCacheClusterResponse.builder().cacheCluster(shapes.standalone(runtime.resourceKey, deleting, false))
                .build();
    }

    // ---- events and tags ----

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeEvents.html">DescribeEvents</a>:
     * newest first; by default the last hour.
     */
    DescribeEventsResponse describeEvents(RequestContext context, DescribeEventsRequest request) {
        Scope scope = scope(context);
        validation.pageSize(request.maxRecords());
        if (request.sourceIdentifier() != null && request.sourceType() == null) {
            throw validation.invalidCombination("SourceType is required with SourceIdentifier.");
        }
        Instant now = environment.clock().instant();
        Instant end = request.endTime() != null ? request.endTime() : now;
        Instant start = request.startTime() != null ? request.startTime()
                : end.minus(Duration.ofMinutes(request.duration() != null ? request.duration() : 60));
        if (start.isAfter(end)) {
            throw validation.invalidCombination("StartTime must be before EndTime.");
        }
        String type = request.sourceTypeAsString();
        String source = request.sourceIdentifier() == null ? null : request.sourceIdentifier().toLowerCase(Locale.ROOT);
        List<ResourceEvent> events = store.read(scope, state -> state.events().reversed().stream()
                .filter(e -> !e.date().isBefore(start) && !e.date().isAfter(end))
                .filter(e -> type == null || e.sourceType().equals(type))
                .filter(e -> source == null || e.sourceIdentifier().equals(source))
                .toList());
        Page<ResourceEvent> page = paging.byOffset(events, request.marker(), request.maxRecords());
        return DescribeEventsResponse.builder().marker(page.nextMarker()).events(page.items().stream()
                .map(e -> Event.builder().sourceIdentifier(e.sourceIdentifier()).sourceType(e.sourceType())
                        .message(e.message()).date(e.date()).build()).toList()).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_AddTagsToResource.html">AddTagsToResource</a>. */
    AddTagsToResourceResponse addTagsToResource(RequestContext context, AddTagsToResourceRequest request) {
        Scope scope = scope(context);
        Map<String, String> added = tagRules.validate(tagEntries(request.tags()));
        List<Tag> tags = store.write(scope, state -> {
            String arn = requireTaggable(state, scope, request.resourceName());
            Map<String, String> next = tagRules.merge(state.tags().getOrDefault(arn, Map.of()), added);
            state.tags().put(arn, next);
            return tagList(next);
        });
        return AddTagsToResourceResponse.builder().tagList(tags).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ListTagsForResource.html">ListTagsForResource</a>. */
    ListTagsForResourceResponse listTagsForResource(RequestContext context, ListTagsForResourceRequest request) {
        Scope scope = scope(context);
        List<Tag> tags = store.read(scope, state -> {
            String arn = requireTaggable(state, scope, request.resourceName());
            return tagList(state.tags().getOrDefault(arn, Map.of()));
        });
        return ListTagsForResourceResponse.builder().tagList(tags).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_RemoveTagsFromResource.html">RemoveTagsFromResource</a>. */
    RemoveTagsFromResourceResponse removeTagsFromResource(RequestContext context, RemoveTagsFromResourceRequest request) {
        Scope scope = scope(context);
        List<Tag> tags = store.write(scope, state -> {
            String arn = requireTaggable(state, scope, request.resourceName());
            Map<String, String> current = state.tags().getOrDefault(arn, Map.of());
            for (String key : request.tagKeys()) {
                if (!current.containsKey(key)) {
                    throw errors.error("TagNotFoundFault", "Tag %s not found on %s.", key, arn);
                }
            }
            Map<String, String> next = TagRules.remove(current, request.tagKeys());
            state.tags().put(arn, next);
            return tagList(next);
        });
        return RemoveTagsFromResourceResponse.builder().tagList(tags).build();
    }

    @Override
    public Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        try {
            return store.read(scope, state -> {
                String taggable = requireTaggable(state, scope, arn);
                return Optional.of(Map.copyOf(state.tags().getOrDefault(taggable, Map.of())));
            });
        } catch (AwsServiceException notFound) {
            return Optional.empty();
        }
    }

    private String requireTaggable(ElastiCacheState state, Scope scope, String arn) {
        Arn parsed = Arn.parse(arn).filter(a -> a.partition().equals(Arn.AWS) && a.service().equals(SERVICE)
                && a.isIn(scope)).orElseThrow(() -> errors.error("InvalidARNFault",
                "The ARN %s is not a valid ElastiCache ARN of %s in %s.", arn, scope.accountId(), scope.region()));
        String type = parsed.resource().startsWith(parsed.resourceType() + ":") ? parsed.resourceType() : "";
        if (type.equals(GROUP)) {
            existingGroup(state, parsed.resourceId());
            return arn;
        }
        if (type.equals(CLUSTER)) {
            String id = parsed.resourceId();
            if (!state.cacheClusterIdTaken(id)) {
                throw errors.error("CacheClusterNotFoundFault", "CacheCluster not found: %s", id);
            }
            return arn;
        }
        throw errors.error("InvalidARNFault", "Haneul tags only replication groups and cache clusters (%s).", arn);
    }

    private static List<Map.Entry<String, String>> tagEntries(List<Tag> tags) {
        return tags.stream().<Map.Entry<String, String>>map(t -> new AbstractMap.SimpleImmutableEntry<>(t.key(), t.value()))
                .toList();
    }

    private static void putTags(ElastiCacheState state, String arn, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            state.tags().put(arn, new LinkedHashMap<>(tags));
        }
    }

    private static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static String clusterArn(Scope scope, String id) {
        return Arn.of(SERVICE, scope, CLUSTER, ':', id).toString();
    }

    // ---- life cycle ----

    /**
     * Claims every node's engine directory, binds the endpoints and brings the engines back in the
     * background (adopting those a killed Haneul left running); finishes interrupted deletions.
     */
    @Override
    public void start() {
        List<ResourceRuntime> pending = new ArrayList<>();
        store.forEach((scope, state) -> {
            state.replicationGroups().values().forEach(group -> {
                group.memberIds().forEach(member -> environment.engineDir(SERVICE, scope, member));
                pending.add(runtime(scope, GROUP, group.id()));
            });
            state.cacheClusters().values().forEach(cluster -> {
                environment.engineDir(SERVICE, scope, cluster.id());
                pending.add(runtime(scope, CLUSTER, cluster.id()));
            });
        });
        for (ResourceRuntime runtime : pending) {
            runtime.starting = true;
            submit(runtime, "start", () -> {
                try {
                    resume(runtime);
                } catch (IOException | RuntimeException e) {
                    recoveryFailed(runtime, e);
                    throw e;
                } finally {
                    runtime.starting = false;
                }
            });
        }
        if (!pending.isEmpty()) {
            log.info("elasticache - bringing back {} replication group(s) and cache cluster(s)", pending.size());
        }
    }

    /**
     * A group or cluster that could not be brought back never stays {@code available} with no
     * engine behind it: its nodes become {@code restore-failed} (ElastiCache's status for a node
     * it could not restore from its data) and a group {@code create-failed}, the only failure
     * status a replication group has, from which it can be deleted; an event and the health
     * route say why.
     */
    private void recoveryFailed(ResourceRuntime runtime, Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        // A file system exception's message is only the path: say what happened to it.
        String reason = message.isEmpty() || e instanceof FileSystemException
                ? e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) : message;
        runtime.recoveryFailure = reason;
        log.error("{} - could not be brought back: {}", runtime.name, reason);
        try {
            if (runtime.kind.equals(GROUP)) {
                updateGroup(runtime, g -> g.withStatus(GroupStatus.CREATE_FAILED).withMemberStatus(NodeStatus.RESTORE_FAILED));
            } else {
                updateCluster(runtime, c -> c.withStatus(NodeStatus.RESTORE_FAILED));
            }
            event(runtime.scope, runtime.kind.equals(GROUP) ? GROUP_SOURCE : CLUSTER_SOURCE, runtime.id,
                    "Could not bring " + runtime.id + " back after Haneul restarted: " + reason);
        } catch (RuntimeException failure) {
            log.error("{} - cannot record the failure: {}", runtime.name, failure.getMessage());
        }
    }

    private void resume(ResourceRuntime runtime) throws IOException, InterruptedException {
        if (runtime.kind.equals(CLUSTER)) {
            CacheClusterRecord cluster = cluster(runtime.scope, runtime.id);
            if (cluster.status() == NodeStatus.DELETING) {
                deleteWork(runtime);
                return;
            }
            bringUpCluster(runtime);
            updateCluster(runtime, c -> c.withStatus(NodeStatus.AVAILABLE));
            return;
        }
        ReplicationGroupRecord group = group(runtime.scope, runtime.id);
        if (group.status() == GroupStatus.DELETING) {
            deleteWork(runtime);
            return;
        }
        List<String> half = group.members().stream().filter(m -> m.status() != NodeStatus.AVAILABLE
                && group.status() != GroupStatus.CREATING).map(MemberRecord::cacheClusterId).toList();
        if (!half.isEmpty()) {
            // Members being added or removed when Haneul stopped: drop them; their engines are orphans.
            for (String member : half) {
                if (!member.equals(group.primaryId())) {
                    ReplicationEngine.deleteDirectory(environment.engineDir(SERVICE, runtime.scope, member));
                    environment.addresses().release(runtime.resourceKey, member);
                }
            }
            updateGroup(runtime, g -> g.withMembers(g.members().stream()
                    .filter(m -> !half.contains(m.cacheClusterId()) || m.cacheClusterId().equals(g.primaryId())).toList()));
        }
        bringUpGroup(runtime);
        updateGroup(runtime, g -> g.withStatus(GroupStatus.AVAILABLE).withMemberStatus(NodeStatus.AVAILABLE).settled());
    }

    @Override
    public ServiceHealth health() {
        int[] counts = new int[3];
        store.forEach((scope, state) -> {
            counts[0] += state.replicationGroups().size();
            counts[1] += state.cacheClusters().size();
            counts[2] += state.cacheClusters().size()
                    + state.replicationGroups().values().stream().mapToInt(g -> g.members().size()).sum();
        });
        Map<String, Integer> resources = new LinkedHashMap<>();
        resources.put("replicationGroups", counts[0]);
        resources.put("cacheClusters", counts[1]);
        resources.put("nodes", counts[2]);
        List<String> unrecovered = runtimes.values().stream().filter(r -> r.recoveryFailure != null)
                .map(r -> r.id + " could not be brought back (" + r.recoveryFailure + ")").sorted().toList();
        if (!unrecovered.isEmpty()) {
            return ServiceHealth.degraded(String.join("; ", unrecovered), resources);
        }
        long starting = runtimes.values().stream().filter(r -> r.starting).count();
        if (starting > 0) {
            return ServiceHealth.starting(starting + " replication group(s) or cache cluster(s) coming back", resources);
        }
        return ServiceHealth.running(resources);
    }

    @Override
    public List<EndpointView> endpoints() {
        List<EndpointView> views = new ArrayList<>();
        for (ResourceRuntime runtime : runtimes.values()) {
            String resource = "elasticache " + (runtime.kind.equals(GROUP) ? "replication group " : "cache cluster ")
                    + runtime.id;
            environment.addresses().endpoints(runtime.resourceKey).forEach((role, endpoint) ->
                    views.add(new EndpointView(resource, role, endpoint.toString())));
        }
        views.sort(Comparator.comparing(EndpointView::resource).thenComparing(EndpointView::role));
        return views;
    }

    /** Every resource's endpoints (primary, reader, nodes), their backends named by node id. */
    @Override
    public List<EndpointTraffic> traffic() {
        List<EndpointTraffic> traffic = new ArrayList<>();
        for (ResourceRuntime runtime : runtimes.values()) {
            CacheEndpoints endpoints = runtime.endpoints;
            ReplicationEngine engine = runtime.engine;
            if (endpoints == null || engine == null) {
                continue;
            }
            Map<InetSocketAddress, String> nodes = new LinkedHashMap<>();
            ResourceRuntime.backends(engine.topology()).nodes().forEach((id, backend) -> nodes.put(backend, id));
            Map<String, Endpoint> addresses = environment.addresses().endpoints(runtime.resourceKey);
            endpoints.stats().forEach((role, stats) -> traffic.add(EndpointTraffic.tcp(name(), runtime.scope, runtime.id,
                    role, Optional.ofNullable(addresses.get(role)).map(Endpoint::toString).orElse(""), stats, nodes)));
        }
        return traffic;
    }

    /**
     * Stops every endpoint and engine; each primary first saves an RDB snapshot, which it loads
     * at the next start, so a clean stop keeps the data.
     */
    @Override
    public void close() {
        closed = true;
        // close() waits for every stop: resources stop in parallel.
        try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ResourceRuntime runtime : runtimes.values()) {
                stoppers.execute(() -> {
                    CacheEndpoints endpoints = runtime.endpoints;
                    if (endpoints != null) {
                        endpoints.close();
                    }
                    ReplicationEngine engine = runtime.engine;
                    if (engine != null) {
                        engine.close();
                    }
                });
            }
        }
    }

    // ---- helpers ----

    private void submit(ResourceRuntime runtime, String what, ResourceRuntime.Work work) {
        runtime.submit(what, work, () -> closed);
    }

    private ResourceRuntime runtime(Scope scope, String kind, String id) {
        return runtimes.computeIfAbsent(ResourceRuntime.key(scope, kind, id), k -> new ResourceRuntime(scope, kind, id));
    }

    private static CacheEndpoints requireEndpoints(ResourceRuntime runtime) {
        CacheEndpoints endpoints = runtime.endpoints;
        if (endpoints == null) {
            throw new IllegalStateException(runtime.name + " - its endpoints are not open");
        }
        return endpoints;
    }

    private static ReplicationEngine requireEngine(ResourceRuntime runtime) {
        ReplicationEngine engine = runtime.engine;
        if (engine == null) {
            throw new IllegalStateException(runtime.name + " - its engines are not running");
        }
        return engine;
    }

    private EngineListener listener(ResourceRuntime runtime) {
        return new EngineListener() {
            @Override
            public void topologyChanged(Topology topology) {
                CacheEndpoints endpoints = runtime.endpoints;
                if (endpoints != null) {
                    endpoints.update(ResourceRuntime.backends(topology));
                }
            }

            @Override
            public void primaryChanged(String primaryId) {
                if (runtime.kind.equals(GROUP)) {
                    updateGroup(runtime, g -> g.withPrimary(primaryId));
                }
            }

            @Override
            public void event(String sourceType, String sourceId, String message) {
                ElastiCacheProvider.this.event(runtime.scope, sourceType, sourceId, message);
            }
        };
    }

    private void event(Scope scope, String sourceType, String sourceId, String message) {
        ResourceEvent event = new ResourceEvent(sourceId, sourceType, message, List.of(), environment.clock().instant(),
                null);
        store.write(scope, state -> {
            state.addEvent(event);
            return null;
        });
    }

    private ReplicationGroupRecord updateGroup(ResourceRuntime runtime,
                                               Function<ReplicationGroupRecord, ReplicationGroupRecord> change) {
        return store.write(runtime.scope, state -> {
            ReplicationGroupRecord group = state.replicationGroups().get(runtime.id);
            if (group == null) {
                return null;
            }
            ReplicationGroupRecord next = change.apply(group);
            state.replicationGroups().put(runtime.id, next);
            return next;
        });
    }

    private void updateCluster(ResourceRuntime runtime, Function<CacheClusterRecord, CacheClusterRecord> change) {
        store.write(runtime.scope, state -> {
            CacheClusterRecord cluster = state.cacheClusters().get(runtime.id);
            if (cluster != null) {
                state.cacheClusters().put(runtime.id, change.apply(cluster));
            }
            return null;
        });
    }

    private ReplicationGroupRecord group(Scope scope, String id) {
        return store.read(scope, state -> existingGroup(state, id));
    }

    private CacheClusterRecord cluster(Scope scope, String id) {
        return store.read(scope, state -> {
            CacheClusterRecord cluster = state.cacheClusters().get(id);
            if (cluster == null) {
                throw errors.error("CacheClusterNotFoundFault", "CacheCluster not found: %s", id);
            }
            return cluster;
        });
    }

    private ReplicationGroupRecord existingGroup(ElastiCacheState state, String id) {
        ReplicationGroupRecord group = state.replicationGroups().get(id);
        if (group == null) {
            throw errors.error("ReplicationGroupNotFoundFault", "Replication group %s not found.", id);
        }
        return group;
    }

    private void requireAvailable(ReplicationGroupRecord group) {
        GroupStatus.LIFECYCLE.require(group.status(), Set.of(GroupStatus.AVAILABLE),
                () -> errors.error("InvalidReplicationGroupStateFault",
                        "Replication group %s is not in available state (%s).", group.id(), group.status().wire()));
    }

    private Integer replicaCount(Integer newReplicaCount, Integer fromConfiguration) {
        Integer wanted = newReplicaCount != null ? newReplicaCount : fromConfiguration;
        if (wanted == null) {
            throw validation.invalidCombination("Either NewReplicaCount or ReplicaConfiguration is required.");
        }
        return wanted;
    }

    private void parameterGroup(String name) {
        if (name != null && !name.startsWith("default.")) {
            throw errors.error("CacheParameterGroupNotFoundFault", "CacheParameterGroup not found: %s "
                    + "(Haneul emulates only the default parameter groups).", name);
        }
    }

    /** The engine version users see: what they asked for, else the running engine's major.minor. */
    private String engineVersion(String engine, String requested) {
        if (requested != null) {
            return requested;
        }
        if (engine.equals("valkey")) {
            return "7.2";
        }
        try {
            String version = environment.engines().redis().version();
            int second = version.indexOf('.', version.indexOf('.') + 1);
            return second < 0 ? version : version.substring(0, second);
        } catch (IOException | RuntimeException e) {
            log.warn("elasticache - cannot tell the Redis version ({}); reporting 7.0", e.getMessage());
            return "7.0";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "7.0";
        }
    }

    private static String memberId(String groupId, int number) {
        return groupId + "-" + String.format(Locale.ROOT, "%03d", number);
    }

    private static int nextMemberNumber(ReplicationGroupRecord group) {
        int max = 0;
        for (String id : group.memberIds()) {
            String suffix = id.substring(id.lastIndexOf('-') + 1);
            if (id.startsWith(group.id() + "-") && suffix.matches("\\d{3}")) {
                max = Math.max(max, Integer.parseInt(suffix));
            }
        }
        return max + 1;
    }

    private static String zone(RequestContext context, List<String> preferred, int number) {
        if (preferred.size() >= number) {
            return preferred.get(number - 1);
        }
        return context.region() + (char) ('a' + (number - 1) % 3);
    }

    private String processName(Scope scope, String nodeId) {
        boolean home = scope.region().equals(environment.config().defaultRegion())
                && scope.accountId().equals(environment.config().accountId());
        return "elasticache/" + nodeId + (home ? "" : "@" + scope.accountId() + "/" + scope.region());
    }

    private static Scope scope(RequestContext context) {
        return new Scope(context.accountId(), context.region());
    }


}

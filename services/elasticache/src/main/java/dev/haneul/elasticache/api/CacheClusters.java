package dev.haneul.elasticache.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.resource.Arn;
import dev.haneul.core.resource.Page;
import dev.haneul.core.resource.Paging;
import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.engine.AdminCommands;
import dev.haneul.elasticache.model.CacheClusterRecord;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterResponse;
import software.amazon.awssdk.services.elasticache.model.DeleteCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteCacheClusterResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;

/**
 * Cache clusters: stand-alone single-node Redis clusters, and the members of replication groups
 * as {@code DescribeCacheClusters} lists them (adding or deleting a member goes through
 * {@link Replicas}).
 */
final class CacheClusters {

    private static final String SOURCE = CacheKey.Kind.CLUSTER.sourceType();

    private final CacheStore store;
    private final ServiceErrors errors;
    private final Validation validation;
    private final Paging paging;
    private final Shapes shapes;
    private final Tags tags;
    private final Defaults defaults;
    private final Replicas replicas;
    private final CacheRuntime runtime;

    CacheClusters(CacheStore store, ServiceErrors errors, Validation validation, Shapes shapes, Tags tags,
                  Defaults defaults, Replicas replicas, CacheRuntime runtime) {
        this.store = requireNonNull(store, "store");
        this.errors = requireNonNull(errors, "errors");
        this.validation = requireNonNull(validation, "validation");
        this.paging = new Paging(Validation.PAGE_LIMITS, validation.pagingErrors());
        this.shapes = requireNonNull(shapes, "shapes");
        this.tags = requireNonNull(tags, "tags");
        this.defaults = requireNonNull(defaults, "defaults");
        this.replicas = requireNonNull(replicas, "replicas");
        this.runtime = requireNonNull(runtime, "runtime");
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html">CreateCacheCluster</a>:
     * a stand-alone single-node Redis cluster, or (with {@code ReplicationGroupId}) a new read
     * replica of a replication group.
     */
    CreateCacheClusterResponse create(RequestContext context, CreateCacheClusterRequest request) {
        Scope scope = Defaults.scope(context);
        String id = validation.identifier("CacheClusterId", request.cacheClusterId(), 50);
        if (request.replicationGroupId() != null) {
            ReplicationGroupRecord group = replicas.addMember(context, id, request);
            return CreateCacheClusterResponse.builder().cacheCluster(shapes.member(scope, group,
                    group.member(id).orElseThrow(), false)).build();
        }
        String engine = validation.engine(request.engine());
        if (request.numCacheNodes() != null && request.numCacheNodes() != 1) {
            throw validation.invalidValue("Cache clusters of engine %s must have exactly one cache node (%d).", engine,
                    request.numCacheNodes());
        }
        if (Boolean.TRUE.equals(request.transitEncryptionEnabled())) {
            throw Validation.notEmulated("in-transit encryption (TLS)");
        }
        if (!request.snapshotArns().isEmpty() || request.snapshotName() != null) {
            throw Validation.notEmulated("snapshots");
        }
        validation.parameterGroup(request.cacheParameterGroupName());
        String authToken = request.authToken();
        if (authToken != null) {
            validation.authToken(authToken);
        }
        int port = validation.port(request.port());
        Map<String, String> initialTags = tags.validate(request.tags());
        Instant now = store.clock().instant();
        String zone = request.preferredAvailabilityZone();
        CacheClusterRecord cluster = new CacheClusterRecord(id, engine,
                defaults.engineVersion(engine, request.engineVersion()),
                request.cacheNodeType() == null ? Defaults.NODE_TYPE : request.cacheNodeType(), port, NodeStatus.CREATING,
                authToken == null ? List.of() : List.of(authToken), now,
                zone == null ? Defaults.zone(context, List.of(), 1) : zone,
                request.snapshotRetentionLimit() == null ? 0 : request.snapshotRetentionLimit(),
                request.snapshotWindow() == null ? Defaults.SNAPSHOT_WINDOW : request.snapshotWindow(),
                Arn.of(ElastiCacheProvider.SERVICE, scope, CacheKey.Kind.CLUSTER.arnType(), ':', id).toString(),
                AdminCommands.newSecret());
        store.update(scope, state -> {
            if (state.cacheClusterIdTaken(id)) {
                throw errors.error("CacheClusterAlreadyExistsFault", "Cache cluster %s already exists.", id);
            }
            state.cacheClusters().put(id, cluster);
            Tags.put(state, cluster.arn(), initialTags);
        });
        runtime.apply(Configs.cluster(scope, cluster), outcome -> created(scope, id, outcome));
        return CreateCacheClusterResponse.builder().cacheCluster(shapes.standalone(scope, cluster, false)).build();
    }

    private void created(Scope scope, String id, Outcome outcome) {
        if (!outcome.ok()) {
            store.updateCluster(scope, id, c -> c.withStatus(NodeStatus.CREATE_FAILED));
            store.event(scope, SOURCE, id, "Failed to create cache cluster " + id + ": " + outcome.reason());
            return;
        }
        store.updateCluster(scope, id, c -> c.withStatus(NodeStatus.AVAILABLE));
        store.event(scope, SOURCE, id, "Cache cluster created");
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheClusters.html">DescribeCacheClusters</a>:
     * the members of replication groups, then the stand-alone clusters.
     */
    DescribeCacheClustersResponse describe(RequestContext context, DescribeCacheClustersRequest request) {
        Scope scope = Defaults.scope(context);
        validation.pageSize(request.maxRecords());
        boolean showNodes = Boolean.TRUE.equals(request.showCacheNodeInfo());
        boolean standaloneOnly = Boolean.TRUE.equals(request.showCacheClustersNotInReplicationGroups());
        List<CacheCluster> all = store.read(scope, state -> {
            List<CacheCluster> clusters = new ArrayList<>();
            if (!standaloneOnly) {
                state.replicationGroups().values().forEach(g -> g.members().forEach(m -> clusters.add(
                        shapes.member(scope, g, m, showNodes))));
            }
            state.cacheClusters().values().forEach(c -> clusters.add(shapes.standalone(scope, c, showNodes)));
            return clusters;
        });
        String wanted = request.cacheClusterId();
        if (wanted != null) {
            String id = wanted.toLowerCase(Locale.ROOT);
            all = all.stream().filter(c -> c.cacheClusterId().equals(id)).toList();
            if (all.isEmpty()) {
                throw errors.error("CacheClusterNotFoundFault", "CacheCluster not found: %s", wanted);
            }
        }
        Page<CacheCluster> page = paging.byKey(all, CacheCluster::cacheClusterId, request.marker(), request.maxRecords());
        return DescribeCacheClustersResponse.builder().cacheClusters(page.items()).marker(page.nextMarker()).build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheCluster.html">DeleteCacheCluster</a>:
     * a stand-alone cluster, or a read replica of a replication group.
     */
    DeleteCacheClusterResponse delete(RequestContext context, DeleteCacheClusterRequest request) {
        Scope scope = Defaults.scope(context);
        String id = request.cacheClusterId().toLowerCase(Locale.ROOT);
        if (request.finalSnapshotIdentifier() != null) {
            throw Validation.notEmulated("snapshots (FinalSnapshotIdentifier)");
        }
        Optional<ReplicationGroupRecord> owner = store.read(scope, state -> state.replicationGroups().values().stream()
                .filter(g -> g.member(id).isPresent()).findFirst());
        if (owner.isPresent()) {
            ReplicationGroupRecord modified = replicas.removeMember(context, owner.get(), id);
            return DeleteCacheClusterResponse.builder().cacheCluster(shapes.member(scope, modified,
                    modified.member(id).orElseThrow(), false)).build();
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
        remove(scope, deleting, outcome -> { });
        return DeleteCacheClusterResponse.builder().cacheCluster(shapes.standalone(scope, deleting, false)).build();
    }

    /**
     * Has the runtime remove the cluster's engine and endpoint, then forgets it; {@code failed} is
     * told when that failed (the cluster then stays {@code deleting}, deleted again at the next start).
     */
    void remove(Scope scope, CacheClusterRecord cluster, Consumer<Outcome> failed) {
        runtime.remove(CacheKey.cluster(scope, cluster.id()), List.of(cluster.id()), outcome -> {
            if (!outcome.ok()) {
                failed.accept(outcome);
                return;
            }
            store.update(scope, state -> {
                CacheClusterRecord removed = state.cacheClusters().remove(cluster.id());
                if (removed != null) {
                    state.tags().remove(removed.arn());
                }
            });
            store.event(scope, SOURCE, cluster.id(), "Cache cluster " + cluster.id() + " deleted");
        });
    }
}

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
import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.elasticache.model.ElastiCacheState;
import dev.haneul.elasticache.runtime.CacheKey;
import dev.haneul.elasticache.runtime.CacheObserver;
import dev.haneul.elasticache.runtime.CacheRuntime;
import dev.haneul.elasticache.runtime.EngineCacheRuntime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticache.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DecreaseReplicaCountRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountRequest;
import software.amazon.awssdk.services.elasticache.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.elasticache.model.TestFailoverRequest;

/**
 * Amazon ElastiCache for Redis OSS and Valkey, cluster mode disabled, on real {@code redis-server}
 * processes: a replication group is one engine per member cluster (one primary, up to five
 * replicas), with a primary endpoint, a reader endpoint and one endpoint per node, each a TCP
 * proxy on its own loopback address and the group's port.
 *
 * <p>This class only routes: each operation goes to its resource family ({@link ReplicationGroups},
 * {@link Replicas}, {@link CacheClusters}, {@link Events}, {@link Tags}), which validates, persists
 * the new state ({@link CacheStore}) and answers at once, as AWS does, handing the resource's
 * desired config to the {@link CacheRuntime}; the runtime brings the engines and endpoints to it
 * in the background and reports back ({@link Observations}); {@link Recovery} brings everything
 * back at start.
 */
public final class ElastiCacheProvider implements ServiceProvider {

    private static final ServiceModel MODEL = ServiceModel.fromResource(ElastiCacheProvider.class,
            "/dev/haneul/elasticache/service-2.json");
    static final String SERVICE = "elasticache";

    private final AddressAllocator addresses;
    private final CacheRuntime runtime;
    private final Recovery recovery;
    private final Operations operations;
    // The resource families, package-visible for the fast tests.
    final ReplicationGroups groups;
    final Replicas replicas;
    final CacheClusters clusters;
    final Events events;
    final Tags tags;
    final CacheStore store;

    public ElastiCacheProvider(ServiceEnvironment environment) {
        this(environment.openStore(SERVICE, ElastiCacheState.class, ElastiCacheState::empty), environment.clock(),
                environment.addresses(), () -> environment.engines().redis().version(),
                observer -> new EngineCacheRuntime(SERVICE, environment, observer));
    }

    /**
     * @param runtimes makes the runtime that reports to the given observer (a fake one in fast tests)
     */
    ElastiCacheProvider(ScopedStore<ElastiCacheState> state, Clock clock, AddressAllocator addresses,
                        Defaults.RedisVersion redisVersion, Function<CacheObserver, CacheRuntime> runtimes) {
        ServiceErrors errors = new ServiceErrors(MODEL);
        Validation validation = new Validation(errors);
        this.addresses = requireNonNull(addresses, "addresses");
        this.store = new CacheStore(state, errors, clock);
        this.runtime = runtimes.apply(new Observations(store));
        Shapes shapes = new Shapes(addresses);
        Defaults defaults = new Defaults(redisVersion);
        this.tags = new Tags(store, errors, validation);
        this.groups = new ReplicationGroups(store, errors, validation, shapes, tags, defaults, runtime);
        this.replicas = new Replicas(store, errors, validation, shapes, runtime);
        this.clusters = new CacheClusters(store, errors, validation, shapes, tags, defaults, replicas, runtime);
        this.events = new Events(store, validation);
        this.recovery = new Recovery(store, runtime, groups, clusters);
        this.operations = Operations.builder(MODEL)
                .add("CreateReplicationGroup", CreateReplicationGroupRequest::builder, groups::create)
                .add("DescribeReplicationGroups", DescribeReplicationGroupsRequest::builder, groups::describe)
                .add("ModifyReplicationGroup", ModifyReplicationGroupRequest::builder, groups::modify)
                .add("IncreaseReplicaCount", IncreaseReplicaCountRequest::builder, replicas::increase)
                .add("DecreaseReplicaCount", DecreaseReplicaCountRequest::builder, replicas::decrease)
                .add("TestFailover", TestFailoverRequest::builder, groups::testFailover)
                .add("DeleteReplicationGroup", DeleteReplicationGroupRequest::builder, groups::delete)
                .add("CreateCacheCluster", CreateCacheClusterRequest::builder, clusters::create)
                .add("DescribeCacheClusters", DescribeCacheClustersRequest::builder, clusters::describe)
                .add("DeleteCacheCluster", DeleteCacheClusterRequest::builder, clusters::delete)
                .add("DescribeEvents", DescribeEventsRequest::builder, events::describe)
                .add("AddTagsToResource", AddTagsToResourceRequest::builder, tags::add)
                .add("ListTagsForResource", ListTagsForResourceRequest::builder, tags::list)
                .add("RemoveTagsFromResource", RemoveTagsFromResourceRequest::builder, tags::remove)
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

    @Override
    public Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        return tags.of(scope, arn);
    }

    /** Brings every replication group and cache cluster back, in the background. */
    @Override
    public void start() {
        recovery.start();
    }

    @Override
    public ServiceHealth health() {
        return recovery.health();
    }

    @Override
    public List<EndpointView> endpoints() {
        List<EndpointView> views = new ArrayList<>();
        store.forEach((scope, state) -> {
            state.replicationGroups().keySet().forEach(id -> addViews(views, CacheKey.group(scope, id)));
            state.cacheClusters().keySet().forEach(id -> addViews(views, CacheKey.cluster(scope, id)));
        });
        views.sort(Comparator.comparing(EndpointView::resource).thenComparing(EndpointView::role));
        return views;
    }

    private void addViews(List<EndpointView> views, CacheKey key) {
        String resource = "elasticache " + (key.kind() == CacheKey.Kind.GROUP ? "replication group " : "cache cluster ")
                + key.id();
        addresses.endpoints(key.resourceKey()).forEach((role, endpoint) ->
                views.add(new EndpointView(resource, role, endpoint.toString())));
    }

    /** Every resource's endpoints (primary, reader, nodes), their backends named by node id. */
    @Override
    public List<EndpointTraffic> traffic() {
        List<EndpointTraffic> traffic = new ArrayList<>();
        for (CacheRuntime.Observed observed : runtime.observe()) {
            CacheKey key = observed.key();
            Map<String, Endpoint> at = addresses.endpoints(key.resourceKey());
            observed.endpoints().forEach((role, stats) -> traffic.add(EndpointTraffic.tcp(SERVICE, key.scope(), key.id(),
                    role, Optional.ofNullable(at.get(role)).map(Endpoint::toString).orElse(""), stats,
                    observed.backends())));
        }
        return traffic;
    }

    /**
     * Stops every endpoint and engine; each primary first saves an RDB snapshot, which it loads
     * at the next start, so a clean stop keeps the data.
     */
    @Override
    public void close() {
        runtime.close();
    }
}

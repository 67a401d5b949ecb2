package dev.haneul.rds.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.EndpointTraffic;
import dev.haneul.core.api.EndpointView;
import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.state.Scope;
import dev.haneul.rds.engine.ClusterRuntime;
import dev.haneul.rds.model.RdsState;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterEndpointsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeEventsRequest;
import software.amazon.awssdk.services.rds.model.FailoverDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.rds.model.StartDbClusterRequest;
import software.amazon.awssdk.services.rds.model.StopDbClusterRequest;

/**
 * Amazon RDS for Aurora MySQL: routes each operation to the service of its resource family
 * (controller → service → store, as in ../shared/STYLE.md):
 * {@link ClusterService}, {@link InstanceService}, {@link ClusterEndpointService},
 * {@link EventService} and {@link TagService}, over the state in {@link RdsStore}. Each service
 * validates the request as RDS does, changes the persisted state (new resources, transitional
 * statuses such as {@code creating}, {@code rebooting}, {@code failing-over}) and returns at
 * once; the cluster's engine side ({@link ClusterRuntimes}) does the slow part and writes the
 * final status, so {@code aws rds wait db-instance-available} and friends work.
 *
 * <p>Addresses: every endpoint is a loopback address on the cluster's port, returned where AWS
 * returns a host name. Allocation is idempotent, so the API and the runtime agree on it.
 */
public final class RdsProvider implements ServiceProvider {

    private final ClusterRuntimes runtimes;
    private final TagService tags;
    private final Operations operations;

    public RdsProvider(ServiceEnvironment environment) {
        requireNonNull(environment, "environment");
        RdsStore store = new RdsStore(environment.openStore("rds", RdsState.class, RdsState::new));
        this.runtimes = new ClusterRuntimes(environment, store.scoped());
        this.tags = new TagService(store);
        this.operations = operations(store, runtimes, tags, environment.clock());
    }

    /** The operations, routed to their resource family's service. */
    static Operations operations(RdsStore store, ClusterEngines engines, TagService tags, Clock clock) {
        ClusterService clusters = new ClusterService(store, engines, clock);
        InstanceService instances = new InstanceService(store, engines, clock);
        ClusterEndpointService endpoints = new ClusterEndpointService(store, engines);
        EventService events = new EventService(store, clock);
        return Operations.builder(RdsErrors.MODEL)
                .add("CreateDBCluster", CreateDbClusterRequest::builder, clusters::createDBCluster)
                .add("DescribeDBClusters", DescribeDbClustersRequest::builder, clusters::describeDBClusters)
                .add("ModifyDBCluster", ModifyDbClusterRequest::builder, clusters::modifyDBCluster)
                .add("DeleteDBCluster", DeleteDbClusterRequest::builder, clusters::deleteDBCluster)
                .add("StopDBCluster", StopDbClusterRequest::builder, clusters::stopDBCluster)
                .add("StartDBCluster", StartDbClusterRequest::builder, clusters::startDBCluster)
                .add("FailoverDBCluster", FailoverDbClusterRequest::builder, clusters::failoverDBCluster)
                .add("CreateDBInstance", CreateDbInstanceRequest::builder, instances::createDBInstance)
                .add("DescribeDBInstances", DescribeDbInstancesRequest::builder, instances::describeDBInstances)
                .add("ModifyDBInstance", ModifyDbInstanceRequest::builder, instances::modifyDBInstance)
                .add("RebootDBInstance", RebootDbInstanceRequest::builder, instances::rebootDBInstance)
                .add("DeleteDBInstance", DeleteDbInstanceRequest::builder, instances::deleteDBInstance)
                .add("CreateDBClusterEndpoint", CreateDbClusterEndpointRequest::builder,
                        endpoints::createDBClusterEndpoint)
                .add("ModifyDBClusterEndpoint", ModifyDbClusterEndpointRequest::builder,
                        endpoints::modifyDBClusterEndpoint)
                .add("DescribeDBClusterEndpoints", DescribeDbClusterEndpointsRequest::builder,
                        endpoints::describeDBClusterEndpoints)
                .add("DeleteDBClusterEndpoint", DeleteDbClusterEndpointRequest::builder,
                        endpoints::deleteDBClusterEndpoint)
                .add("DescribeEvents", DescribeEventsRequest::builder, events::describeEvents)
                .add("AddTagsToResource", AddTagsToResourceRequest::builder, tags::addTagsToResource)
                .add("ListTagsForResource", ListTagsForResourceRequest::builder, tags::listTagsForResource)
                .add("RemoveTagsFromResource", RemoveTagsFromResourceRequest::builder, tags::removeTagsFromResource)
                .build();
    }

    @Override
    public String name() {
        return "rds";
    }

    @Override
    public ServiceModel model() {
        return RdsErrors.MODEL;
    }

    @Override
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        return operations.invoke(context, operation, input);
    }

    /** Brings every cluster's endpoints and engines back (see {@link ClusterRuntimes#start}). */
    @Override
    public void start() {
        runtimes.start();
    }

    @Override
    public ServiceHealth health() {
        return runtimes.health();
    }

    @Override
    public List<EndpointView> endpoints() {
        return runtimes.endpoints();
    }

    @Override
    public List<EndpointTraffic> traffic() {
        return runtimes.traffic(name());
    }

    @Override
    public Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        return tags.resourceTags(scope, arn);
    }

    @Override
    public void close() {
        runtimes.close();
    }

    /** The runtime of a cluster, for tests. */
    public Optional<ClusterRuntime> clusterRuntime(Scope scope, String clusterId) {
        return runtimes.runtime(scope, clusterId);
    }
}

package dev.haneul.rds.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.EndpointTraffic;
import dev.haneul.core.api.EndpointView;
import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.SdkShapes;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.resource.EventLog;
import dev.haneul.core.resource.Page;
import dev.haneul.core.resource.ResourceEvent;
import dev.haneul.core.resource.TagRules;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.core.state.StateWriteException;
import dev.haneul.rds.endpoint.ClusterEndpoints;
import dev.haneul.rds.engine.ClusterRuntime;
import dev.haneul.rds.engine.EngineHost;
import dev.haneul.rds.model.Arns;
import dev.haneul.rds.model.ClusterSpec;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.PasswordHash;
import dev.haneul.rds.model.RdsState;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.EndpointStatus;
import dev.haneul.rds.model.InstanceStatus;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.rds.model.CreateDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterEndpointResponse;
import software.amazon.awssdk.services.rds.model.CreateDbClusterRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterResponse;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DBClusterEndpoint;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterEndpointResponse;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterResponse;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterEndpointsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterEndpointsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeEventsRequest;
import software.amazon.awssdk.services.rds.model.DescribeEventsResponse;
import software.amazon.awssdk.services.rds.model.FailoverDbClusterRequest;
import software.amazon.awssdk.services.rds.model.FailoverDbClusterResponse;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterEndpointResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.rds.model.StartDbClusterRequest;
import software.amazon.awssdk.services.rds.model.StartDbClusterResponse;
import software.amazon.awssdk.services.rds.model.StopDbClusterRequest;
import software.amazon.awssdk.services.rds.model.StopDbClusterResponse;

/**
 * Amazon RDS for Aurora MySQL. Each method is one API operation: it validates the request as RDS
 * does, changes the persisted state (new resources, transitional statuses such as
 * {@code creating}, {@code rebooting}, {@code failing-over}) and returns at once; the cluster's
 * {@link ClusterRuntime} does the slow part on a virtual thread and writes the final status, so
 * {@code aws rds wait db-instance-available} and friends work.
 *
 * <p>Addresses: every endpoint is a loopback address on the cluster's port, returned where AWS
 * returns a host name. Allocation is idempotent, so the API and the runtime agree on it.
 */
public final class RdsProvider implements ServiceProvider {

    private static final Logger log = LoggerFactory.getLogger(RdsProvider.class);
    private static final ServiceModel MODEL = ServiceModel.fromResource(RdsProvider.class, "/dev/haneul/rds/service-2.json");
    private static final ServiceErrors ERRORS = new ServiceErrors(MODEL);

    static final String ENGINE = "aurora-mysql";
    static final String DEFAULT_ENGINE_VERSION = "8.0.mysql_aurora.3.08.0";
    static final int DEFAULT_PORT = 3306;
    /** Custom endpoints per cluster (AWS's default quota). */
    static final int MAX_CUSTOM_ENDPOINTS = 5;
    /** DB instances per cluster: a writer and up to 15 Aurora Replicas. */
    static final int MAX_INSTANCES = 16;
    /** DB clusters per account and region (AWS's default quota). */
    static final int MAX_CLUSTERS = 40;
    private static final List<String> OTHER_ENGINES = List.of("aurora-postgresql", "mysql", "postgres", "mariadb",
            "neptune", "docdb", "aurora", "oracle-ee", "oracle-se2", "sqlserver-ee", "sqlserver-se", "sqlserver-ex",
            "sqlserver-web", "db2-se", "db2-ae", "custom-oracle-ee", "custom-sqlserver-ee");

    private final ServiceEnvironment environment;
    private final ScopedStore<RdsState> store;
    private final EngineHost host;
    private final Map<String, ClusterRuntime> runtimes = new ConcurrentHashMap<>();
    private final Operations operations;

    public RdsProvider(ServiceEnvironment environment) {
        this.environment = requireNonNull(environment, "environment");
        this.store = environment.openStore("rds", RdsState.class, RdsState::new);
        this.host = new EngineHost(environment.supervisor(), environment.engines());
        this.operations = Operations.builder(MODEL)
                .add("CreateDBCluster", CreateDbClusterRequest::builder, this::createDBCluster)
                .add("DescribeDBClusters", DescribeDbClustersRequest::builder, this::describeDBClusters)
                .add("ModifyDBCluster", ModifyDbClusterRequest::builder, this::modifyDBCluster)
                .add("DeleteDBCluster", DeleteDbClusterRequest::builder, this::deleteDBCluster)
                .add("StopDBCluster", StopDbClusterRequest::builder, this::stopDBCluster)
                .add("StartDBCluster", StartDbClusterRequest::builder, this::startDBCluster)
                .add("FailoverDBCluster", FailoverDbClusterRequest::builder, this::failoverDBCluster)
                .add("CreateDBInstance", CreateDbInstanceRequest::builder, this::createDBInstance)
                .add("DescribeDBInstances", DescribeDbInstancesRequest::builder, this::describeDBInstances)
                .add("ModifyDBInstance", ModifyDbInstanceRequest::builder, this::modifyDBInstance)
                .add("RebootDBInstance", RebootDbInstanceRequest::builder, this::rebootDBInstance)
                .add("DeleteDBInstance", DeleteDbInstanceRequest::builder, this::deleteDBInstance)
                .add("CreateDBClusterEndpoint", CreateDbClusterEndpointRequest::builder, this::createDBClusterEndpoint)
                .add("ModifyDBClusterEndpoint", ModifyDbClusterEndpointRequest::builder, this::modifyDBClusterEndpoint)
                .add("DescribeDBClusterEndpoints", DescribeDbClusterEndpointsRequest::builder,
                        this::describeDBClusterEndpoints)
                .add("DeleteDBClusterEndpoint", DeleteDbClusterEndpointRequest::builder, this::deleteDBClusterEndpoint)
                .add("DescribeEvents", DescribeEventsRequest::builder, this::describeEvents)
                .add("AddTagsToResource", AddTagsToResourceRequest::builder, this::addTagsToResource)
                .add("ListTagsForResource", ListTagsForResourceRequest::builder, this::listTagsForResource)
                .add("RemoveTagsFromResource", RemoveTagsFromResourceRequest::builder, this::removeTagsFromResource)
                .build();
    }

    @Override
    public String name() {
        return "rds";
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        return operations.invoke(context, operation, input);
    }

    // ---- lifecycle ----

    /**
     * Reopens every cluster's endpoints and brings its engines back in the background (adopting
     * engines a killed Haneul left running). Engine directories are claimed here, before the
     * server sweeps unclaimed ones.
     */
    @Override
    public void start() {
        Map<Scope, List<DbCluster>> clusters = new LinkedHashMap<>();
        store.forEach((scope, state) -> clusters.put(scope, state.clusters()));
        clusters.forEach((scope, list) -> {
            for (DbCluster cluster : list) {
                for (DbInstance instance : store.read(scope, s -> s.instancesOf(cluster.identifier()))) {
                    environment.engineDir("rds", scope, instance.identifier());
                }
                ClusterRuntime runtime = newRuntime(scope, cluster.identifier());
                try {
                    runtime.recover();
                } catch (BindException | RuntimeException e) {
                    runtime.recoveryFailed("cannot reopen its endpoints: " + e.getMessage());
                }
            }
        });
    }

    @Override
    public ServiceHealth health() {
        int[] counts = new int[3];
        store.forEach((scope, state) -> {
            counts[0] += state.clusters().size();
            counts[1] += state.instances().size();
            counts[2] += state.endpoints().size();
        });
        Map<String, Integer> resources = new LinkedHashMap<>();
        resources.put("clusters", counts[0]);
        resources.put("instances", counts[1]);
        resources.put("customEndpoints", counts[2]);
        long recovering = runtimes.values().stream().filter(ClusterRuntime::recovering).count();
        List<String> unrecovered = runtimes.values().stream().filter(r -> r.recoveryFailure().isPresent())
                .map(r -> "cluster " + r.clusterId() + " could not be brought back (" + r.recoveryFailure().get() + ")")
                .sorted().toList();
        if (!unrecovered.isEmpty()) {
            return ServiceHealth.degraded(String.join("; ", unrecovered), resources);
        }
        return recovering > 0
                ? ServiceHealth.starting(recovering + " cluster(s) bringing their engines back", resources)
                : ServiceHealth.running(resources);
    }

    @Override
    public List<EndpointView> endpoints() {
        List<EndpointView> views = new ArrayList<>();
        for (ClusterRuntime runtime : runtimes.values()) {
            String writer = runtime.topology().writer();
            runtime.endpointAddresses().forEach((endpointName, endpoint) -> {
                String role;
                if (endpointName.equals(ClusterEndpoints.CLUSTER)) {
                    role = "writer";
                } else if (endpointName.equals(ClusterEndpoints.READER)) {
                    role = "reader";
                } else if (endpointName.startsWith("instance/")) {
                    String id = endpointName.substring("instance/".length());
                    role = "instance " + id + (id.equals(writer) ? " (writer)" : " (reader)");
                } else {
                    role = "custom " + endpointName.substring("custom/".length());
                }
                views.add(new EndpointView("rds cluster " + runtime.clusterId(), role, endpoint.toString()));
            });
        }
        return views;
    }

    /** Every cluster's endpoints, their backends named by DB instance identifier. */
    @Override
    public List<EndpointTraffic> traffic() {
        List<EndpointTraffic> traffic = new ArrayList<>();
        for (ClusterRuntime runtime : runtimes.values()) {
            Map<InetSocketAddress, String> instances = new LinkedHashMap<>();
            runtime.topology().members().values().stream().filter(m -> m.backend() != null)
                    .forEach(m -> instances.put(m.backend(), m.id()));
            Map<String, Endpoint> addresses = runtime.endpointAddresses();
            runtime.endpointStats().forEach((endpoint, stats) -> traffic.add(EndpointTraffic.tcp(name(), runtime.scope(),
                    runtime.clusterId(), endpoint, Optional.ofNullable(addresses.get(endpoint)).map(Endpoint::toString).orElse(""),
                    stats, instances)));
        }
        return traffic;
    }

    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (ClusterRuntime runtime : runtimes.values()) {
            closing.add(Thread.ofVirtual().name("rds-close-" + runtime.clusterId()).start(runtime::close));
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        runtimes.clear();
    }

    /** The runtime of a cluster, for tests. */
    public Optional<ClusterRuntime> clusterRuntime(Scope scope, String clusterId) {
        return Optional.ofNullable(runtimes.get(key(scope, clusterId)));
    }

    // ---- clusters ----

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html">CreateDBCluster</a>. */
    CreateDbClusterResponse createDBCluster(RequestContext context, CreateDbClusterRequest request) {
        Scope scope = scope(context);
        String id = RdsValidation.identifier("DBClusterIdentifier", request.dbClusterIdentifier());
        engine("CreateDBCluster", request.engine());
        if (request.engineMode() != null && !request.engineMode().equals("provisioned")) {
            throw RdsValidation.notImplemented("CreateDBCluster", "EngineMode " + request.engineMode());
        }
        if (request.replicationSourceIdentifier() != null || request.globalClusterIdentifier() != null) {
            throw RdsValidation.notImplemented("CreateDBCluster", "cross-cluster replication and global databases");
        }
        if (Boolean.TRUE.equals(request.manageMasterUserPassword())) {
            throw RdsValidation.notImplemented("CreateDBCluster", "master passwords managed in Secrets Manager");
        }
        RdsValidation.masterUsername(request.masterUsername());
        RdsValidation.masterPassword(request.masterUserPassword());
        RdsValidation.databaseName(request.databaseName());
        RdsValidation.port(request.port());
        RdsValidation.backupRetentionPeriod(request.backupRetentionPeriod());
        Instant now = environment.clock().instant();
        List<String> zones = request.hasAvailabilityZones() && !request.availabilityZones().isEmpty()
                ? request.availabilityZones()
                : List.of(scope.region() + "a", scope.region() + "b", scope.region() + "c");
        ClusterSpec spec = new ClusterSpec(ENGINE, engineVersion(request.engineVersion()), request.masterUsername(),
                PasswordHash.of(request.masterUserPassword()), request.databaseName(), now,
                Ids.resourceId("cluster-"), Ids.secret(24), Boolean.TRUE.equals(request.deletionProtection()),
                request.backupRetentionPeriod() == null ? 1 : request.backupRetentionPeriod(),
                request.preferredBackupWindow() == null ? "07:00-07:30" : request.preferredBackupWindow(),
                request.preferredMaintenanceWindow() == null ? "sun:05:00-sun:05:30"
                        : request.preferredMaintenanceWindow(),
                request.dbClusterParameterGroupName() == null ? RdsShapes.DEFAULT_PARAMETER_GROUP
                        : request.dbClusterParameterGroupName(),
                request.dbSubnetGroupName() == null ? "default" : request.dbSubnetGroupName(),
                request.hasVpcSecurityGroupIds() ? request.vpcSecurityGroupIds() : List.of(), zones,
                Boolean.TRUE.equals(request.storageEncrypted()), request.kmsKeyId(),
                Boolean.TRUE.equals(request.copyTagsToSnapshot()));
        DbCluster cluster = new DbCluster(id, spec, ClusterStatus.CREATING, "",
                request.port() == null ? DEFAULT_PORT : request.port(), "", RdsKit.tags(request.tags()));
        store.write(scope, state -> {
            if (state.cluster(id).isPresent()) {
                throw ERRORS.error("DBClusterAlreadyExistsFault", "DB Cluster already exists");
            }
            if (state.clusters().size() >= MAX_CLUSTERS) {
                throw ERRORS.error("DBClusterQuotaExceededFault",
                        "Cannot create more than %d DB clusters in this account and region.", MAX_CLUSTERS);
            }
            state.put(cluster);
            return null;
        });
        ClusterRuntime runtime = newRuntime(scope, id);
        try {
            runtime.openBuiltInEndpoints();
        } catch (BindException | RuntimeException e) {
            runtime.close();
            runtimes.remove(key(scope, id));
            environment.addresses().release(resourceKey(scope, id));
            store.write(scope, state -> {
                state.removeCluster(id);
                return null;
            });
            if (e instanceof StateWriteException unsaved) {
                throw unsaved; // the endpoints' addresses could not be saved: 503, retry once the disk is back
            }
            log.error("rds/{} - cannot open its endpoints", id, e);
            throw CommonErrors.internalFailure("Cannot open the endpoints of DB cluster " + id + ": " + e.getMessage());
        }
        CreateDbClusterResponse response = CreateDbClusterResponse.builder()
                .dbCluster(shapes(scope).cluster(cluster(scope, id), now)).build();
        runtime.clusterCreated();
        return response;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBClusters.html">DescribeDBClusters</a>. */
    DescribeDbClustersResponse describeDBClusters(RequestContext context, DescribeDbClustersRequest request) {
        Scope scope = scope(context);
        List<DbCluster> clusters;
        if (request.dbClusterIdentifier() != null) {
            clusters = List.of(cluster(scope, clusterIdentifier(scope, request.dbClusterIdentifier())));
        } else {
            Predicate<DbCluster> filter = new Filters<DbCluster>()
                    .field("db-cluster-id", c -> List.of(c.identifier(), Arns.cluster(scope, c.identifier())))
                    .field("db-cluster-resource-id", c -> List.of(c.spec().resourceId()))
                    .field("engine", c -> List.of(c.spec().engine()))
                    .never("clone-group-id")
                    .never("domain")
                    .predicate(request.filters());
            clusters = store.read(scope, RdsState::clusters).stream().filter(filter).toList();
        }
        Page<DbCluster> page = RdsKit.PAGING.byOffset(clusters, request.marker(), request.maxRecords());
        RdsShapes shapes = shapes(scope);
        Instant now = environment.clock().instant();
        return DescribeDbClustersResponse.builder()
                .dbClusters(page.items().stream().map(c -> shapes.cluster(c, now)).toList())
                .marker(page.nextMarker())
                .build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBCluster.html">ModifyDBCluster</a>:
     * master password (which also gives back the master user's privileges, as on AWS), deletion
     * protection, backup settings, security groups, tag copying. Changes that need a rename, a
     * new port or another engine version are not emulated and say so.
     */
    ModifyDbClusterResponse modifyDBCluster(RequestContext context, ModifyDbClusterRequest request) {
        Scope scope = scope(context);
        String id = clusterIdentifier(scope, request.dbClusterIdentifier());
        if (request.newDBClusterIdentifier() != null) {
            throw RdsValidation.notImplemented("ModifyDBCluster", "renaming a DB cluster");
        }
        if (request.port() != null) {
            RdsValidation.port(request.port());
            throw RdsValidation.notImplemented("ModifyDBCluster", "changing the port of a DB cluster");
        }
        if (Boolean.TRUE.equals(request.manageMasterUserPassword())) {
            throw RdsValidation.notImplemented("ModifyDBCluster", "master passwords managed in Secrets Manager");
        }
        if (request.masterUserPassword() != null) {
            RdsValidation.masterPassword(request.masterUserPassword());
        }
        RdsValidation.backupRetentionPeriod(request.backupRetentionPeriod());
        boolean newPassword = request.masterUserPassword() != null;
        DbCluster modified = store.write(scope, state -> {
            DbCluster cluster = state.cluster(id).orElseThrow(() -> clusterNotFound(id));
            if (request.engineVersion() != null && !engineVersion(request.engineVersion()).equals(cluster.spec().engineVersion())) {
                throw RdsValidation.notImplemented("ModifyDBCluster", "engine version upgrades");
            }
            requireClusterStatus(cluster, ClusterStatus.AVAILABLE);
            ClusterSpec spec = cluster.spec();
            DbCluster changed = cluster.withSpec(spec.withSettings(
                    newPassword ? PasswordHash.of(request.masterUserPassword()) : spec.masterPasswordHash(),
                    request.deletionProtection() != null ? request.deletionProtection() : spec.deletionProtection(),
                    request.backupRetentionPeriod() != null ? request.backupRetentionPeriod()
                            : spec.backupRetentionPeriod(),
                    request.preferredBackupWindow() != null ? request.preferredBackupWindow()
                            : spec.preferredBackupWindow(),
                    request.preferredMaintenanceWindow() != null ? request.preferredMaintenanceWindow()
                            : spec.preferredMaintenanceWindow(),
                    request.hasVpcSecurityGroupIds() ? request.vpcSecurityGroupIds() : spec.vpcSecurityGroupIds(),
                    request.copyTagsToSnapshot() != null ? request.copyTagsToSnapshot() : spec.copyTagsToSnapshot()));
            if (newPassword) {
                changed = changed.withStatus(ClusterStatus.RESETTING_MASTER_CREDENTIALS);
            }
            state.put(changed);
            return changed;
        });
        ModifyDbClusterResponse response = ModifyDbClusterResponse.builder()
                .dbCluster(shapes(scope).cluster(modified, environment.clock().instant())).build();
        if (newPassword) {
            runtime(scope, id).masterPasswordChanged();
        }
        return response;
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBCluster.html">DeleteDBCluster</a>:
     * refused while the cluster has instances not being deleted, and while it is protected.
     * Snapshots are not emulated: a final snapshot is refused, so skip it.
     */
    DeleteDbClusterResponse deleteDBCluster(RequestContext context, DeleteDbClusterRequest request) {
        Scope scope = scope(context);
        String id = clusterIdentifier(scope, request.dbClusterIdentifier());
        boolean skip = Boolean.TRUE.equals(request.skipFinalSnapshot());
        String finalSnapshot = request.finalDBSnapshotIdentifier();
        DbCluster deleting = store.write(scope, state -> {
            DbCluster cluster = state.cluster(id).orElseThrow(() -> clusterNotFound(id));
            if (skip && finalSnapshot != null) {
                throw CommonErrors.invalidParameterCombination(
                        "You cannot specify both FinalDBSnapshotIdentifier and SkipFinalSnapshot.");
            }
            if (!skip && finalSnapshot == null) {
                throw CommonErrors.invalidParameterCombination(
                        "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
            }
            if (cluster.spec().deletionProtection()) {
                throw CommonErrors.invalidParameterCombination(
                        "Cannot delete protected Cluster, please disable deletion protection and try again.");
            }
            if (state.instancesOf(id).stream().anyMatch(i -> !i.status().equals(InstanceStatus.DELETING))) {
                throw ERRORS.error("InvalidDBClusterStateFault",
                        "Cluster cannot be deleted, it still contains DB instances in non-deleting state.");
            }
            if (cluster.status().equals(ClusterStatus.DELETING)) {
                throw invalidClusterState(cluster);
            }
            if (!skip) {
                throw RdsValidation.notImplemented("DeleteDBCluster",
                        "DB cluster snapshots; delete with SkipFinalSnapshot");
            }
            DbCluster changed = cluster.withStatus(ClusterStatus.DELETING);
            state.put(changed);
            return changed;
        });
        DeleteDbClusterResponse response = DeleteDbClusterResponse.builder()
                .dbCluster(shapes(scope).cluster(deleting, environment.clock().instant())).build();
        runtime(scope, id).deleteCluster();
        return response;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StopDBCluster.html">StopDBCluster</a>. */
    StopDbClusterResponse stopDBCluster(RequestContext context, StopDbClusterRequest request) {
        Scope scope = scope(context);
        String id = clusterIdentifier(scope, request.dbClusterIdentifier());
        DbCluster stopping = store.write(scope, state -> {
            DbCluster cluster = state.cluster(id).orElseThrow(() -> clusterNotFound(id));
            requireClusterStatus(cluster, ClusterStatus.AVAILABLE);
            for (DbInstance instance : state.instancesOf(id)) {
                if (!instance.status().equals(InstanceStatus.AVAILABLE)) {
                    throw invalidInstanceState(instance);
                }
            }
            state.instancesOf(id).forEach(i -> state.put(i.withStatus(InstanceStatus.STOPPING)));
            DbCluster changed = cluster.withStatus(ClusterStatus.STOPPING);
            state.put(changed);
            return changed;
        });
        StopDbClusterResponse response = StopDbClusterResponse.builder()
                .dbCluster(shapes(scope).cluster(stopping, environment.clock().instant())).build();
        runtime(scope, id).stopCluster();
        return response;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartDBCluster.html">StartDBCluster</a>. */
    StartDbClusterResponse startDBCluster(RequestContext context, StartDbClusterRequest request) {
        Scope scope = scope(context);
        String id = clusterIdentifier(scope, request.dbClusterIdentifier());
        DbCluster starting = store.write(scope, state -> {
            DbCluster cluster = state.cluster(id).orElseThrow(() -> clusterNotFound(id));
            requireClusterStatus(cluster, ClusterStatus.STOPPED);
            state.instancesOf(id).forEach(i -> state.put(i.withStatus(InstanceStatus.STARTING)));
            DbCluster changed = cluster.withStatus(ClusterStatus.STARTING);
            state.put(changed);
            return changed;
        });
        StartDbClusterResponse response = StartDbClusterResponse.builder()
                .dbCluster(shapes(scope).cluster(starting, environment.clock().instant())).build();
        runtime(scope, id).startCluster();
        return response;
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverDBCluster.html">FailoverDBCluster</a>:
     * promotes the named reader, or the best one (promotion tier, then the most caught up).
     */
    FailoverDbClusterResponse failoverDBCluster(RequestContext context, FailoverDbClusterRequest request) {
        Scope scope = scope(context);
        String id = clusterIdentifier(scope, request.dbClusterIdentifier());
        String target = RdsValidation.lookup(request.targetDBInstanceIdentifier());
        DbCluster failing = store.write(scope, state -> {
            DbCluster cluster = state.cluster(id).orElseThrow(() -> clusterNotFound(id));
            requireClusterStatus(cluster, ClusterStatus.AVAILABLE);
            List<DbInstance> readers = state.instancesOf(id).stream()
                    .filter(i -> !i.identifier().equals(cluster.writer()) && i.status().equals(InstanceStatus.AVAILABLE))
                    .toList();
            if (target != null) {
                DbInstance instance = state.instance(target).filter(i -> i.clusterIdentifier().equals(id))
                        .orElseThrow(() -> ERRORS.error("InvalidDBInstanceStateFault",
                                "The target DB instance %s is not a member of DB cluster %s.", target, id));
                if (instance.identifier().equals(cluster.writer())) {
                    throw ERRORS.error("InvalidDBInstanceStateFault",
                            "The target DB instance %s is already the writer of DB cluster %s.", target, id);
                }
                if (!instance.status().equals(InstanceStatus.AVAILABLE)) {
                    throw invalidInstanceState(instance);
                }
            } else if (readers.isEmpty()) {
                throw ERRORS.error("InvalidDBClusterStateFault",
                        "DB cluster %s has no available reader DB instance to fail over to.", id);
            }
            DbCluster changed = cluster.withStatus(ClusterStatus.FAILING_OVER);
            state.put(changed);
            return changed;
        });
        FailoverDbClusterResponse response = FailoverDbClusterResponse.builder()
                .dbCluster(shapes(scope).cluster(failing, environment.clock().instant())).build();
        runtime(scope, id).failover(target, "FailoverDBCluster" + (target == null ? "" : " to " + target));
        return response;
    }

    // ---- instances ----

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html">CreateDBInstance</a>
     * into an Aurora MySQL cluster: the cluster's first instance becomes its writer, later ones
     * readers seeded from it.
     */
    CreateDbInstanceResponse createDBInstance(RequestContext context, CreateDbInstanceRequest request) {
        Scope scope = scope(context);
        String id = RdsValidation.identifier("DBInstanceIdentifier", request.dbInstanceIdentifier());
        if (request.dbClusterIdentifier() == null) {
            if (ENGINE.equals(request.engine())) {
                throw CommonErrors.invalidParameterCombination(
                        "DBClusterIdentifier is required for an aurora-mysql DB instance.");
            }
            engine("CreateDBInstance", request.engine());
            throw RdsValidation.notImplemented("CreateDBInstance", "DB instances outside an Aurora cluster");
        }
        RdsValidation.promotionTier(request.promotionTier());
        String clusterId = RdsValidation.lookup(request.dbClusterIdentifier());
        Instant now = environment.clock().instant();
        DbInstance created = store.write(scope, state -> {
            DbCluster cluster = state.cluster(clusterId).orElseThrow(() -> clusterNotFound(clusterId));
            if (!cluster.spec().engine().equals(request.engine())) {
                throw CommonErrors.invalidParameterCombination("The engine name requested for your DB instance ("
                        + request.engine() + ") doesn't match the engine name of your DB cluster ("
                        + cluster.spec().engine() + ").");
            }
            RdsValidation.instanceClass(request.dbInstanceClass(), request.engine(), cluster.spec().engineVersion());
            if (request.masterUsername() != null) {
                throw CommonErrors.invalidParameterCombination(
                        "The requested DB Instance will be a member of a DB Cluster. Set master user name for the DB Cluster.");
            }
            if (request.masterUserPassword() != null) {
                throw CommonErrors.invalidParameterCombination(
                        "The requested DB Instance will be a member of a DB Cluster. Set master user password for the DB Cluster.");
            }
            if (request.dbName() != null) {
                throw CommonErrors.invalidParameterCombination(
                        "The requested DB Instance will be a member of a DB Cluster. Set database name for the DB Cluster.");
            }
            if (List.of(ClusterStatus.STOPPED, ClusterStatus.STOPPING, ClusterStatus.STARTING, ClusterStatus.DELETING).contains(cluster.status())) {
                throw invalidClusterState(cluster);
            }
            if (state.instance(id).isPresent()) {
                throw ERRORS.error("DBInstanceAlreadyExistsFault", "DB instance already exists");
            }
            List<DbInstance> members = state.instancesOf(clusterId);
            if (members.size() >= MAX_INSTANCES) {
                throw ERRORS.error("InstanceQuotaExceededFault",
                        "DB cluster %s already has %d DB instances, the most an Aurora cluster holds.", clusterId,
                        MAX_INSTANCES);
            }
            String zone = request.availabilityZone() != null ? request.availabilityZone()
                    : cluster.spec().availabilityZones().get(members.size() % cluster.spec().availabilityZones().size());
            DbInstance instance = new DbInstance(id, clusterId, request.dbInstanceClass(), cluster.spec().engine(),
                    request.promotionTier() == null ? 1 : request.promotionTier(), InstanceStatus.CREATING,
                    state.takeServerId(), state.takeSequence(), now, Ids.resourceId("db-"), zone,
                    Boolean.TRUE.equals(request.publiclyAccessible()),
                    request.autoMinorVersionUpgrade() == null || request.autoMinorVersionUpgrade(),
                    RdsKit.tags(request.tags()));
            state.put(instance);
            if (!cluster.hasWriter()) {
                state.put(cluster.withWriter(id));
            }
            return instance;
        });
        environment.engineDir("rds", scope, id);
        CreateDbInstanceResponse response = CreateDbInstanceResponse.builder()
                .dbInstance(shapes(scope).instance(created, cluster(scope, clusterId), now)).build();
        runtime(scope, clusterId).instanceCreated(id);
        return response;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html">DescribeDBInstances</a>. */
    DescribeDbInstancesResponse describeDBInstances(RequestContext context, DescribeDbInstancesRequest request) {
        Scope scope = scope(context);
        List<DbInstance> instances;
        if (request.dbInstanceIdentifier() != null) {
            instances = List.of(instance(scope, instanceIdentifier(scope, request.dbInstanceIdentifier())));
        } else {
            Predicate<DbInstance> filter = new Filters<DbInstance>()
                    .field("db-cluster-id", i -> List.of(i.clusterIdentifier(), Arns.cluster(scope, i.clusterIdentifier())))
                    .field("db-instance-id", i -> List.of(i.identifier(), Arns.instance(scope, i.identifier())))
                    .field("dbi-resource-id", i -> List.of(i.resourceId()))
                    .field("engine", i -> List.of(i.engine()))
                    .never("domain")
                    .predicate(request.filters());
            instances = store.read(scope, RdsState::instances).stream().filter(filter).toList();
        }
        Page<DbInstance> page = RdsKit.PAGING.byOffset(instances, request.marker(), request.maxRecords());
        RdsShapes shapes = shapes(scope);
        Instant now = environment.clock().instant();
        return DescribeDbInstancesResponse.builder()
                .dbInstances(page.items().stream()
                        .map(i -> shapes.instance(i, cluster(scope, i.clusterIdentifier()), now)).toList())
                .marker(page.nextMarker())
                .build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html">ModifyDBInstance</a>:
     * promotion tier, instance class (recorded; every Haneul instance is the same size), and a
     * few flags, applied at once. Renaming is not emulated.
     */
    ModifyDbInstanceResponse modifyDBInstance(RequestContext context, ModifyDbInstanceRequest request) {
        Scope scope = scope(context);
        String id = instanceIdentifier(scope, request.dbInstanceIdentifier());
        if (request.newDBInstanceIdentifier() != null) {
            throw RdsValidation.notImplemented("ModifyDBInstance", "renaming a DB instance");
        }
        if (request.masterUserPassword() != null) {
            throw CommonErrors.invalidParameterCombination(
                    "The specified DB Instance is a member of a cluster. Modify master user password for the DB Cluster "
                            + "using the ModifyDbCluster API");
        }
        RdsValidation.promotionTier(request.promotionTier());
        DbInstance modified = store.write(scope, state -> {
            DbInstance instance = state.instance(id).orElseThrow(() -> instanceNotFound(id));
            if (!instance.status().equals(InstanceStatus.AVAILABLE)) {
                throw invalidInstanceState(instance);
            }
            if (request.dbInstanceClass() != null) {
                RdsValidation.instanceClass(request.dbInstanceClass(), instance.engine(),
                        state.cluster(instance.clusterIdentifier()).orElseThrow().spec().engineVersion());
            }
            DbInstance changed = instance.withSettings(
                    request.dbInstanceClass() != null ? request.dbInstanceClass() : instance.instanceClass(),
                    request.promotionTier() != null ? request.promotionTier() : instance.promotionTier(),
                    request.autoMinorVersionUpgrade() != null ? request.autoMinorVersionUpgrade()
                            : instance.autoMinorVersionUpgrade(),
                    request.publiclyAccessible() != null ? request.publiclyAccessible() : instance.publiclyAccessible());
            state.put(changed);
            return changed;
        });
        return ModifyDbInstanceResponse.builder().dbInstance(shapes(scope).instance(modified,
                cluster(scope, modified.clusterIdentifier()), environment.clock().instant())).build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html">RebootDBInstance</a>.
     * With {@code ForceFailover} on the writer of a cluster that has an available reader, the
     * reboot is a failover (the writer comes back as a reader). A {@code failed} instance accepts a
     * reboot (and a deletion, nothing else), as AWS lets an instance it cannot run be rebooted or
     * deleted; Haneul's reboot then repairs it: a replica is seeded again from the writer.
     */
    RebootDbInstanceResponse rebootDBInstance(RequestContext context, RebootDbInstanceRequest request) {
        Scope scope = scope(context);
        String id = instanceIdentifier(scope, request.dbInstanceIdentifier());
        boolean forceFailover = Boolean.TRUE.equals(request.forceFailover());
        Reboot reboot = store.write(scope, state -> {
            DbInstance instance = state.instance(id).orElseThrow(() -> instanceNotFound(id));
            DbCluster cluster = state.cluster(instance.clusterIdentifier()).orElseThrow();
            boolean repair = instance.status().equals(InstanceStatus.FAILED);
            if (!(instance.status().equals(InstanceStatus.AVAILABLE) || repair && !forceFailover)
                    || !cluster.status().equals(ClusterStatus.AVAILABLE)) {
                throw invalidInstanceState(instance);
            }
            if (forceFailover) {
                if (!instance.identifier().equals(cluster.writer())) {
                    throw CommonErrors.invalidParameterCombination("ForceFailover applies to the writer DB instance; "
                            + id + " is a reader of DB cluster " + cluster.identifier() + ".");
                }
                boolean hasReader = state.instancesOf(cluster.identifier()).stream()
                        .anyMatch(i -> !i.identifier().equals(id) && i.status().equals(InstanceStatus.AVAILABLE));
                if (!hasReader) {
                    throw CommonErrors.invalidParameterCombination("Cannot reboot with failover: DB cluster "
                            + cluster.identifier() + " has no available reader to fail over to.");
                }
                state.put(cluster.withStatus(ClusterStatus.FAILING_OVER));
            }
            DbInstance changed = instance.withStatus(InstanceStatus.REBOOTING);
            state.put(changed);
            return new Reboot(changed, repair);
        });
        DbInstance rebooting = reboot.instance();
        RebootDbInstanceResponse response = RebootDbInstanceResponse.builder().dbInstance(shapes(scope).instance(
                rebooting, cluster(scope, rebooting.clusterIdentifier()), environment.clock().instant())).build();
        ClusterRuntime runtime = runtime(scope, rebooting.clusterIdentifier());
        if (forceFailover) {
            runtime.failover(null, "RebootDBInstance with ForceFailover on " + id);
        } else {
            runtime.rebootInstance(id, reboot.repair());
        }
        return response;
    }

    /** A reboot as recorded: the instance, and whether it had failed (the reboot then repairs it). */
    private record Reboot(DbInstance instance, boolean repair) {}

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html">DeleteDBInstance</a>.
     * Deleting the writer fails over first when there is a reader; deleting the last instance
     * keeps the cluster's data for the next writer, as Aurora keeps the cluster volume.
     */
    DeleteDbInstanceResponse deleteDBInstance(RequestContext context, DeleteDbInstanceRequest request) {
        Scope scope = scope(context);
        String id = instanceIdentifier(scope, request.dbInstanceIdentifier());
        if (request.finalDBSnapshotIdentifier() != null) {
            throw CommonErrors.invalidParameterCombination(
                    "FinalDBSnapshotIdentifier can not be specified when deleting a cluster instance");
        }
        DbInstance deleting = store.write(scope, state -> {
            DbInstance instance = state.instance(id).orElseThrow(() -> instanceNotFound(id));
            if (instance.status().equals(InstanceStatus.DELETING)) {
                throw ERRORS.error("InvalidDBInstanceStateFault", "Instance %s is already being deleted.", id);
            }
            DbInstance changed = instance.withStatus(InstanceStatus.DELETING);
            state.put(changed);
            return changed;
        });
        DeleteDbInstanceResponse response = DeleteDbInstanceResponse.builder().dbInstance(shapes(scope).instance(
                deleting, cluster(scope, deleting.clusterIdentifier()), environment.clock().instant())).build();
        runtime(scope, deleting.clusterIdentifier()).deleteInstance(id);
        return response;
    }

    // ---- custom endpoints ----

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBClusterEndpoint.html">CreateDBClusterEndpoint</a>:
     * type READER or ANY (any case), a static list, an exclusion list or neither; at most
     * {@value #MAX_CUSTOM_ENDPOINTS} per cluster.
     */
    CreateDbClusterEndpointResponse createDBClusterEndpoint(RequestContext context,
                                                            CreateDbClusterEndpointRequest request) {
        Scope scope = scope(context);
        String id = RdsValidation.identifier("DBClusterEndpointIdentifier", request.dbClusterEndpointIdentifier());
        String clusterId = RdsValidation.lookup(request.dbClusterIdentifier());
        String type = RdsValidation.customEndpointType(request.endpointType());
        RdsValidation.exclusiveLists(request.staticMembers(), request.excludedMembers());
        List<String> staticMembers = RdsValidation.members(request.staticMembers());
        List<String> excludedMembers = RdsValidation.members(request.excludedMembers());
        CustomEndpoint created = store.write(scope, state -> {
            DbCluster cluster = state.cluster(clusterId).orElseThrow(() -> clusterNotFound(clusterId));
            requireClusterStatus(cluster, ClusterStatus.AVAILABLE);
            checkMembers(state, clusterId, staticMembers);
            checkMembers(state, clusterId, excludedMembers);
            if (state.endpoint(id).isPresent()) {
                throw ERRORS.error("DBClusterEndpointAlreadyExistsFault", "DB cluster endpoint %s already exists.", id);
            }
            if (state.endpointsOf(clusterId).size() >= MAX_CUSTOM_ENDPOINTS) {
                throw ERRORS.error("DBClusterEndpointQuotaExceededFault",
                        "DB cluster %s already has %d custom endpoints, the maximum allowed.", clusterId,
                        MAX_CUSTOM_ENDPOINTS);
            }
            CustomEndpoint endpoint = new CustomEndpoint(id, clusterId, type, staticMembers, excludedMembers,
                    EndpointStatus.CREATING, Ids.resourceId("cluster-endpoint-"), state.takeSequence(), RdsKit.tags(request.tags()));
            state.put(endpoint);
            return endpoint;
        });
        environment.addresses().allocate(resourceKey(scope, clusterId), ClusterEndpoints.custom(id),
                cluster(scope, clusterId).port());
        CreateDbClusterEndpointResponse response = endpointResponse(shapes(scope).customEndpoint(created),
                CreateDbClusterEndpointResponse.builder());
        runtime(scope, clusterId).customEndpointCreated(id);
        return response;
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBClusterEndpoint.html">ModifyDBClusterEndpoint</a>:
     * a list given replaces the endpoint's list (a static list replaces an exclusion list and
     * the other way round). Connections already open stay where they are.
     */
    ModifyDbClusterEndpointResponse modifyDBClusterEndpoint(RequestContext context,
                                                            ModifyDbClusterEndpointRequest request) {
        Scope scope = scope(context);
        String id = RdsValidation.lookup(request.dbClusterEndpointIdentifier());
        String type = request.endpointType() == null ? null : RdsValidation.customEndpointType(request.endpointType());
        RdsValidation.exclusiveLists(request.staticMembers(), request.excludedMembers());
        boolean newStatic = request.hasStaticMembers();
        boolean newExcluded = request.hasExcludedMembers();
        List<String> staticMembers = RdsValidation.members(request.staticMembers());
        List<String> excludedMembers = RdsValidation.members(request.excludedMembers());
        CustomEndpoint modified = store.write(scope, state -> {
            CustomEndpoint endpoint = state.endpoint(id).orElseThrow(() -> endpointNotFound(id));
            if (!endpoint.status().equals(EndpointStatus.AVAILABLE)) {
                throw ERRORS.error("InvalidDBClusterEndpointStateFault",
                        "DB cluster endpoint %s is in %s state, not available.", id, endpoint.status());
            }
            checkMembers(state, endpoint.clusterIdentifier(), staticMembers);
            checkMembers(state, endpoint.clusterIdentifier(), excludedMembers);
            List<String> nextStatic = endpoint.staticMembers();
            List<String> nextExcluded = endpoint.excludedMembers();
            if (newStatic && !staticMembers.isEmpty()) {
                nextStatic = staticMembers;
                nextExcluded = List.of();
            } else if (newExcluded && !excludedMembers.isEmpty()) {
                nextStatic = List.of();
                nextExcluded = excludedMembers;
            } else if (newStatic || newExcluded) {
                // An empty list given: no list at all, every eligible instance.
                nextStatic = newStatic ? List.of() : nextStatic;
                nextExcluded = newExcluded ? List.of() : nextExcluded;
            }
            CustomEndpoint changed = endpoint.withMembers(type == null ? endpoint.type() : type, nextStatic,
                    nextExcluded).withStatus(EndpointStatus.MODIFYING);
            state.put(changed);
            return changed;
        });
        ModifyDbClusterEndpointResponse response = endpointResponse(shapes(scope).customEndpoint(modified),
                ModifyDbClusterEndpointResponse.builder());
        runtime(scope, modified.clusterIdentifier()).customEndpointModified(id);
        return response;
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBClusterEndpoints.html">DescribeDBClusterEndpoints</a>:
     * each cluster's built-in WRITER and READER endpoints, then its custom endpoints.
     */
    DescribeDbClusterEndpointsResponse describeDBClusterEndpoints(RequestContext context,
                                                                  DescribeDbClusterEndpointsRequest request) {
        Scope scope = scope(context);
        RdsShapes shapes = shapes(scope);
        List<DbCluster> clusters;
        if (request.dbClusterIdentifier() != null) {
            clusters = List.of(cluster(scope, clusterIdentifier(scope, request.dbClusterIdentifier())));
        } else {
            clusters = store.read(scope, RdsState::clusters);
        }
        String endpointId = RdsValidation.lookup(request.dbClusterEndpointIdentifier());
        List<DBClusterEndpoint> all = new ArrayList<>();
        for (DbCluster cluster : clusters) {
            if (endpointId == null) {
                all.add(shapes.builtInEndpoint(cluster, "WRITER"));
                all.add(shapes.builtInEndpoint(cluster, "READER"));
            }
            for (CustomEndpoint endpoint : store.read(scope, s -> s.endpointsOf(cluster.identifier()))) {
                if (endpointId == null || endpointId.equals(endpoint.identifier())) {
                    all.add(shapes.customEndpoint(endpoint));
                }
            }
        }
        Predicate<DBClusterEndpoint> filter = new Filters<DBClusterEndpoint>()
                .field("db-cluster-endpoint-type", e -> List.of(e.endpointType()))
                .field("db-cluster-endpoint-custom-type", e -> e.customEndpointType() == null ? List.of()
                        : List.of(e.customEndpointType()))
                .field("db-cluster-endpoint-id", e -> e.dbClusterEndpointIdentifier() == null ? List.of()
                        : List.of(e.dbClusterEndpointIdentifier()))
                .field("db-cluster-endpoint-status", e -> List.of(e.status()))
                .predicate(request.filters());
        Page<DBClusterEndpoint> page = RdsKit.PAGING.byOffset(all.stream().filter(filter).toList(), request.marker(),
                request.maxRecords());
        return DescribeDbClusterEndpointsResponse.builder()
                .dbClusterEndpoints(page.items())
                .marker(page.nextMarker())
                .build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBClusterEndpoint.html">DeleteDBClusterEndpoint</a>. */
    DeleteDbClusterEndpointResponse deleteDBClusterEndpoint(RequestContext context,
                                                            DeleteDbClusterEndpointRequest request) {
        Scope scope = scope(context);
        String id = RdsValidation.lookup(request.dbClusterEndpointIdentifier());
        CustomEndpoint deleting = store.write(scope, state -> {
            CustomEndpoint endpoint = state.endpoint(id).orElseThrow(() -> endpointNotFound(id));
            if (!List.of(EndpointStatus.AVAILABLE, EndpointStatus.MODIFYING).contains(endpoint.status())) {
                throw ERRORS.error("InvalidDBClusterEndpointStateFault",
                        "DB cluster endpoint %s is in %s state and cannot be deleted.", id, endpoint.status());
            }
            CustomEndpoint changed = endpoint.withStatus(EndpointStatus.DELETING);
            state.put(changed);
            return changed;
        });
        DeleteDbClusterEndpointResponse response = endpointResponse(shapes(scope).customEndpoint(deleting),
                DeleteDbClusterEndpointResponse.builder());
        runtime(scope, deleting.clusterIdentifier()).customEndpointDeleted(id);
        return response;
    }

    // ---- events and tags ----

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeEvents.html">DescribeEvents</a>:
     * the last {@code Duration} minutes (default 60) or {@code StartTime}..{@code EndTime}, oldest first.
     */
    DescribeEventsResponse describeEvents(RequestContext context, DescribeEventsRequest request) {
        Scope scope = scope(context);
        if (request.sourceIdentifier() != null && request.sourceTypeAsString() == null) {
            throw CommonErrors.invalidParameterCombination(
                    "Cannot specify a SourceIdentifier without a SourceType.");
        }
        String sourceId = RdsValidation.lookup(request.sourceIdentifier());
        EventLog.Query query = new EventLog.Query(request.startTime(), request.endTime(), request.duration(),
                request.sourceTypeAsString(), sourceId,
                request.hasEventCategories() ? request.eventCategories() : List.of());
        List<ResourceEvent> events = EventLog.select(store.read(scope, RdsState::events), query,
                environment.clock().instant());
        Page<ResourceEvent> page = RdsKit.PAGING.byOffset(events, request.marker(), request.maxRecords());
        return DescribeEventsResponse.builder()
                .events(page.items().stream().map(RdsShapes::event).toList())
                .marker(page.nextMarker())
                .build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_AddTagsToResource.html">AddTagsToResource</a>. */
    AddTagsToResourceResponse addTagsToResource(RequestContext context, AddTagsToResourceRequest request) {
        Scope scope = scope(context);
        Map<String, String> added = RdsKit.tags(request.tags());
        updateTags(scope, request.resourceName(), current -> RdsKit.TAGS.merge(current, added));
        return AddTagsToResourceResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ListTagsForResource.html">ListTagsForResource</a>. */
    ListTagsForResourceResponse listTagsForResource(RequestContext context, ListTagsForResourceRequest request) {
        Scope scope = scope(context);
        Map<String, String> tags = store.read(scope, state -> currentTags(state, scope, request.resourceName()));
        return ListTagsForResourceResponse.builder().tagList(RdsKit.shapes(tags)).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RemoveTagsFromResource.html">RemoveTagsFromResource</a>. */
    RemoveTagsFromResourceResponse removeTagsFromResource(RequestContext context, RemoveTagsFromResourceRequest request) {
        Scope scope = scope(context);
        List<String> keys = request.hasTagKeys() ? request.tagKeys() : List.of();
        updateTags(scope, request.resourceName(), current -> TagRules.remove(current, keys));
        return RemoveTagsFromResourceResponse.builder().build();
    }

    private void updateTags(Scope scope, String arn, UnaryOperator<Map<String, String>> change) {
        Arns.Parsed parsed = parseArn(scope, arn);
        store.write(scope, state -> {
            switch (parsed.type()) {
                case Arns.CLUSTER -> {
                    DbCluster cluster = state.cluster(parsed.id()).orElseThrow(() -> clusterNotFound(parsed.id()));
                    state.put(cluster.withTags(change.apply(cluster.tags())));
                }
                case Arns.INSTANCE -> {
                    DbInstance instance = state.instance(parsed.id()).orElseThrow(() -> instanceNotFound(parsed.id()));
                    state.put(instance.withTags(change.apply(instance.tags())));
                }
                default -> {
                    CustomEndpoint endpoint = state.endpoint(parsed.id()).orElseThrow(() -> endpointNotFound(parsed.id()));
                    state.put(endpoint.withTags(change.apply(endpoint.tags())));
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        try {
            return store.read(scope, state -> Optional.of(currentTags(state, scope, arn)));
        } catch (AwsServiceException notFound) {
            return Optional.empty();
        }
    }

    private Map<String, String> currentTags(RdsState state, Scope scope, String arn) {
        Arns.Parsed parsed = parseArn(scope, arn);
        return switch (parsed.type()) {
            case Arns.CLUSTER -> state.cluster(parsed.id()).orElseThrow(() -> clusterNotFound(parsed.id())).tags();
            case Arns.INSTANCE -> state.instance(parsed.id()).orElseThrow(() -> instanceNotFound(parsed.id())).tags();
            default -> state.endpoint(parsed.id()).orElseThrow(() -> endpointNotFound(parsed.id())).tags();
        };
    }

    /** An ARN of a cluster, instance or custom endpoint of the caller's account and region. */
    private static Arns.Parsed parseArn(Scope scope, String arn) {
        Arns.Parsed parsed = Arns.parse(arn == null ? "" : arn)
                .filter(p -> List.of(Arns.CLUSTER, Arns.INSTANCE, Arns.CLUSTER_ENDPOINT).contains(p.type()))
                .orElseThrow(() -> CommonErrors.invalidParameterValue("Invalid resource name: " + arn));
        if (!parsed.scope().equals(scope)) {
            throw CommonErrors.invalidParameterValue(
                    "The specified resource name does not match an RDS resource in this region.");
        }
        return new Arns.Parsed(parsed.scope(), parsed.type(), RdsValidation.lookup(parsed.id()));
    }

    // ---- helpers ----

    private ClusterRuntime newRuntime(Scope scope, String clusterId) {
        String key = key(scope, clusterId);
        ClusterRuntime runtime = new ClusterRuntime(clusterId, scope, store, host,
                instanceId -> environment.engineDir("rds", scope, instanceId),
                environment.engineDir("rds", scope, "_volume-" + clusterId),
                environment.clock(),
                portMoved -> new ClusterEndpoints("rds/" + clusterId, environment.runtime(), environment.addresses(),
                        resourceKey(scope, clusterId), portMoved),
                () -> {
                    runtimes.remove(key);
                    environment.addresses().release(resourceKey(scope, clusterId));
                });
        runtimes.put(key, runtime);
        return runtime;
    }

    private ClusterRuntime runtime(Scope scope, String clusterId) {
        ClusterRuntime runtime = runtimes.get(key(scope, clusterId));
        if (runtime == null) {
            throw CommonErrors.internalFailure("DB cluster " + clusterId + " has no running engines in this server");
        }
        return runtime;
    }

    private RdsShapes shapes(Scope scope) {
        return new RdsShapes(scope,
                (clusterId, endpointName) -> environment.addresses().find(resourceKey(scope, clusterId), endpointName),
                new RdsShapes.Statuses() {
                    @Override
                    public ClusterStatus of(DbCluster cluster) {
                        ClusterRuntime runtime = runtimes.get(key(scope, cluster.identifier()));
                        return runtime == null ? cluster.status() : runtime.shownStatus(cluster);
                    }

                    @Override
                    public InstanceStatus of(DbInstance instance) {
                        ClusterRuntime runtime = runtimes.get(key(scope, instance.clusterIdentifier()));
                        return runtime == null ? instance.status() : runtime.shownStatus(instance);
                    }
                },
                clusterId -> store.read(scope, s -> s.instancesOf(clusterId)),
                clusterId -> store.read(scope, s -> s.endpointsOf(clusterId)));
    }

    private static String key(Scope scope, String clusterId) {
        return scope + "/" + clusterId;
    }

    /** The cluster's key in the address allocator. */
    static String resourceKey(Scope scope, String clusterId) {
        return "rds/" + scope.accountId() + "/" + scope.region() + "/" + clusterId;
    }

    private static Scope scope(RequestContext context) {
        return new Scope(context.accountId(), context.region());
    }

    private DbCluster cluster(Scope scope, String id) {
        return store.read(scope, s -> s.cluster(id)).orElseThrow(() -> clusterNotFound(id));
    }

    private DbInstance instance(Scope scope, String id) {
        return store.read(scope, s -> s.instance(id)).orElseThrow(() -> instanceNotFound(id));
    }

    /** An identifier or ARN of a cluster, as Describe/Modify accept. */
    private static String clusterIdentifier(Scope scope, String value) {
        return Arns.parse(value).filter(p -> p.type().equals(Arns.CLUSTER) && p.scope().equals(scope))
                .map(p -> RdsValidation.lookup(p.id())).orElseGet(() -> RdsValidation.lookup(value));
    }

    private static String instanceIdentifier(Scope scope, String value) {
        return Arns.parse(value).filter(p -> p.type().equals(Arns.INSTANCE) && p.scope().equals(scope))
                .map(p -> RdsValidation.lookup(p.id())).orElseGet(() -> RdsValidation.lookup(value));
    }

    private static void engine(String action, String engine) {
        if (ENGINE.equals(engine)) {
            return;
        }
        if (OTHER_ENGINES.contains(engine)) {
            throw RdsValidation.notImplemented(action, "the " + engine + " engine; only aurora-mysql is emulated");
        }
        throw CommonErrors.invalidParameterValue("Invalid DB engine: " + engine);
    }

    /** Aurora's version names: {@code 8.0} and {@code 5.7} expand to a full Aurora MySQL version. */
    private static String engineVersion(String requested) {
        if (requested == null || requested.equals("8.0") || requested.equals("3")) {
            return DEFAULT_ENGINE_VERSION;
        }
        if (requested.equals("5.7") || requested.equals("2")) {
            return "5.7.mysql_aurora.2.12.5";
        }
        return requested;
    }

    private static void checkMembers(RdsState state, String clusterId, List<String> members) {
        for (String member : members) {
            DbInstance instance = state.instance(member).orElseThrow(() -> instanceNotFound(member));
            if (!instance.clusterIdentifier().equals(clusterId)) {
                throw CommonErrors.invalidParameterValue("DB instance " + member + " is not a member of DB cluster "
                        + clusterId + ".");
            }
        }
    }

    private static void requireClusterStatus(DbCluster cluster, ClusterStatus expected) {
        ClusterStatus.LIFECYCLE.require(cluster.status(), Set.of(expected), () -> ERRORS.error(
                "InvalidDBClusterStateFault", "DbCluster %s is in %s state but expected it to be one of %s.",
                cluster.identifier(), cluster.status(), expected));
    }

    private static AwsServiceException invalidClusterState(DbCluster cluster) {
        return ERRORS.error("InvalidDBClusterStateFault", "DB cluster %s is in %s state.", cluster.identifier(),
                cluster.status());
    }

    private static AwsServiceException invalidInstanceState(DbInstance instance) {
        return ERRORS.error("InvalidDBInstanceStateFault", "DB instance %s is in %s state, not available.",
                instance.identifier(), instance.status());
    }

    private static AwsServiceException clusterNotFound(String id) {
        return ERRORS.error("DBClusterNotFoundFault", "DBCluster %s not found.", id);
    }

    private static AwsServiceException instanceNotFound(String id) {
        return ERRORS.error("DBInstanceNotFoundFault", "DBInstance %s not found.", id);
    }

    private static AwsServiceException endpointNotFound(String id) {
        return ERRORS.error("DBClusterEndpointNotFoundFault", "DBClusterEndpoint %s not found.", id);
    }

    /** The Create/Modify/DeleteDBClusterEndpoint results carry the endpoint's fields directly. */
    private static <R> R endpointResponse(DBClusterEndpoint shape, SdkBuilder<?, R> builder) {
        return SdkShapes.toSdk(builder, SdkShapes.toTree(shape));
    }
}

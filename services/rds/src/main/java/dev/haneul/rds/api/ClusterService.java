package dev.haneul.rds.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Page;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.StateWriteException;
import dev.haneul.rds.engine.ClusterChange;
import dev.haneul.rds.engine.ClusterControl;
import dev.haneul.rds.model.Arns;
import dev.haneul.rds.model.ClusterSpec;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.InstanceStatus;
import dev.haneul.rds.model.PasswordHash;
import dev.haneul.rds.model.RdsState;
import java.net.BindException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rds.model.CreateDbClusterRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterResponse;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.FailoverDbClusterRequest;
import software.amazon.awssdk.services.rds.model.FailoverDbClusterResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterResponse;
import software.amazon.awssdk.services.rds.model.StartDbClusterRequest;
import software.amazon.awssdk.services.rds.model.StartDbClusterResponse;
import software.amazon.awssdk.services.rds.model.StopDbClusterRequest;
import software.amazon.awssdk.services.rds.model.StopDbClusterResponse;

/**
 * The DB cluster operations: create, describe, modify, delete, stop, start and fail over. Each
 * validates as RDS does, writes the desired state and hands the change to the cluster's
 * {@link ClusterControl}, which converges to it in the background.
 */
final class ClusterService {

    static final String DEFAULT_ENGINE_VERSION = "8.0.mysql_aurora.3.08.0";
    static final int DEFAULT_PORT = 3306;
    /** DB clusters per account and region (AWS's default quota). */
    static final int MAX_CLUSTERS = 40;
    private static final Logger log = LoggerFactory.getLogger(ClusterService.class);

    private final RdsStore store;
    private final ClusterEngines engines;
    private final Clock clock;

    ClusterService(RdsStore store, ClusterEngines engines, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.engines = requireNonNull(engines, "engines");
        this.clock = requireNonNull(clock, "clock");
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html">CreateDBCluster</a>. */
    CreateDbClusterResponse createDBCluster(RequestContext context, CreateDbClusterRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsValidation.identifier("DBClusterIdentifier", request.dbClusterIdentifier());
        RdsValidation.engine("CreateDBCluster", request.engine());
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
        Instant now = clock.instant();
        List<String> zones = request.hasAvailabilityZones() && !request.availabilityZones().isEmpty()
                ? request.availabilityZones()
                : List.of(scope.region() + "a", scope.region() + "b", scope.region() + "c");
        ClusterSpec spec = new ClusterSpec(RdsValidation.ENGINE, engineVersion(request.engineVersion()), request.masterUsername(),
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
        store.update(scope, state -> {
            if (state.cluster(id).isPresent()) {
                throw RdsErrors.error("DBClusterAlreadyExistsFault", "DB Cluster already exists");
            }
            if (state.clusters().size() >= MAX_CLUSTERS) {
                throw RdsErrors.error("DBClusterQuotaExceededFault",
                        "Cannot create more than %d DB clusters in this account and region.", MAX_CLUSTERS);
            }
            state.put(cluster);
        });
        ClusterControl control;
        try {
            control = engines.open(scope, id);
        } catch (BindException | RuntimeException e) {
            store.update(scope, state -> {
                state.removeCluster(id);
            });
            if (e instanceof StateWriteException unsaved) {
                throw unsaved; // the endpoints' addresses could not be saved: 503, retry once the disk is back
            }
            log.error("rds/{} - cannot open its endpoints", id, e);
            throw CommonErrors.internalFailure("Cannot open the endpoints of DB cluster " + id + ": " + e.getMessage());
        }
        CreateDbClusterResponse response = CreateDbClusterResponse.builder()
                .dbCluster(RdsShapes.of(scope, store, engines).cluster(store.cluster(scope, id), now)).build();
        control.apply(new ClusterChange.ClusterCreated());
        return response;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBClusters.html">DescribeDBClusters</a>. */
    DescribeDbClustersResponse describeDBClusters(RequestContext context, DescribeDbClustersRequest request) {
        Scope scope = RdsStore.scope(context);
        List<DbCluster> clusters;
        if (request.dbClusterIdentifier() != null) {
            clusters = List.of(store.cluster(scope, RdsStore.clusterIdentifier(scope, request.dbClusterIdentifier())));
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
        RdsShapes shapes = RdsShapes.of(scope, store, engines);
        Instant now = clock.instant();
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
        Scope scope = RdsStore.scope(context);
        String id = RdsStore.clusterIdentifier(scope, request.dbClusterIdentifier());
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
            DbCluster cluster = state.cluster(id).orElseThrow(() -> RdsErrors.clusterNotFound(id));
            if (request.engineVersion() != null && !engineVersion(request.engineVersion()).equals(cluster.spec().engineVersion())) {
                throw RdsValidation.notImplemented("ModifyDBCluster", "engine version upgrades");
            }
            RdsErrors.requireClusterStatus(cluster, ClusterStatus.AVAILABLE);
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
                .dbCluster(RdsShapes.of(scope, store, engines).cluster(modified, clock.instant())).build();
        if (newPassword) {
            engines.control(scope, id).apply(new ClusterChange.MasterPasswordChanged());
        }
        return response;
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBCluster.html">DeleteDBCluster</a>:
     * refused while the cluster has instances not being deleted, and while it is protected.
     * Snapshots are not emulated: a final snapshot is refused, so skip it.
     */
    DeleteDbClusterResponse deleteDBCluster(RequestContext context, DeleteDbClusterRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsStore.clusterIdentifier(scope, request.dbClusterIdentifier());
        boolean skip = Boolean.TRUE.equals(request.skipFinalSnapshot());
        String finalSnapshot = request.finalDBSnapshotIdentifier();
        DbCluster deleting = store.write(scope, state -> {
            DbCluster cluster = state.cluster(id).orElseThrow(() -> RdsErrors.clusterNotFound(id));
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
                throw RdsErrors.error("InvalidDBClusterStateFault",
                        "Cluster cannot be deleted, it still contains DB instances in non-deleting state.");
            }
            if (cluster.status().equals(ClusterStatus.DELETING)) {
                throw RdsErrors.invalidClusterState(cluster);
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
                .dbCluster(RdsShapes.of(scope, store, engines).cluster(deleting, clock.instant())).build();
        engines.control(scope, id).apply(new ClusterChange.ClusterDeleted());
        return response;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StopDBCluster.html">StopDBCluster</a>. */
    StopDbClusterResponse stopDBCluster(RequestContext context, StopDbClusterRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsStore.clusterIdentifier(scope, request.dbClusterIdentifier());
        DbCluster stopping = store.write(scope, state -> {
            DbCluster cluster = state.cluster(id).orElseThrow(() -> RdsErrors.clusterNotFound(id));
            RdsErrors.requireClusterStatus(cluster, ClusterStatus.AVAILABLE);
            for (DbInstance instance : state.instancesOf(id)) {
                if (!instance.status().equals(InstanceStatus.AVAILABLE)) {
                    throw RdsErrors.invalidInstanceState(instance);
                }
            }
            state.instancesOf(id).forEach(i -> state.put(i.withStatus(InstanceStatus.STOPPING)));
            DbCluster changed = cluster.withStatus(ClusterStatus.STOPPING);
            state.put(changed);
            return changed;
        });
        StopDbClusterResponse response = StopDbClusterResponse.builder()
                .dbCluster(RdsShapes.of(scope, store, engines).cluster(stopping, clock.instant())).build();
        engines.control(scope, id).apply(new ClusterChange.ClusterStopped());
        return response;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartDBCluster.html">StartDBCluster</a>. */
    StartDbClusterResponse startDBCluster(RequestContext context, StartDbClusterRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsStore.clusterIdentifier(scope, request.dbClusterIdentifier());
        DbCluster starting = store.write(scope, state -> {
            DbCluster cluster = state.cluster(id).orElseThrow(() -> RdsErrors.clusterNotFound(id));
            RdsErrors.requireClusterStatus(cluster, ClusterStatus.STOPPED);
            state.instancesOf(id).forEach(i -> state.put(i.withStatus(InstanceStatus.STARTING)));
            DbCluster changed = cluster.withStatus(ClusterStatus.STARTING);
            state.put(changed);
            return changed;
        });
        StartDbClusterResponse response = StartDbClusterResponse.builder()
                .dbCluster(RdsShapes.of(scope, store, engines).cluster(starting, clock.instant())).build();
        engines.control(scope, id).apply(new ClusterChange.ClusterStarted());
        return response;
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverDBCluster.html">FailoverDBCluster</a>:
     * promotes the named reader, or the best one (promotion tier, then the most caught up).
     */
    FailoverDbClusterResponse failoverDBCluster(RequestContext context, FailoverDbClusterRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsStore.clusterIdentifier(scope, request.dbClusterIdentifier());
        String target = RdsValidation.lookupOptional(request.targetDBInstanceIdentifier());
        DbCluster failing = store.write(scope, state -> {
            DbCluster cluster = state.cluster(id).orElseThrow(() -> RdsErrors.clusterNotFound(id));
            RdsErrors.requireClusterStatus(cluster, ClusterStatus.AVAILABLE);
            List<DbInstance> readers = state.instancesOf(id).stream()
                    .filter(i -> !i.identifier().equals(cluster.writer()) && i.status().equals(InstanceStatus.AVAILABLE))
                    .toList();
            if (target != null) {
                DbInstance instance = state.instance(target).filter(i -> i.clusterIdentifier().equals(id))
                        .orElseThrow(() -> RdsErrors.error("InvalidDBInstanceStateFault",
                                "The target DB instance %s is not a member of DB cluster %s.", target, id));
                if (instance.identifier().equals(cluster.writer())) {
                    throw RdsErrors.error("InvalidDBInstanceStateFault",
                            "The target DB instance %s is already the writer of DB cluster %s.", target, id);
                }
                if (!instance.status().equals(InstanceStatus.AVAILABLE)) {
                    throw RdsErrors.invalidInstanceState(instance);
                }
            } else if (readers.isEmpty()) {
                throw RdsErrors.error("InvalidDBClusterStateFault",
                        "DB cluster %s has no available reader DB instance to fail over to.", id);
            }
            DbCluster changed = cluster.withStatus(ClusterStatus.FAILING_OVER);
            state.put(changed);
            return changed;
        });
        FailoverDbClusterResponse response = FailoverDbClusterResponse.builder()
                .dbCluster(RdsShapes.of(scope, store, engines).cluster(failing, clock.instant())).build();
        engines.control(scope, id).apply(new ClusterChange.FailoverRequested(target,
                "FailoverDBCluster" + (target == null ? "" : " to " + target)));
        return response;
    }


    /** Aurora's version names: {@code 8.0} and {@code 5.7} expand to a full Aurora MySQL version. */
    static String engineVersion(@Nullable String requested) {
        if (requested == null || requested.equals("8.0") || requested.equals("3")) {
            return DEFAULT_ENGINE_VERSION;
        }
        if (requested.equals("5.7") || requested.equals("2")) {
            return "5.7.mysql_aurora.2.12.5";
        }
        return requested;
    }
}

package dev.haneul.rds.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Page;
import dev.haneul.core.state.Scope;
import dev.haneul.rds.engine.ClusterChange;
import dev.haneul.rds.engine.ClusterControl;
import dev.haneul.rds.model.Arns;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.InstanceStatus;
import dev.haneul.rds.model.RdsState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceResponse;

/**
 * The DB instance operations: create (into a cluster), describe, modify, reboot and delete.
 * Each validates as RDS does, writes the desired state and hands the change to the cluster's
 * {@link ClusterControl}.
 */
final class InstanceService {

    /** DB instances per cluster: a writer and up to 15 Aurora Replicas. */
    static final int MAX_INSTANCES = 16;

    private final RdsStore store;
    private final ClusterEngines engines;
    private final Clock clock;

    InstanceService(RdsStore store, ClusterEngines engines, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.engines = requireNonNull(engines, "engines");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html">CreateDBInstance</a>
     * into an Aurora MySQL cluster: the cluster's first instance becomes its writer, later ones
     * readers seeded from it.
     */
    CreateDbInstanceResponse createDBInstance(RequestContext context, CreateDbInstanceRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsValidation.identifier("DBInstanceIdentifier", request.dbInstanceIdentifier());
        if (request.dbClusterIdentifier() == null) {
            if (RdsValidation.ENGINE.equals(request.engine())) {
                throw CommonErrors.invalidParameterCombination(
                        "DBClusterIdentifier is required for an aurora-mysql DB instance.");
            }
            RdsValidation.engine("CreateDBInstance", request.engine());
            throw RdsValidation.notImplemented("CreateDBInstance", "DB instances outside an Aurora cluster");
        }
        RdsValidation.promotionTier(request.promotionTier());
        String clusterId = RdsValidation.lookup(request.dbClusterIdentifier());
        Instant now = clock.instant();
        DbInstance created = store.write(scope, state -> {
            DbCluster cluster = state.cluster(clusterId).orElseThrow(() -> RdsErrors.clusterNotFound(clusterId));
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
                throw RdsErrors.invalidClusterState(cluster);
            }
            if (state.instance(id).isPresent()) {
                throw RdsErrors.error("DBInstanceAlreadyExistsFault", "DB instance already exists");
            }
            List<DbInstance> members = state.instancesOf(clusterId);
            if (members.size() >= MAX_INSTANCES) {
                throw RdsErrors.error("InstanceQuotaExceededFault",
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
        engines.claimEngineDir(scope, id);
        CreateDbInstanceResponse response = CreateDbInstanceResponse.builder()
                .dbInstance(RdsShapes.of(scope, store, engines).instance(created, store.cluster(scope, clusterId), now)).build();
        engines.control(scope, clusterId).apply(new ClusterChange.InstanceCreated(id));
        return response;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html">DescribeDBInstances</a>. */
    DescribeDbInstancesResponse describeDBInstances(RequestContext context, DescribeDbInstancesRequest request) {
        Scope scope = RdsStore.scope(context);
        List<DbInstance> instances;
        if (request.dbInstanceIdentifier() != null) {
            instances = List.of(store.instance(scope, RdsStore.instanceIdentifier(scope, request.dbInstanceIdentifier())));
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
        RdsShapes shapes = RdsShapes.of(scope, store, engines);
        Instant now = clock.instant();
        return DescribeDbInstancesResponse.builder()
                .dbInstances(page.items().stream()
                        .map(i -> shapes.instance(i, store.cluster(scope, i.clusterIdentifier()), now)).toList())
                .marker(page.nextMarker())
                .build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html">ModifyDBInstance</a>:
     * promotion tier, instance class (recorded; every Haneul instance is the same size), and a
     * few flags, applied at once. Renaming is not emulated.
     */
    ModifyDbInstanceResponse modifyDBInstance(RequestContext context, ModifyDbInstanceRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsStore.instanceIdentifier(scope, request.dbInstanceIdentifier());
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
            DbInstance instance = state.instance(id).orElseThrow(() -> RdsErrors.instanceNotFound(id));
            if (!instance.status().equals(InstanceStatus.AVAILABLE)) {
                throw RdsErrors.invalidInstanceState(instance);
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
        return ModifyDbInstanceResponse.builder().dbInstance(RdsShapes.of(scope, store, engines).instance(modified,
                store.cluster(scope, modified.clusterIdentifier()), clock.instant())).build();
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html">RebootDBInstance</a>.
     * With {@code ForceFailover} on the writer of a cluster that has an available reader, the
     * reboot is a failover (the writer comes back as a reader). A {@code failed} instance accepts a
     * reboot (and a deletion, nothing else), as AWS lets an instance it cannot run be rebooted or
     * deleted; Haneul's reboot then repairs it: a replica is seeded again from the writer.
     */
    RebootDbInstanceResponse rebootDBInstance(RequestContext context, RebootDbInstanceRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsStore.instanceIdentifier(scope, request.dbInstanceIdentifier());
        boolean forceFailover = Boolean.TRUE.equals(request.forceFailover());
        Reboot reboot = store.write(scope, state -> {
            DbInstance instance = state.instance(id).orElseThrow(() -> RdsErrors.instanceNotFound(id));
            DbCluster cluster = state.cluster(instance.clusterIdentifier()).orElseThrow();
            boolean repair = instance.status().equals(InstanceStatus.FAILED);
            if (!(instance.status().equals(InstanceStatus.AVAILABLE) || (repair && !forceFailover))
                    || !cluster.status().equals(ClusterStatus.AVAILABLE)) {
                throw RdsErrors.invalidInstanceState(instance);
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
        RebootDbInstanceResponse response = RebootDbInstanceResponse.builder().dbInstance(RdsShapes.of(scope, store, engines).instance(
                rebooting, store.cluster(scope, rebooting.clusterIdentifier()), clock.instant())).build();
        ClusterControl control = engines.control(scope, rebooting.clusterIdentifier());
        if (forceFailover) {
            control.apply(new ClusterChange.FailoverRequested(null, "RebootDBInstance with ForceFailover on " + id));
        } else {
            control.apply(new ClusterChange.InstanceRebooted(id, reboot.repair()));
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
        Scope scope = RdsStore.scope(context);
        String id = RdsStore.instanceIdentifier(scope, request.dbInstanceIdentifier());
        if (request.finalDBSnapshotIdentifier() != null) {
            throw CommonErrors.invalidParameterCombination(
                    "FinalDBSnapshotIdentifier can not be specified when deleting a cluster instance");
        }
        DbInstance deleting = store.write(scope, state -> {
            DbInstance instance = state.instance(id).orElseThrow(() -> RdsErrors.instanceNotFound(id));
            if (instance.status().equals(InstanceStatus.DELETING)) {
                throw RdsErrors.error("InvalidDBInstanceStateFault", "Instance %s is already being deleted.", id);
            }
            DbInstance changed = instance.withStatus(InstanceStatus.DELETING);
            state.put(changed);
            return changed;
        });
        DeleteDbInstanceResponse response = DeleteDbInstanceResponse.builder().dbInstance(RdsShapes.of(scope, store, engines).instance(
                deleting, store.cluster(scope, deleting.clusterIdentifier()), clock.instant())).build();
        engines.control(scope, deleting.clusterIdentifier()).apply(new ClusterChange.InstanceDeleted(id));
        return response;
    }

}

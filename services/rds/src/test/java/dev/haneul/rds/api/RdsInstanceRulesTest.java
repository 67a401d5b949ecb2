package dev.haneul.rds.api;

import static dev.haneul.rds.api.RdsApiFixture.CONTEXT;
import static dev.haneul.rds.api.RdsApiFixture.SCOPE;
import static dev.haneul.rds.api.RdsApiFixture.errorCode;
import static dev.haneul.rds.api.RdsApiFixture.errorMessage;
import static dev.haneul.rds.api.RdsApiFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.rds.engine.ClusterChange;
import dev.haneul.rds.model.InstanceStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.StopDbClusterRequest;

/** The DB instance operations' validation and state rules, in memory (no engines). */
class RdsInstanceRulesTest {

    @TempDir
    Path tmp;

    private RdsApiFixture rds;

    @BeforeEach
    void setUp() {
        rds = new RdsApiFixture(tmp);
        rds.clusterWith("c1");
    }

    @Test
    void theFirstInstanceBecomesTheWriterAndLaterOnesReadersInTurnsOfZones() {
        DBInstance first = create(instance("DB-1", "c1")).dbInstance();
        assertThat(first.dbInstanceStatus()).isEqualTo("creating");
        assertThat(first.dbInstanceIdentifier()).isEqualTo("db-1");
        assertThat(first.promotionTier()).isEqualTo(1);
        create(instance("db-2", "c1"));
        assertThat(rds.store.cluster(SCOPE, "c1").writer()).isEqualTo("db-1");
        assertThat(rds.engines.changes).contains(new ClusterChange.InstanceCreated("db-1"),
                new ClusterChange.InstanceCreated("db-2"));
        assertThat(describe("db-1").availabilityZone()).isEqualTo("us-east-1a");
        assertThat(describe("db-2").availabilityZone()).isEqualTo("us-east-1b");
        assertThat(describe("db-2").dbInstanceStatus()).isEqualTo("available");
    }

    @Test
    void anAuroraInstanceNeedsItsClusterAndTheClustersEngine() {
        errorMessage(() -> create(instance("db-1", null)))
                .isEqualTo("DBClusterIdentifier is required for an aurora-mysql DB instance.");
        errorCode(() -> create(instance("db-1", null).engine("mysql"))).isEqualTo("NotImplemented");
        errorCode(() -> create(instance("db-1", "nope"))).isEqualTo("DBClusterNotFoundFault");
        errorCode(() -> create(instance("db-1", "c1").engine("postgres"))).isEqualTo("InvalidParameterCombination");
    }

    @Test
    void clusterSettingsAreRefusedOnAMemberInstance() {
        errorCode(() -> create(instance("db-1", "c1").masterUsername("admin"))).isEqualTo("InvalidParameterCombination");
        errorCode(() -> create(instance("db-1", "c1").masterUserPassword("secret99")))
                .isEqualTo("InvalidParameterCombination");
        errorCode(() -> create(instance("db-1", "c1").dbName("app"))).isEqualTo("InvalidParameterCombination");
        errorCode(() -> create(instance("db-1", "c1").dbInstanceClass("m5.large")))
                .isEqualTo("InvalidParameterCombination");
        errorCode(() -> create(instance("db-1", "c1").promotionTier(16))).isEqualTo("InvalidParameterValue");
        errorCode(() -> create(instance("-db", "c1"))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void aSecondInstanceOfTheSameNameAndTheSeventeenthOfAClusterAreRefused() {
        create(instance("db-0", "c1"));
        errorCode(() -> create(instance("db-0", "c1"))).isEqualTo("DBInstanceAlreadyExists");
        for (int i = 1; i < InstanceService.MAX_INSTANCES; i++) {
            create(instance("db-" + i, "c1"));
        }
        errorCode(() -> create(instance("db-x", "c1"))).isEqualTo("InstanceQuotaExceeded");
    }

    @Test
    void noInstanceJoinsAStoppedCluster() {
        create(instance("db-1", "c1"));
        rds.clusters.stopDBCluster(CONTEXT, StopDbClusterRequest.builder().dbClusterIdentifier("c1").build());
        errorCode(() -> create(instance("db-2", "c1"))).isEqualTo("InvalidDBClusterStateFault");
    }

    @Test
    void onlyAnAvailableInstanceIsModifiedAndNeverItsMasterPassword() {
        rds.engines.settle = false;
        create(instance("db-1", "c1"));
        errorCode(() -> modify(ModifyDbInstanceRequest.builder().dbInstanceIdentifier("db-1").promotionTier(2)))
                .isEqualTo("InvalidDBInstanceState");
        errorCode(() -> modify(ModifyDbInstanceRequest.builder().dbInstanceIdentifier("db-1")
                .masterUserPassword("secret99"))).isEqualTo("InvalidParameterCombination");
        settle("db-1", InstanceStatus.AVAILABLE);
        DBInstance modified = modify(ModifyDbInstanceRequest.builder().dbInstanceIdentifier("db-1").promotionTier(0)
                .dbInstanceClass("db.r6g.xlarge")).dbInstance();
        assertThat(modified.promotionTier()).isZero();
        assertThat(modified.dbInstanceClass()).isEqualTo("db.r6g.xlarge");
        errorCode(() -> modify(ModifyDbInstanceRequest.builder().dbInstanceIdentifier("nope").promotionTier(2)))
                .isEqualTo("DBInstanceNotFound");
    }

    @Test
    void forceFailoverIsForTheWriterOfAClusterWithAnAvailableReader() {
        create(instance("db-1", "c1"));
        errorCode(() -> reboot("db-1", true)).isEqualTo("InvalidParameterCombination");
        create(instance("db-2", "c1"));
        errorCode(() -> reboot("db-2", true)).isEqualTo("InvalidParameterCombination");
        rds.engines.settle = false;
        assertThat(reboot("db-1", true).dbInstanceStatus()).isEqualTo("rebooting");
        assertThat(rds.store.cluster(SCOPE, "c1").status().wire()).isEqualTo("failing-over");
        assertThat(rds.engines.changes).last().isInstanceOf(ClusterChange.FailoverRequested.class);
        errorCode(() -> reboot("db-2", false)).isEqualTo("InvalidDBInstanceState");
    }

    @Test
    void aFailedInstanceAcceptsARebootThatRepairsItButNoOtherChange() {
        create(instance("db-1", "c1"));
        settle("db-1", InstanceStatus.FAILED);
        errorCode(() -> modify(ModifyDbInstanceRequest.builder().dbInstanceIdentifier("db-1").promotionTier(2)))
                .isEqualTo("InvalidDBInstanceState");
        errorCode(() -> reboot("db-1", true)).isEqualTo("InvalidDBInstanceState");
        rds.engines.settle = false;
        reboot("db-1", false);
        assertThat(rds.engines.changes).last().isEqualTo(new ClusterChange.InstanceRebooted("db-1", true));
    }

    @Test
    void anInstanceIsDeletedOnceWithoutAFinalSnapshot() {
        create(instance("db-1", "c1"));
        errorCode(() -> rds.instances.deleteDBInstance(CONTEXT, DeleteDbInstanceRequest.builder()
                .dbInstanceIdentifier("db-1").finalDBSnapshotIdentifier("snap").build()))
                .isEqualTo("InvalidParameterCombination");
        rds.engines.settle = false;
        DeleteDbInstanceRequest delete = DeleteDbInstanceRequest.builder().dbInstanceIdentifier("db-1").build();
        assertThat(rds.instances.deleteDBInstance(CONTEXT, delete).dbInstance().dbInstanceStatus())
                .isEqualTo("deleting");
        errorMessage(() -> rds.instances.deleteDBInstance(CONTEXT, delete))
                .isEqualTo("Instance db-1 is already being deleted.");
    }

    @Test
    void describeFiltersByClusterAndRefusesUnknownFilters() {
        rds.clusterWith("c2", "db-9");
        create(instance("db-1", "c1"));
        var described = rds.instances.describeDBInstances(CONTEXT, DescribeDbInstancesRequest.builder()
                .filters(Filter.builder().name("db-cluster-id").values("C1").build()).build()).dbInstances();
        assertThat(described).extracting(DBInstance::dbInstanceIdentifier).containsExactly("db-1");
        errorCode(() -> rds.instances.describeDBInstances(CONTEXT, DescribeDbInstancesRequest.builder()
                .filters(Filter.builder().name("vpc-id").values("x").build()).build()))
                .isEqualTo("InvalidParameterValue");
        errorCode(() -> describe("nope")).isEqualTo("DBInstanceNotFound");
    }

    @Test
    void everyInstanceStatusReadsBackFromItsWireSpelling() {
        for (InstanceStatus status : InstanceStatus.values()) {
            assertThat(InstanceStatus.LIFECYCLE.parse(status.wire())).contains(status);
        }
        assertThat(InstanceStatus.LIFECYCLE.canMove(InstanceStatus.FAILED, InstanceStatus.REBOOTING)).isTrue();
        assertThat(InstanceStatus.LIFECYCLE.canMove(InstanceStatus.DELETING, InstanceStatus.AVAILABLE)).isFalse();
    }

    private CreateDbInstanceResponse create(
            CreateDbInstanceRequest.Builder request) {
        return rds.instances.createDBInstance(CONTEXT, request.build());
    }

    private ModifyDbInstanceResponse modify(
            ModifyDbInstanceRequest.Builder request) {
        return rds.instances.modifyDBInstance(CONTEXT, request.build());
    }

    private DBInstance reboot(String id, boolean forceFailover) {
        return rds.instances.rebootDBInstance(CONTEXT, RebootDbInstanceRequest.builder().dbInstanceIdentifier(id)
                .forceFailover(forceFailover).build()).dbInstance();
    }

    private DBInstance describe(String id) {
        return rds.instances.describeDBInstances(CONTEXT, DescribeDbInstancesRequest.builder()
                .dbInstanceIdentifier(id).build()).dbInstances().getFirst();
    }

    private void settle(String id, InstanceStatus status) {
        rds.store.write(SCOPE, state -> {
            state.put(state.instance(id).orElseThrow().withStatus(status));
            return null;
        });
    }
}

package dev.haneul.rds.api;

import static dev.haneul.rds.api.RdsApiFixture.CONTEXT;
import static dev.haneul.rds.api.RdsApiFixture.SCOPE;
import static dev.haneul.rds.api.RdsApiFixture.cluster;
import static dev.haneul.rds.api.RdsApiFixture.errorCode;
import static dev.haneul.rds.api.RdsApiFixture.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.rds.engine.ClusterChange;
import dev.haneul.rds.model.Arns;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.DbCluster;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.FailoverDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.StartDbClusterRequest;
import software.amazon.awssdk.services.rds.model.StopDbClusterRequest;

/** The DB cluster operations' validation and state rules, in memory (no engines). */
class RdsClusterRulesTest {

    @TempDir
    Path tmp;

    private RdsApiFixture rds;

    @BeforeEach
    void setUp() {
        rds = new RdsApiFixture(tmp);
    }

    @Test
    void aNewClusterIsCreatingThenAvailableOnceTheEngineSideSettles() {
        var created = rds.clusters.createDBCluster(CONTEXT, cluster("Board-DB").port(3307).build()).dbCluster();
        assertThat(created.status()).isEqualTo("creating");
        assertThat(created.dbClusterIdentifier()).isEqualTo("board-db");
        assertThat(created.port()).isEqualTo(3307);
        assertThat(created.engineVersion()).isEqualTo(ClusterService.DEFAULT_ENGINE_VERSION);
        assertThat(created.dbClusterArn()).isEqualTo(Arns.cluster(SCOPE, "board-db"));
        assertThat(rds.engines.changes).containsExactly(new ClusterChange.ClusterCreated());
        assertThat(describe("board-db").status()).isEqualTo("available");
    }

    @Test
    void describeAcceptsTheArnAndAnswersNotFoundForAnUnknownCluster() {
        rds.clusterWith("c1");
        assertThat(describe(Arns.cluster(SCOPE, "c1")).dbClusterIdentifier()).isEqualTo("c1");
        errorCode(() -> describe("nope")).isEqualTo("DBClusterNotFoundFault");
        errorMessage(() -> describe("nope")).isEqualTo("DBCluster nope not found.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1cluster", "a--b", "ends-", "under_score", ""})
    void invalidIdentifiersAreInvalidParameterValue(String id) {
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, cluster(id).build())).isEqualTo("InvalidParameterValue");
    }

    @Test
    void otherEnginesAreNotImplementedAndUnknownOnesInvalid() {
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, cluster("c1").engine("postgres").build()))
                .isEqualTo("NotImplemented");
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, cluster("c1").engine("oracle-xx").build()))
                .isEqualTo("InvalidParameterValue");
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, cluster("c1").masterUsername("select").build()))
                .isEqualTo("InvalidParameterValue");
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, cluster("c1").masterUserPassword("short").build()))
                .isEqualTo("InvalidParameterValue");
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, cluster("c1").port(80).build()))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void aSecondClusterOfTheSameNameAndTheFortyFirstAreRefused() {
        rds.clusterWith("c0");
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, cluster("C0").build()))
                .isEqualTo("DBClusterAlreadyExistsFault");
        for (int i = 1; i < ClusterService.MAX_CLUSTERS; i++) {
            rds.clusterWith("c" + i);
        }
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, cluster("one-more").build()))
                .isEqualTo("DBClusterQuotaExceededFault");
    }

    @Test
    void endpointsThatCannotBeBoundLeaveNoClusterBehind() {
        rds.engines.bindFailure = new BindException("taken");
        errorCode(() -> rds.clusters.createDBCluster(CONTEXT, cluster("c1").build())).isEqualTo("InternalFailure");
        Optional<DbCluster> left = rds.store.read(SCOPE, s -> s.cluster("c1"));
        assertThat(left).isEmpty();
    }

    @Test
    void modifyingAStoppedClusterIsInvalidClusterStateNamedAsTheApiSpellsIt() {
        rds.clusterWith("c1", "db-1");
        rds.clusters.stopDBCluster(CONTEXT, StopDbClusterRequest.builder().dbClusterIdentifier("c1").build());
        errorCode(() -> rds.clusters.modifyDBCluster(CONTEXT, ModifyDbClusterRequest.builder()
                .dbClusterIdentifier("c1").deletionProtection(true).build())).isEqualTo("InvalidDBClusterStateFault");
        errorMessage(() -> rds.clusters.modifyDBCluster(CONTEXT, ModifyDbClusterRequest.builder()
                .dbClusterIdentifier("c1").deletionProtection(true).build()))
                .isEqualTo("DbCluster c1 is in stopped state but expected it to be one of available.");
    }

    @Test
    void aNewMasterPasswordResetsCredentialsThroughTheEngineSide() {
        rds.clusterWith("c1", "db-1");
        rds.engines.changes.clear();
        var modified = rds.clusters.modifyDBCluster(CONTEXT, ModifyDbClusterRequest.builder()
                .dbClusterIdentifier("c1").masterUserPassword("another99").build()).dbCluster();
        assertThat(modified.status()).isEqualTo("resetting-master-credentials");
        assertThat(rds.engines.changes).containsExactly(new ClusterChange.MasterPasswordChanged());
        errorCode(() -> rds.clusters.modifyDBCluster(CONTEXT, ModifyDbClusterRequest.builder()
                .dbClusterIdentifier("c1").newDBClusterIdentifier("c2").build())).isEqualTo("NotImplemented");
        errorCode(() -> rds.clusters.modifyDBCluster(CONTEXT, ModifyDbClusterRequest.builder()
                .dbClusterIdentifier("c1").backupRetentionPeriod(36).build())).isEqualTo("InvalidParameterValue");
    }

    @Test
    void stopNeedsAnAvailableClusterAndStartAStoppedOne() {
        rds.clusterWith("c1", "db-1");
        errorCode(() -> rds.clusters.startDBCluster(CONTEXT, StartDbClusterRequest.builder()
                .dbClusterIdentifier("c1").build())).isEqualTo("InvalidDBClusterStateFault");
        rds.engines.settle = false;
        var stopping = rds.clusters.stopDBCluster(CONTEXT, StopDbClusterRequest.builder()
                .dbClusterIdentifier("c1").build()).dbCluster();
        assertThat(stopping.status()).isEqualTo("stopping");
        assertThat(rds.store.instance(SCOPE, "db-1").status().wire()).isEqualTo("stopping");
        errorCode(() -> rds.clusters.stopDBCluster(CONTEXT, StopDbClusterRequest.builder()
                .dbClusterIdentifier("c1").build())).isEqualTo("InvalidDBClusterStateFault");
    }

    @Test
    void aClusterIsDeletedOnlyWithoutLiveInstancesUnprotectedAndWithoutAFinalSnapshot() {
        rds.clusterWith("c1", "db-1");
        DeleteDbClusterRequest.Builder delete = DeleteDbClusterRequest.builder().dbClusterIdentifier("c1");
        errorMessage(() -> rds.clusters.deleteDBCluster(CONTEXT, delete.skipFinalSnapshot(true).build()))
                .isEqualTo("Cluster cannot be deleted, it still contains DB instances in non-deleting state.");
        errorCode(() -> rds.clusters.deleteDBCluster(CONTEXT, delete.skipFinalSnapshot(null).build()))
                .isEqualTo("InvalidParameterCombination");
        errorCode(() -> rds.clusters.deleteDBCluster(CONTEXT, delete.skipFinalSnapshot(true)
                .finalDBSnapshotIdentifier("snap").build())).isEqualTo("InvalidParameterCombination");
        rds.clusters.modifyDBCluster(CONTEXT, ModifyDbClusterRequest.builder().dbClusterIdentifier("c1")
                .deletionProtection(true).build());
        errorMessage(() -> rds.clusters.deleteDBCluster(CONTEXT, DeleteDbClusterRequest.builder()
                .dbClusterIdentifier("c1").skipFinalSnapshot(true).build()))
                .startsWith("Cannot delete protected Cluster");
    }

    @Test
    void aClusterBeingDeletedCannotBeDeletedAgain() {
        rds.clusterWith("c1");
        rds.engines.settle = false;
        DeleteDbClusterRequest delete = DeleteDbClusterRequest.builder().dbClusterIdentifier("c1")
                .skipFinalSnapshot(true).build();
        assertThat(rds.clusters.deleteDBCluster(CONTEXT, delete).dbCluster().status()).isEqualTo("deleting");
        errorCode(() -> rds.clusters.deleteDBCluster(CONTEXT, delete)).isEqualTo("InvalidDBClusterStateFault");
        errorCode(() -> rds.clusters.deleteDBCluster(CONTEXT, DeleteDbClusterRequest.builder()
                .dbClusterIdentifier("nope").skipFinalSnapshot(true).build())).isEqualTo("DBClusterNotFoundFault");
    }

    @Test
    void failoverNeedsAnAvailableReaderThatIsAMemberAndNotTheWriter() {
        rds.clusterWith("c1", "db-1");
        rds.clusterWith("c2", "db-9");
        errorCode(() -> failover("c1", null)).isEqualTo("InvalidDBClusterStateFault");
        rds.instances.createDBInstance(CONTEXT, RdsApiFixture.instance("db-2", "c1").build());
        errorCode(() -> failover("c1", "db-9")).isEqualTo("InvalidDBInstanceState");
        errorCode(() -> failover("c1", "db-1")).isEqualTo("InvalidDBInstanceState");
        rds.engines.settle = false;
        assertThat(failover("c1", "DB-2").status()).isEqualTo("failing-over");
        assertThat(rds.engines.changes).last()
                .isEqualTo(new ClusterChange.FailoverRequested("db-2", "FailoverDBCluster to db-2"));
        errorCode(() -> failover("c1", null)).isEqualTo("InvalidDBClusterStateFault");
    }

    @Test
    void everyStatusReadsBackFromItsWireSpellingAndTheLifecycleHasNoDeadEnds() {
        for (ClusterStatus status : ClusterStatus.values()) {
            assertThat(ClusterStatus.LIFECYCLE.parse(status.wire())).contains(status);
            if (status != ClusterStatus.DELETING) {
                assertThat(ClusterStatus.LIFECYCLE.next(status)).as(status.wire()).isNotEmpty();
            }
        }
        assertThat(ClusterStatus.LIFECYCLE.canMove(ClusterStatus.STOPPED, ClusterStatus.FAILING_OVER)).isFalse();
        assertThat(ClusterStatus.LIFECYCLE.canMove(ClusterStatus.DELETING, ClusterStatus.AVAILABLE)).isFalse();
        assertThat(ClusterStatus.LIFECYCLE.canMove(ClusterStatus.AVAILABLE, ClusterStatus.STOPPING)).isTrue();
    }

    private DBCluster describe(String id) {
        return rds.clusters.describeDBClusters(CONTEXT, DescribeDbClustersRequest.builder().dbClusterIdentifier(id)
                .build()).dbClusters().getFirst();
    }

    private DBCluster failover(String id, String target) {
        return rds.clusters.failoverDBCluster(CONTEXT, FailoverDbClusterRequest.builder().dbClusterIdentifier(id)
                .targetDBInstanceIdentifier(target).build()).dbCluster();
    }
}

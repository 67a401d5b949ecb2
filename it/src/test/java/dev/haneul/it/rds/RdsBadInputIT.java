package dev.haneul.it.rds;

import static dev.haneul.it.rds.RdsTestSupport.awaitClusterAvailable;
import static dev.haneul.it.rds.RdsTestSupport.awaitEndpointAvailable;
import static dev.haneul.it.rds.RdsTestSupport.awaitInstancesAvailable;
import static dev.haneul.it.rds.RdsTestSupport.cluster;
import static dev.haneul.it.rds.RdsTestSupport.connect;
import static dev.haneul.it.rds.RdsTestSupport.instance;
import static dev.haneul.it.rds.RdsTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.testing.HaneulExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.RdsException;

/**
 * Bad requests get RDS's exact error code and HTTP status, and none of them disturbs a running
 * cluster. The server runs in {@code HANEUL_ENDPOINT_MODE=ports} (every endpoint on 127.0.0.1
 * with a port of its own), which the last test checks through Connector/J.
 */
class RdsBadInputIT {

    private static final String CLUSTER = "solo";

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().with("HANEUL_ENDPOINT_MODE", "ports");

    private static RdsClient rds;

    @BeforeAll
    static void createAOneInstanceCluster() {
        rds = haneul.client(RdsClient.builder());
        rds.createDBCluster(r -> r.dbClusterIdentifier(CLUSTER).engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword(RdsTestSupport.MASTER_PASSWORD).databaseName("app"));
        rds.createDBInstance(r -> r.dbInstanceIdentifier("solo-1").dbClusterIdentifier(CLUSTER).engine("aurora-mysql")
                .dbInstanceClass("db.t4g.medium"));
        awaitClusterAvailable(rds, CLUSTER);
        awaitInstancesAvailable(rds, "solo-1");
    }

    @AfterAll
    static void closeClient() {
        if (rds != null) {
            rds.close();
        }
    }

    @Test
    void missingResources() {
        assertError(() -> rds.describeDBClusters(r -> r.dbClusterIdentifier("nope")), "DBClusterNotFoundFault", 404);
        assertError(() -> rds.describeDBInstances(r -> r.dbInstanceIdentifier("nope")), "DBInstanceNotFound", 404);
        assertError(() -> rds.createDBInstance(r -> r.dbInstanceIdentifier("x-1").dbClusterIdentifier("nope")
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large")), "DBClusterNotFoundFault", 404);
        assertError(() -> rds.modifyDBClusterEndpoint(r -> r.dbClusterEndpointIdentifier("nope").endpointType("ANY")),
                "DBClusterEndpointNotFoundFault", 400);
        assertError(() -> rds.deleteDBClusterEndpoint(r -> r.dbClusterEndpointIdentifier("nope")),
                "DBClusterEndpointNotFoundFault", 400);
        assertError(() -> rds.failoverDBCluster(r -> r.dbClusterIdentifier("nope")), "DBClusterNotFoundFault", 404);
        assertError(() -> rds.rebootDBInstance(r -> r.dbInstanceIdentifier("nope")), "DBInstanceNotFound", 404);
        assertError(() -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("nope")), "DBInstanceNotFound", 404);
        assertError(() -> rds.listTagsForResource(r -> r.resourceName("arn:aws:rds:us-east-1:000000000000:cluster:nope")),
                "DBClusterNotFoundFault", 404);
        assertThat(catchThrowableOfType(DbClusterNotFoundException.class,
                () -> rds.describeDBClusters(r -> r.dbClusterIdentifier("nope")))).isNotNull();
    }

    @Test
    void invalidValuesAndCombinations() {
        assertError(() -> rds.createDBCluster(r -> r.dbClusterIdentifier("1-starts-with-a-digit").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret99")), "InvalidParameterValue", 400);
        assertError(() -> rds.createDBCluster(r -> r.dbClusterIdentifier("c2").masterUsername("admin")
                .masterUserPassword("secret99")), "MissingParameter", 400);
        assertError(() -> rds.createDBCluster(r -> r.dbClusterIdentifier("c2").engine("nosql").masterUsername("admin")
                .masterUserPassword("secret99")), "InvalidParameterValue", 400);
        assertError(() -> rds.createDBCluster(r -> r.dbClusterIdentifier("c2").engine("aurora-postgresql")
                .masterUsername("admin").masterUserPassword("secret99")), "NotImplemented", 501);
        assertError(() -> rds.createDBCluster(r -> r.dbClusterIdentifier("c2").engine("aurora-mysql").port(80)
                .masterUsername("admin").masterUserPassword("secret99")), "InvalidParameterValue", 400);
        assertError(() -> rds.createDBCluster(r -> r.dbClusterIdentifier("c2").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("short")), "InvalidParameterValue", 400);
        assertError(() -> rds.createDBCluster(r -> r.dbClusterIdentifier("c2").engine("aurora-mysql")
                .masterUserPassword("secret99")), "InvalidParameterValue", 400);
        assertError(() -> rds.createDBInstance(r -> r.dbInstanceIdentifier("solo-9").dbClusterIdentifier(CLUSTER)
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large").promotionTier(16)), "InvalidParameterValue", 400);
        assertError(() -> rds.createDBInstance(r -> r.dbInstanceIdentifier("solo-9").dbClusterIdentifier(CLUSTER)
                .engine("mysql").dbInstanceClass("db.r6g.large")), "InvalidParameterCombination", 400);
        assertError(() -> rds.createDBInstance(r -> r.dbInstanceIdentifier("solo-9").dbClusterIdentifier(CLUSTER)
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large").masterUsername("admin")),
                "InvalidParameterCombination", 400);
        assertError(() -> rds.deleteDBCluster(r -> r.dbClusterIdentifier(CLUSTER)), "InvalidParameterCombination", 400);
        assertError(() -> rds.describeDBClusters(r -> r.maxRecords(5)), "InvalidParameterValue", 400);
        assertError(() -> rds.describeDBClusters(r -> r.filters(Filter.builder().name("colour").values("blue").build())),
                "InvalidParameterValue", 400);
        assertError(() -> rds.listTagsForResource(r -> r.resourceName("not-an-arn")), "InvalidParameterValue", 400);
        assertError(() -> rds.describeEvents(r -> r.sourceIdentifier(CLUSTER)), "InvalidParameterCombination", 400);
    }

    @Test
    void deletingTheLastInstanceKeepsTheClusterDataForTheNextWriter() throws Exception {
        rds.createDBCluster(r -> r.dbClusterIdentifier("volume").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword(RdsTestSupport.MASTER_PASSWORD).databaseName("app"));
        rds.createDBInstance(r -> r.dbInstanceIdentifier("volume-1").dbClusterIdentifier("volume")
                .engine("aurora-mysql").dbInstanceClass("db.t4g.medium"));
        awaitInstancesAvailable(rds, "volume-1");
        var cluster = cluster(rds, "volume");
        try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
            RdsTestSupport.execute(writer, "CREATE TABLE app.kept (v VARCHAR(10))");
            RdsTestSupport.execute(writer, "INSERT INTO app.kept VALUES ('still here')");
        }
        rds.deleteDBInstance(r -> r.dbInstanceIdentifier("volume-1"));
        RdsTestSupport.awaitInstanceGone(rds, "volume-1");
        assertThat(cluster(rds, "volume").dbClusterMembers()).isEmpty();
        rds.createDBInstance(r -> r.dbInstanceIdentifier("volume-2").dbClusterIdentifier("volume")
                .engine("aurora-mysql").dbInstanceClass("db.t4g.medium"));
        awaitInstancesAvailable(rds, "volume-2");
        cluster = cluster(rds, "volume");
        try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
            assertThat(query(writer, "SELECT @@report_host")).isEqualTo("volume-2");
            assertThat(query(writer, "SELECT v FROM app.kept")).isEqualTo("still here");
        }
        rds.deleteDBInstance(r -> r.dbInstanceIdentifier("volume-2"));
        RdsTestSupport.awaitInstanceGone(rds, "volume-2");
        rds.deleteDBCluster(r -> r.dbClusterIdentifier("volume").skipFinalSnapshot(true));
        Awaitility.await().atMost(RdsTestSupport.DEADLINE).until(() -> rds.describeDBClusters()
                .dbClusters().stream().noneMatch(c -> c.dbClusterIdentifier().equals("volume")));
    }

    @Test
    void statesThatForbidTheOperation() {
        assertError(() -> rds.createDBCluster(r -> r.dbClusterIdentifier(CLUSTER).engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret99")), "DBClusterAlreadyExistsFault", 400);
        assertError(() -> rds.createDBInstance(r -> r.dbInstanceIdentifier("solo-1").dbClusterIdentifier(CLUSTER)
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large")), "DBInstanceAlreadyExists", 400);
        assertError(() -> rds.deleteDBCluster(r -> r.dbClusterIdentifier(CLUSTER).skipFinalSnapshot(true)),
                "InvalidDBClusterStateFault", 400);
        assertError(() -> rds.startDBCluster(r -> r.dbClusterIdentifier(CLUSTER)), "InvalidDBClusterStateFault", 400);
        assertError(() -> rds.failoverDBCluster(r -> r.dbClusterIdentifier(CLUSTER)), "InvalidDBClusterStateFault", 400);
        assertError(() -> rds.failoverDBCluster(r -> r.dbClusterIdentifier(CLUSTER).targetDBInstanceIdentifier("solo-1")),
                "InvalidDBInstanceState", 400);
        assertError(() -> rds.rebootDBInstance(r -> r.dbInstanceIdentifier("solo-1").forceFailover(true)),
                "InvalidParameterCombination", 400);
    }

    @Test
    void customEndpointRules() {
        assertError(() -> rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier("e")
                .endpointType("READER").staticMembers("solo-1").excludedMembers("solo-1")),
                "InvalidParameterCombination", 400);
        assertError(() -> rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier("e")
                .endpointType("WRITER")), "InvalidParameterValue", 400);
        assertError(() -> rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier("e")
                .endpointType("ANY").staticMembers("ghost")), "DBInstanceNotFound", 404);
        assertError(() -> rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier("nope").dbClusterEndpointIdentifier("e")
                .endpointType("ANY")), "DBClusterNotFoundFault", 404);
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "quota-" + i;
            rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier(id)
                    .endpointType(id.endsWith("1") ? "reader" : "Any"));
            created.add(id);
        }
        assertError(() -> rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier("quota-6")
                .endpointType("ANY")), "DBClusterEndpointQuotaExceededFault", 403);
        assertError(() -> rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier("quota-1")
                .endpointType("ANY")), "DBClusterEndpointAlreadyExistsFault", 400);
        var listed = rds.describeDBClusterEndpoints(r -> r.filters(Filter.builder()
                .name("db-cluster-endpoint-custom-type").values("reader").build())).dbClusterEndpoints();
        assertThat(listed).singleElement().satisfies(e -> {
            assertThat(e.dbClusterEndpointIdentifier()).isEqualTo("quota-1");
            assertThat(e.customEndpointType()).isEqualTo("READER");
        });
        for (String id : created) {
            awaitEndpointAvailable(rds, id);
            rds.deleteDBClusterEndpoint(r -> r.dbClusterEndpointIdentifier(id));
        }
        Awaitility.await().atMost(RdsTestSupport.DEADLINE).until(() -> rds.describeDBClusterEndpoints(
                r -> r.dbClusterIdentifier(CLUSTER)).dbClusterEndpoints().size() == 2);
    }

    @Test
    void concurrentDuplicatesCreateOneInstanceAndTheClusterKeepsWorking() throws Exception {
        AtomicInteger created = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    rds.createDBInstance(r -> r.dbInstanceIdentifier("solo-2").dbClusterIdentifier(CLUSTER)
                            .engine("aurora-mysql").dbInstanceClass("db.t4g.medium"));
                    created.incrementAndGet();
                } catch (DbInstanceAlreadyExistsException e) {
                    errors.add(e.awsErrorDetails().errorCode());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(created.get()).isEqualTo(1);
        assertThat(errors).hasSize(5).containsOnly("DBInstanceAlreadyExists");
        awaitInstancesAvailable(rds, "solo-2");
        assertError(() -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("solo-2")).dbInstance(), null, 0);
        assertError(() -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("solo-2")), "InvalidDBInstanceState", 400);
        RdsTestSupport.awaitInstanceGone(rds, "solo-2");
        var cluster = cluster(rds, CLUSTER);
        assertThat(cluster.status()).isEqualTo("available");
        try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
            assertThat(query(writer, "SELECT @@report_host")).isEqualTo("solo-1");
        }
    }

    @Test
    void inPortsModeEveryEndpointIsAPortOn127001() throws Exception {
        var cluster = cluster(rds, CLUSTER);
        var writer = instance(rds, "solo-1");
        assertThat(cluster.endpoint()).isEqualTo("127.0.0.1");
        assertThat(writer.endpoint().address()).isEqualTo("127.0.0.1");
        assertThat(writer.endpoint().port()).isNotEqualTo(cluster.port());
        try (Connection viaCluster = connect(cluster.endpoint(), cluster.port());
             Connection viaInstance = connect(writer.endpoint().address(), writer.endpoint().port())) {
            assertThat(query(viaCluster, "SELECT @@report_host")).isEqualTo("solo-1");
            assertThat(query(viaInstance, "SELECT @@report_host")).isEqualTo("solo-1");
        }
        // The reader endpoint's own port is not in the API (AWS has no field for it): health and status list it.
        var health = new ObjectMapper().readTree(HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(haneul.endpoint().resolve("/_haneul/health")).build(),
                        BodyHandlers.ofString()).body());
        String readerAddress = null;
        for (var endpoint : health.path("endpoints")) {
            if (endpoint.path("resource").asText().equals("rds cluster " + CLUSTER)
                    && endpoint.path("role").asText().equals("reader")) {
                readerAddress = endpoint.path("address").asText();
            }
        }
        assertThat(readerAddress).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:" + cluster.port());
        int readerPort = Integer.parseInt(readerAddress.substring("127.0.0.1:".length()));
        try (Connection viaReader = connect("127.0.0.1", readerPort)) {
            // No reader in this cluster: the reader endpoint answers with the writer, as Aurora's does.
            assertThat(query(viaReader, "SELECT @@report_host")).isEqualTo("solo-1");
        }
    }

    /** Runs {@code call}; expects the AWS error {@code code} with {@code status}, or success when {@code code} is null. */
    private static void assertError(Executable call, String code, int status) {
        RdsException error = catchThrowableOfType(RdsException.class, call::execute);
        if (code == null) {
            assertThat(error).isNull();
            return;
        }
        assertThat(error).as("expected %s", code).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(error.statusCode()).isEqualTo(status);
        assertThat(error.awsErrorDetails().errorMessage()).isNotBlank();
    }
}

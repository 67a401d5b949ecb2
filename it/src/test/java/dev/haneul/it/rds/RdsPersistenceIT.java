package dev.haneul.it.rds;

import static dev.haneul.it.rds.RdsTestSupport.awaitClusterAvailable;
import static dev.haneul.it.rds.RdsTestSupport.awaitEndpointAvailable;
import static dev.haneul.it.rds.RdsTestSupport.awaitInstancesAvailable;
import static dev.haneul.it.rds.RdsTestSupport.cluster;
import static dev.haneul.it.rds.RdsTestSupport.connect;
import static dev.haneul.it.rds.RdsTestSupport.execute;
import static dev.haneul.it.rds.RdsTestSupport.instance;
import static dev.haneul.it.rds.RdsTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.testing.HaneulProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * A Haneul server in its own JVM, killed with SIGKILL and started again, then stopped cleanly
 * and started again: the cluster, its instances, its endpoints (same addresses, same port) and its
 * data come back, replication resumes, and every engine runs exactly once (adopted after the
 * kill, restarted after the clean stop).
 */
class RdsPersistenceIT {

    private Path dataDir;
    private HaneulProcess server;

    @BeforeEach
    void startServer() throws Exception {
        dataDir = Files.createTempDirectory("haneul-rds-persistence-");
        server = HaneulProcess.create(dataDir, Map.of()).start();
    }

    @AfterEach
    void stopServer() throws Exception {
        RdsTestSupport.stopAndDelete(server, dataDir);
    }

    @Test
    void everythingComesBackAfterSigkillAndAfterACleanStop() throws Exception {
        String before;
        List<Long> pidsBefore;
        try (RdsClient rds = client()) {
            rds.createDBCluster(r -> r.dbClusterIdentifier("keep").engine("aurora-mysql").masterUsername("admin")
                    .masterUserPassword(RdsTestSupport.MASTER_PASSWORD).databaseName("app"));
            rds.createDBInstance(r -> r.dbInstanceIdentifier("keep-1").dbClusterIdentifier("keep").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
            rds.createDBInstance(r -> r.dbInstanceIdentifier("keep-2").dbClusterIdentifier("keep").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
            awaitClusterAvailable(rds, "keep");
            awaitInstancesAvailable(rds, "keep-1", "keep-2");
            rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier("keep").dbClusterEndpointIdentifier("keep-any")
                    .endpointType("ANY"));
            awaitEndpointAvailable(rds, "keep-any");
            var cluster = cluster(rds, "keep");
            try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
                execute(writer, "CREATE TABLE app.kept (id INT PRIMARY KEY)");
                execute(writer, "INSERT INTO app.kept VALUES (1)");
            }
            before = addresses(rds);
            pidsBefore = RdsTestSupport.enginePids(dataDir);
            assertThat(pidsBefore).hasSize(2);
        }

        server.kill();
        assertThat(RdsTestSupport.enginePids(dataDir)).as("engines outlive a killed Haneul")
                .containsExactlyInAnyOrderElementsOf(pidsBefore);
        server.start();
        awaitRunning();
        try (RdsClient rds = client()) {
            awaitInstancesAvailable(rds, "keep-1", "keep-2");
            assertThat(addresses(rds)).isEqualTo(before);
            assertThat(RdsTestSupport.enginePids(dataDir)).as("adopted, not started twice")
                    .containsExactlyInAnyOrderElementsOf(pidsBefore);
            replicationWorks(rds, 2);
        }

        server.stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> RdsTestSupport.enginePids(dataDir).isEmpty());
        server.start();
        awaitRunning();
        try (RdsClient rds = client()) {
            awaitInstancesAvailable(rds, "keep-1", "keep-2");
            assertThat(addresses(rds)).isEqualTo(before);
            List<Long> pidsAfter = RdsTestSupport.enginePids(dataDir);
            assertThat(pidsAfter).hasSize(2).doesNotContainAnyElementsOf(new HashSet<>(pidsBefore));
            replicationWorks(rds, 3);
        }
    }

    /** A row written through the cluster endpoint reaches the reader; every earlier row is there. */
    private static void replicationWorks(RdsClient rds, int id) throws Exception {
        var cluster = cluster(rds, "keep");
        try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
            assertThat(query(writer, "SELECT @@report_host")).isEqualTo("keep-1");
            execute(writer, "INSERT INTO app.kept VALUES (" + id + ")");
        }
        var reader = instance(rds, "keep-2");
        try (Connection connection = connect(reader.endpoint().address(), reader.endpoint().port())) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    query(connection, "SELECT COUNT(*) FROM app.kept").equals(Integer.toString(id)));
        }
        String any = rds.describeDBClusterEndpoints(r -> r.dbClusterEndpointIdentifier("keep-any")).dbClusterEndpoints()
                .getFirst().endpoint();
        try (Connection connection = connect(any, cluster.port())) {
            assertThat(query(connection, "SELECT COUNT(*) FROM app.kept")).isNotNull();
        }
    }

    /** Every address and port the API hands out, as one string to compare. */
    private static String addresses(RdsClient rds) {
        var cluster = cluster(rds, "keep");
        StringBuilder all = new StringBuilder(cluster.endpoint() + " " + cluster.readerEndpoint() + " " + cluster.port());
        for (String id : List.of("keep-1", "keep-2")) {
            var endpoint = instance(rds, id).endpoint();
            all.append(' ').append(endpoint.address()).append(':').append(endpoint.port());
        }
        rds.describeDBClusterEndpoints(r -> r.dbClusterIdentifier("keep")).dbClusterEndpoints()
                .forEach(e -> all.append(' ').append(e.endpoint()));
        return all.toString();
    }

    private void awaitRunning() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String health = server.health();
            return health != null && new ObjectMapper().readTree(health).path("status").asText().equals("running");
        });
    }

    private RdsClient client() {
        return RdsTestSupport.client(server);
    }
}

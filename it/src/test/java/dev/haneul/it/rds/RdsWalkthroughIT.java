package dev.haneul.it.rds;

import static dev.haneul.it.rds.RdsTestSupport.awaitClusterAvailable;
import static dev.haneul.it.rds.RdsTestSupport.awaitEndpointAvailable;
import static dev.haneul.it.rds.RdsTestSupport.awaitInstancesAvailable;
import static dev.haneul.it.rds.RdsTestSupport.cluster;
import static dev.haneul.it.rds.RdsTestSupport.connect;
import static dev.haneul.it.rds.RdsTestSupport.execute;
import static dev.haneul.it.rds.RdsTestSupport.instance;
import static dev.haneul.it.rds.RdsTestSupport.query;
import static dev.haneul.it.rds.RdsTestSupport.writerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulExtension;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterEndpoint;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.SourceType;

/**
 * The question Haneul exists to answer, asked of a real cluster: "can one custom endpoint serve as
 * both the cluster endpoint and the reader endpoint, and what does attaching future instances to a
 * custom endpoint mean?". One cluster (a writer and two readers, then a third) is shared by the
 * ordered steps, as a user would walk through it: the endpoints, a third reader, a failover under
 * load, a planned failover and a reboot with failover. AWS SDK v2 for the API; MariaDB
 * Connector/J and the {@code mariadb} client for the data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RdsWalkthroughIT {

    private static final Logger log = LoggerFactory.getLogger(RdsWalkthroughIT.class);
    private static final String CLUSTER = "demo";
    private static final int CONNECTIONS = 30;

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static RdsClient rds;
    /** {@code @@server_id} to instance identifier. */
    private static Map<Integer, String> serverIds;

    @BeforeAll
    static void createClusterWithAWriterAndTwoReaders() {
        rds = haneul.client(RdsClient.builder());
        long start = System.nanoTime();
        rds.createDBCluster(r -> r.dbClusterIdentifier(CLUSTER).engine("aurora-mysql")
                .masterUsername(RdsTestSupport.MASTER_USER).masterUserPassword(RdsTestSupport.MASTER_PASSWORD)
                .databaseName("app"));
        for (String id : List.of("demo-1", "demo-2", "demo-3")) {
            rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbClusterIdentifier(CLUSTER).engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
        }
        awaitClusterAvailable(rds, CLUSTER);
        awaitInstancesAvailable(rds, "demo-1", "demo-2", "demo-3");
        log.info("cluster with a writer and two readers available in {} ms",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @AfterAll
    static void closeClient() {
        if (rds != null) {
            rds.close();
        }
    }

    @Test
    @Order(1)
    void theFirstInstanceIsTheWriterAndEveryEndpointIsAnAddressOnTheClusterPort() throws Exception {
        var cluster = cluster(rds, CLUSTER);
        assertThat(writerOf(rds, CLUSTER)).isEqualTo("demo-1");
        assertThat(cluster.port()).isEqualTo(3306);
        assertThat(List.of(cluster.endpoint(), cluster.readerEndpoint(), instance(rds, "demo-1").endpoint().address(),
                instance(rds, "demo-2").endpoint().address())).doesNotHaveDuplicates().allMatch(a -> a.startsWith("127."));
        assertThat(instance(rds, "demo-2").endpoint().port()).isEqualTo(cluster.port());
        serverIds = RdsTestSupport.serverIds(rds, CLUSTER);
        assertThat(serverIds.values()).containsExactlyInAnyOrder("demo-1", "demo-2", "demo-3");
        List<DBClusterEndpoint> builtIn = rds.describeDBClusterEndpoints(r -> r.dbClusterIdentifier(CLUSTER))
                .dbClusterEndpoints();
        assertThat(builtIn).extracting(DBClusterEndpoint::endpointType).containsExactly("WRITER", "READER");
        assertThat(builtIn).extracting(DBClusterEndpoint::endpoint)
                .containsExactly(cluster.endpoint(), cluster.readerEndpoint());
        // Commits wait for a replica's acknowledgement once replicas are up; DescribeEvents says so.
        await().atMost(Duration.ofSeconds(30)).until(() -> rds.describeEvents(r -> r.sourceType(SourceType.DB_INSTANCE)
                .sourceIdentifier("demo-1")).events().stream()
                .anyMatch(e -> e.message().startsWith("Semi-synchronous replication on")));
    }

    @Test
    @Order(2)
    void customEndpointsServeWhatTheirListsAndTypeSay() throws Exception {
        rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier("static-readers")
                .endpointType("READER").staticMembers("demo-2"));
        rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier("all-but-3")
                .endpointType("ANY").excludedMembers("demo-3"));
        awaitEndpointAvailable(rds, "static-readers");
        awaitEndpointAvailable(rds, "all-but-3");
        var cluster = cluster(rds, CLUSTER);
        int port = cluster.port();

        Map<String, Integer> clusterHits = answers(cluster.endpoint(), port);
        Map<String, Integer> readerHits = answers(cluster.readerEndpoint(), port);
        Map<String, Integer> staticHits = answers(customEndpoint("static-readers").endpoint(), port);
        String any = customEndpoint("all-but-3").endpoint();
        Map<String, Integer> anyHits = answers(any, port);
        log.info("30 connections each: cluster {} reader {} static {} any {}", clusterHits, readerHits, staticHits,
                anyHits);

        assertThat(clusterHits).containsOnlyKeys("demo-1");
        assertThat(readerHits).containsOnlyKeys("demo-2", "demo-3");
        assertThat(staticHits).containsOnlyKeys("demo-2");
        assertThat(anyHits).containsOnlyKeys("demo-1", "demo-2");

        // Writes through the ANY endpoint: they succeed exactly where the connection landed on the writer.
        try (Connection writer = connect(cluster.endpoint(), port)) {
            execute(writer, "CREATE TABLE app.notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(40))");
        }
        int landedOnReader = 0;
        for (int i = 0; i < CONNECTIONS; i++) {
            try (Connection connection = connect(any, port)) {
                String answered = serverIds.get(Integer.parseInt(query(connection, "SELECT @@server_id")));
                SQLException failure = catchThrowableOfType(SQLException.class,
                        () -> execute(connection, "INSERT INTO app.notes (body) VALUES ('through any')"));
                if (answered.equals("demo-1")) {
                    assertThat((Throwable) failure).as("write on the writer through ANY").isNull();
                } else {
                    landedOnReader++;
                    assertThat((Throwable) failure).as("write on reader %s through ANY", answered).isNotNull();
                    assertThat(failure.getErrorCode()).isEqualTo(1290);
                    assertThat(failure.getSQLState()).isEqualTo("HY000");
                }
            }
        }
        assertThat(landedOnReader).isEqualTo(CONNECTIONS / 2);
        try (Connection writer = connect(cluster.endpoint(), port)) {
            assertThat(query(writer, "SELECT COUNT(*) FROM app.notes")).isEqualTo(Integer.toString(CONNECTIONS / 2));
        }
    }

    @Test
    @Order(3)
    void theMariadbClientSeesTheSameAndTheMasterUserCannotWriteOnAReader() throws Exception {
        Assumptions.assumeTrue(RdsTestSupport.hasMariadbClient(),
                "the mariadb command-line client is not installed");
        var cluster = cluster(rds, CLUSTER);
        var onWriter = RdsTestSupport.mariadbClient(cluster.endpoint(), cluster.port(), "SELECT @@report_host");
        assertThat(onWriter.output()).isEqualTo("demo-1");
        var onReader = RdsTestSupport.mariadbClient(cluster.readerEndpoint(), cluster.port(),
                "INSERT INTO app.notes (body) VALUES ('no')");
        assertThat(onReader.exitCode()).isNotZero();
        assertThat(onReader.output()).contains("ERROR 1290 (HY000)").contains("--read-only");
        var grants = RdsTestSupport.mariadbClient(cluster.endpoint(), cluster.port(), "SHOW GRANTS");
        assertThat(grants.output()).doesNotContain("SUPER").doesNotContain("READ_ONLY ADMIN").doesNotContain("ALL PRIVILEGES");
    }

    @Test
    @Order(4)
    void aThirdReaderIsSeededAndJoinsTheExclusionListEndpointButNotTheStaticOne() throws Exception {
        rds.createDBInstance(r -> r.dbInstanceIdentifier("demo-4").dbClusterIdentifier(CLUSTER).engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
        awaitInstancesAvailable(rds, "demo-4");
        serverIds = RdsTestSupport.serverIds(rds, CLUSTER);
        var cluster = cluster(rds, CLUSTER);
        var fourth = instance(rds, "demo-4");
        try (Connection connection = connect(fourth.endpoint().address(), fourth.endpoint().port())) {
            // Seeded from the writer's data before it served reads.
            assertThat(query(connection, "SELECT COUNT(*) FROM app.notes")).isEqualTo(Integer.toString(CONNECTIONS / 2));
        }
        assertThat(answers(customEndpoint("all-but-3").endpoint(), cluster.port()))
                .containsOnlyKeys("demo-1", "demo-2", "demo-4");
        assertThat(answers(customEndpoint("static-readers").endpoint(), cluster.port())).containsOnlyKeys("demo-2");
        assertThat(answers(cluster.readerEndpoint(), cluster.port())).containsOnlyKeys("demo-2", "demo-3", "demo-4");
    }

    @Test
    @Order(5)
    void modifyingAnEndpointReplacesItsListAndLeavesOpenConnectionsAlone() throws Exception {
        var cluster = cluster(rds, CLUSTER);
        String address = customEndpoint("static-readers").endpoint();
        try (Connection open = connect(address, cluster.port())) {
            assertThat(serverIds.get(Integer.parseInt(query(open, "SELECT @@server_id")))).isEqualTo("demo-2");
            rds.modifyDBClusterEndpoint(r -> r.dbClusterEndpointIdentifier("static-readers").staticMembers("demo-3"));
            awaitEndpointAvailable(rds, "static-readers");
            assertThat(answers(address, cluster.port())).containsOnlyKeys("demo-3");
            assertThat(serverIds.get(Integer.parseInt(query(open, "SELECT @@server_id")))).isEqualTo("demo-2");
        }
        DBClusterEndpoint modified = customEndpoint("static-readers");
        assertThat(modified.staticMembers()).containsExactly("demo-3");
        assertThat(modified.excludedMembers()).isEmpty();
    }

    @Test
    @Order(6)
    void aWriterCrashUnderInsertLoadFailsOverWithoutLosingAnAcknowledgedInsert() throws Exception {
        var cluster = cluster(rds, CLUSTER);
        String clusterEndpoint = cluster.endpoint();
        int port = cluster.port();
        try (Connection writer = connect(clusterEndpoint, port)) {
            execute(writer, "CREATE TABLE app.load (id BIGINT PRIMARY KEY, at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6))");
        }
        Set<Long> acknowledged = new ConcurrentSkipListSet<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstWriteAfterKill = new AtomicLong();
        Thread load = Thread.ofPlatform().name("insert-load").start(() -> {
            long next = 1;
            Connection connection = null;
            while (running.get()) {
                long id = next++;
                try {
                    if (connection == null) {
                        connection = connect(clusterEndpoint, port);
                    }
                    execute(connection, "INSERT INTO app.load (id) VALUES (" + id + ")");
                    acknowledged.add(id);
                    if (killedAt.get() != 0) {
                        firstWriteAfterKill.compareAndSet(0, System.nanoTime());
                    }
                } catch (SQLException e) {
                    closeQuietly(connection);
                    connection = null;
                    pause(20);
                }
            }
            closeQuietly(connection);
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 200);
            long pid = RdsTestSupport.enginePid(haneul.dataDir(), "demo-1");
            killedAt.set(System.nanoTime());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> firstWriteAfterKill.get() != 0);
            long failoverMillis = Duration.ofNanos(firstWriteAfterKill.get() - killedAt.get()).toMillis();
            log.info("writer killed; first acknowledged write through the cluster endpoint {} ms later", failoverMillis);
            assertThat(failoverMillis).as("kill to first write (target 3 s)").isLessThan(10_000);
            int afterFailover = acknowledged.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= afterFailover + 100);
        } finally {
            running.set(false);
            load.join();
        }
        String newWriter = writerOf(rds, CLUSTER);
        assertThat(newWriter).isNotEqualTo("demo-1");
        var promoted = instance(rds, newWriter);
        Set<Long> stored = new HashSet<>();
        try (Connection connection = connect(promoted.endpoint().address(), promoted.endpoint().port());
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT id FROM app.load")) {
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
        }
        log.info("{} inserts acknowledged, {} rows on the new writer {}", acknowledged.size(), stored.size(), newWriter);
        assertThat(stored).containsAll(acknowledged);

        List<Event> events = rds.describeEvents(r -> r.sourceType(SourceType.DB_CLUSTER).sourceIdentifier(CLUSTER))
                .events();
        assertThat(events).extracting(Event::message)
                .anySatisfy(m -> assertThat(m).matches("Completed failover to DB instance: " + newWriter + " in \\d+ ms"));

        // The old writer comes back as a reader, with everything.
        await().atMost(RdsTestSupport.DEADLINE).until(() -> instance(rds, "demo-1").dbInstanceStatus().equals("available"));
        var old = instance(rds, "demo-1");
        try (Connection connection = connect(old.endpoint().address(), old.endpoint().port())) {
            assertThat(query(connection, "SELECT @@read_only")).isEqualTo("1");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Long.parseLong(query(connection, "SELECT COUNT(*) FROM app.load")) >= stored.size());
        }
        assertThat(cluster(rds, CLUSTER).dbClusterMembers()).filteredOn(m -> m.dbInstanceIdentifier().equals("demo-1"))
                .singleElement().satisfies(m -> assertThat(m.isClusterWriter()).isFalse());
    }

    @Test
    @Order(7)
    void failoverToANamedTargetAndRebootWithForceFailover() throws Exception {
        awaitClusterAvailable(rds, CLUSTER);
        awaitInstancesAvailable(rds, "demo-1", "demo-2", "demo-3", "demo-4");
        var response = rds.failoverDBCluster(r -> r.dbClusterIdentifier(CLUSTER).targetDBInstanceIdentifier("demo-4"));
        assertThat(response.dbCluster().status()).isEqualTo("failing-over");
        awaitClusterAvailable(rds, CLUSTER);
        assertThat(writerOf(rds, CLUSTER)).isEqualTo("demo-4");
        var cluster = cluster(rds, CLUSTER);
        try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
            assertThat(query(writer, "SELECT @@report_host")).isEqualTo("demo-4");
            execute(writer, "INSERT INTO app.notes (body) VALUES ('after planned failover')");
        }

        awaitInstancesAvailable(rds, "demo-1", "demo-2", "demo-3", "demo-4");
        rds.rebootDBInstance(r -> r.dbInstanceIdentifier("demo-4").forceFailover(true));
        await().atMost(RdsTestSupport.DEADLINE).until(() -> !writerOf(rds, CLUSTER).equals("demo-4")
                && cluster(rds, CLUSTER).status().equals("available"));
        awaitInstancesAvailable(rds, "demo-4");
        cluster = cluster(rds, CLUSTER);
        try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
            assertThat(query(writer, "SELECT @@report_host")).isEqualTo(writerOf(rds, CLUSTER));
            assertThat(query(writer, "SELECT COUNT(*) FROM app.notes WHERE body = 'after planned failover'"))
                    .isEqualTo("1");
        }
    }

    @Test
    @Order(8)
    void aRebootedWriterStaysTheWriterAndACrashedReaderComesBack() throws Exception {
        awaitClusterAvailable(rds, CLUSTER);
        awaitInstancesAvailable(rds, "demo-1", "demo-2", "demo-3", "demo-4");
        String writer = writerOf(rds, CLUSTER);
        var rebooting = rds.rebootDBInstance(r -> r.dbInstanceIdentifier(writer)).dbInstance();
        assertThat(rebooting.dbInstanceStatus()).isEqualTo("rebooting");
        awaitInstancesAvailable(rds, writer);
        assertThat(writerOf(rds, CLUSTER)).isEqualTo(writer);
        var cluster = cluster(rds, CLUSTER);
        try (Connection connection = connect(cluster.endpoint(), cluster.port())) {
            assertThat(query(connection, "SELECT @@report_host")).isEqualTo(writer);
            execute(connection, "INSERT INTO app.notes (body) VALUES ('after reboot')");
        }

        String reader = cluster.dbClusterMembers().stream().map(m -> m.dbInstanceIdentifier())
                .filter(id -> !id.equals(writer)).findFirst().orElseThrow();
        long pid = RdsTestSupport.enginePid(haneul.dataDir(), reader);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        // The pid file is gone between the crash and the restart.
        await().atMost(RdsTestSupport.DEADLINE).ignoreException(NoSuchFileException.class).until(() -> {
            long now = RdsTestSupport.enginePid(haneul.dataDir(), reader);
            return now != pid && instance(rds, reader).dbInstanceStatus().equals("available");
        });
        var replica = instance(rds, reader);
        try (Connection connection = connect(replica.endpoint().address(), replica.endpoint().port())) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "1".equals(query(connection, "SELECT COUNT(*) FROM app.notes WHERE body = 'after reboot'")));
        }
        assertThat(rds.describeEvents(r -> r.sourceType(SourceType.DB_INSTANCE).sourceIdentifier(reader)).events())
                .extracting(Event::message).contains("DB instance engine exited unexpectedly", "DB instance restarted");
    }

    /** Opens {@link #CONNECTIONS} connections to {@code host} one after another; counts who answered. */
    private static Map<String, Integer> answers(String host, int port) throws SQLException {
        Map<String, Integer> hits = new HashMap<>();
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Connection connection = connect(host, port);
                open.add(connection);
                hits.merge(serverIds.get(Integer.parseInt(query(connection, "SELECT @@server_id"))), 1, Integer::sum);
            }
        } finally {
            open.forEach(RdsWalkthroughIT::closeQuietly);
        }
        return hits;
    }

    private static DBClusterEndpoint customEndpoint(String id) {
        return rds.describeDBClusterEndpoints(r -> r.dbClusterEndpointIdentifier(id)).dbClusterEndpoints().getFirst();
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing a test connection: {}", e.toString());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

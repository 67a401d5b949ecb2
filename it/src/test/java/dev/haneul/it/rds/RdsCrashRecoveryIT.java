package dev.haneul.it.rds;

import static dev.haneul.it.rds.RdsTestSupport.connect;
import static dev.haneul.it.rds.RdsTestSupport.execute;
import static dev.haneul.it.rds.RdsTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.SourceType;

/**
 * Issue 11, "crash recovery that keeps the cluster serving": a Haneul server in its own JVM is
 * killed with SIGKILL at a random moment of a random operation (create a reader, delete one,
 * fail over, reboot, change the master password), {@value #DEFAULT_KILLS} times, and started
 * again each time. After each restart:
 * <ul>
 *   <li>every instance that was healthy before the kill serves through its instance endpoint,
 *       and the cluster endpoint takes writes, within {@link #SERVING_WITHIN};</li>
 *   <li>the API never shows {@code available} for an instance whose endpoint does not answer;</li>
 *   <li>the interrupted operation finishes or rolls back: every instance ends {@code available}
 *       (none {@code failed}), and no write acknowledged before the kill is lost;</li>
 *   <li>no seed file is left behind.</li>
 * </ul>
 * {@code -Dhaneul.crash.kills=N} runs more or fewer kills. A second test kills Haneul exactly while a
 * reader's dump is on disk, as in the report.
 */
class RdsCrashRecoveryIT {

    static final int DEFAULT_KILLS = 20;
    static final int SEED_KILLS = 5;
    /** From the server answering its health check (its JVM up) to every healthy instance serving. */
    private static final Duration SERVING_WITHIN = Duration.ofSeconds(15);
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(180);
    private static final String CLUSTER = "crash";
    private static final List<String> PASSWORDS = List.of(RdsTestSupport.MASTER_PASSWORD, "secret98");

    private Path dataDir;
    private HaneulProcess server;
    private final Random random = new Random();
    private String password = RdsTestSupport.MASTER_PASSWORD;
    private int rows;
    private int nextReader = 2;

    @BeforeEach
    void startServer() throws Exception {
        dataDir = Files.createTempDirectory("haneul-rds-crash-");
        server = HaneulProcess.create(dataDir, Map.of()).start();
    }

    @AfterEach
    void stopServer() throws Exception {
        RdsTestSupport.stopAndDelete(server, dataDir);
    }

    @Test
    void everyKillLeavesTheClusterServingAndTheOperationFinishedOrRolledBack() throws Exception {
        int kills = Integer.getInteger("haneul.crash.kills", DEFAULT_KILLS);
        long seed = random.nextLong();
        random.setSeed(seed);
        try (RdsClient rds = client()) {
            rds.createDBCluster(r -> r.dbClusterIdentifier(CLUSTER).engine("aurora-mysql").masterUsername("admin")
                    .masterUserPassword(password).databaseName("app"));
            for (String id : List.of("crash-1", "crash-2")) {
                rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbClusterIdentifier(CLUSTER)
                        .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
            }
            awaitSettled(rds);
            try (Connection writer = writer(rds)) {
                execute(writer, "CREATE TABLE app.acked (id INT PRIMARY KEY)");
            }
        }
        Map<String, Integer> operations = new LinkedHashMap<>();
        List<Long> startMillis = new ArrayList<>();
        List<Long> servingMillis = new ArrayList<>();
        for (int kill = 1; kill <= kills; kill++) {
            List<String> healthy;
            String operation;
            try (RdsClient rds = client()) {
                writeAndAcknowledge(rds);
                operation = startRandomOperation(rds);
                healthy = healthyBesides(rds, operation);
                Thread.sleep(random.nextInt(2500));
            }
            operations.merge(operation.split(" ")[0], 1, Integer::sum);
            server.kill();
            long start = System.nanoTime();
            server.start();
            long up = System.nanoTime();
            startMillis.add(Duration.ofNanos(up - start).toMillis());
            try (RdsClient rds = client()) {
                awaitServing(rds, healthy, "after kill " + kill + " during " + operation + " (seed " + seed + ")");
                servingMillis.add(Duration.ofNanos(System.nanoTime() - up).toMillis());
                awaitSettled(rds);
                assertNothingLost(rds);
                assertNoSeedFiles();
            }
        }
        startMillis.sort(Comparator.naturalOrder());
        servingMillis.sort(Comparator.naturalOrder());
        System.out.printf("crash recovery: %d kills during %s; the server answered its health check %d ms (median) / "
                        + "%d ms (max) after the restart began, and every healthy instance served through its "
                        + "endpoints %d ms (median) / %d ms (max) after that; %d acknowledged rows kept%n", kills,
                operations, startMillis.get(startMillis.size() / 2), startMillis.getLast(),
                servingMillis.get(servingMillis.size() / 2), servingMillis.getLast(), rows);
    }

    /**
     * Issue 11's report exactly: Haneul killed while a new reader's dump ({@code seed.sql}) exists,
     * {@value #SEED_KILLS} times. Every time the writer and the other reader serve within seconds
     * and the new reader is seeded again from scratch and comes up.
     */
    @Test
    void aKillWhileAReaderIsSeededLeavesTheOthersServingAndTheReaderComesUp() throws Exception {
        try (RdsClient rds = client()) {
            rds.createDBCluster(r -> r.dbClusterIdentifier(CLUSTER).engine("aurora-mysql").masterUsername("admin")
                    .masterUserPassword(password).databaseName("app"));
            for (String id : List.of("crash-1", "crash-2")) {
                rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbClusterIdentifier(CLUSTER)
                        .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
            }
            awaitSettled(rds);
            try (Connection writer = writer(rds)) {
                execute(writer, "CREATE TABLE app.acked (id INT PRIMARY KEY)");
            }
        }
        List<Long> servingMillis = new ArrayList<>();
        for (int kill = 1; kill <= SEED_KILLS; kill++) {
            String reader = "crash-seeded-" + kill;
            try (RdsClient rds = client()) {
                writeAndAcknowledge(rds);
                rds.createDBInstance(r -> r.dbInstanceIdentifier(reader).dbClusterIdentifier(CLUSTER)
                        .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
            }
            Path dump = dataDir.resolve("engines/rds/000000000000-us-east-1").resolve(reader).resolve("seed.sql");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> Files.exists(dump));
            server.kill();
            server.start();
            long up = System.nanoTime();
            try (RdsClient rds = client()) {
                awaitServing(rds, List.of("crash-1", "crash-2"), "after a kill while " + reader + " was seeded");
                servingMillis.add(Duration.ofNanos(System.nanoTime() - up).toMillis());
                awaitSettled(rds);
                assertNothingLost(rds);
                assertNoSeedFiles();
                DBInstance seeded = RdsTestSupport.instance(rds, reader);
                try (Connection connection = connect(seeded.endpoint().address(), seeded.endpoint().port(), password)) {
                    assertThat(query(connection, "SELECT COUNT(*) FROM app.acked")).isEqualTo(Integer.toString(rows));
                }
                rds.deleteDBInstance(r -> r.dbInstanceIdentifier(reader));
                RdsTestSupport.awaitInstanceGone(rds, reader);
            }
        }
        servingMillis.sort(Comparator.naturalOrder());
        System.out.printf("crash recovery while seeding: %d kills with seed.sql on disk; writer and reader serving "
                + "%d ms (median) / %d ms (max) after the health check%n", SEED_KILLS,
                servingMillis.get(servingMillis.size() / 2), servingMillis.getLast());
    }

    /** Starts an operation the cluster's state allows; returns its description ("verb target"). */
    private String startRandomOperation(RdsClient rds) {
        List<DBInstance> instances = rds.describeDBInstances(r -> r.filters(f -> f.name("db-cluster-id")
                .values(CLUSTER))).dbInstances();
        String writer = RdsTestSupport.writerOf(rds, CLUSTER);
        List<String> readers = instances.stream().map(DBInstance::dbInstanceIdentifier)
                .filter(id -> !id.equals(writer)).toList();
        while (true) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (instances.size() < 4) {
                        String id = "crash-" + (++nextReader + 1);
                        rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbClusterIdentifier(CLUSTER)
                                .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
                        return "create " + id;
                    }
                }
                case 1 -> {
                    if (instances.size() > 2) {
                        List<String> all = instances.stream().map(DBInstance::dbInstanceIdentifier).toList();
                        String id = all.get(random.nextInt(all.size()));
                        rds.deleteDBInstance(r -> r.dbInstanceIdentifier(id));
                        return "delete " + id;
                    }
                }
                case 2 -> {
                    if (!readers.isEmpty()) {
                        String target = readers.get(random.nextInt(readers.size()));
                        rds.failoverDBCluster(r -> r.dbClusterIdentifier(CLUSTER).targetDBInstanceIdentifier(target));
                        return "failover " + target + " " + writer;
                    }
                }
                case 3 -> {
                    List<String> all = instances.stream().map(DBInstance::dbInstanceIdentifier).toList();
                    String id = all.get(random.nextInt(all.size()));
                    rds.rebootDBInstance(r -> r.dbInstanceIdentifier(id));
                    return "reboot " + id;
                }
                default -> {
                    String next = PASSWORDS.get(1 - PASSWORDS.indexOf(password));
                    rds.modifyDBCluster(r -> r.dbClusterIdentifier(CLUSTER).masterUserPassword(next)
                            .applyImmediately(true));
                    password = next;
                    return "modify " + CLUSTER;
                }
            }
        }
    }

    /**
     * The instances the operation does not touch, which must serve again within seconds whatever
     * the moment of the kill: all but the one created, deleted or rebooted, or but the two whose
     * roles a failover swaps; all of them for a password change.
     */
    private static List<String> healthyBesides(RdsClient rds, String operation) {
        List<String> touched = operation.startsWith("modify") ? List.of()
                : List.of(operation.split(" ")).subList(1, operation.split(" ").length);
        return rds.describeDBInstances(r -> r.filters(f -> f.name("db-cluster-id").values(CLUSTER))).dbInstances()
                .stream().map(DBInstance::dbInstanceIdentifier).filter(id -> !touched.contains(id)).toList();
    }

    /**
     * Within {@link #SERVING_WITHIN}: the cluster endpoint takes a write and every instance in
     * {@code healthy} answers on its endpoint. Meanwhile, whatever the API shows {@code available}
     * answers too.
     */
    private void awaitServing(RdsClient rds, List<String> healthy, String when) {
        List<String> shownButSilent = new ArrayList<>();
        await(when).atMost(SERVING_WITHIN).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            for (DBInstance instance : rds.describeDBInstances(r -> r.filters(f -> f.name("db-cluster-id")
                    .values(CLUSTER))).dbInstances()) {
                if (instance.dbInstanceStatus().equals("available")) {
                    answers(instance).ifPresent(problem -> shownButSilent.add(instance.dbInstanceIdentifier()
                            + " shown available but " + problem));
                }
            }
            try (Connection writer = writer(rds)) {
                execute(writer, "SELECT 1 FROM app.acked LIMIT 1");
            }
            for (String id : healthy) {
                DBInstance instance = RdsTestSupport.instance(rds, id);
                try (Connection connection = connectWithEitherPassword(instance.endpoint().address(),
                        instance.endpoint().port())) {
                    query(connection, "SELECT 1");
                }
            }
            return true;
        });
        assertThat(shownButSilent).as("instances the API showed available %s", when).isEmpty();
    }

    /** Why the instance's endpoint does not answer, if it does not. */
    private Optional<String> answers(DBInstance instance) {
        try (Connection connection = connectWithEitherPassword(instance.endpoint().address(),
                instance.endpoint().port())) {
            query(connection, "SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("does not answer: " + e.getMessage());
        }
    }

    private Connection connectWithEitherPassword(String host, int port) throws SQLException {
        try {
            return connect(host, port, password);
        } catch (SQLException e) {
            if (e.getErrorCode() != 1045) {
                throw e;
            }
            return connect(host, port, PASSWORDS.get(1 - PASSWORDS.indexOf(password)));
        }
    }

    /** Every instance and the cluster available, none failed; fails at once with its events when one failed. */
    private void awaitSettled(RdsClient rds) {
        await().atMost(SETTLED_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            DBCluster cluster = RdsTestSupport.cluster(rds, CLUSTER);
            boolean settled = cluster.status().equals("available");
            for (DBInstance instance : rds.describeDBInstances(r -> r.filters(f -> f.name("db-cluster-id")
                    .values(CLUSTER))).dbInstances()) {
                if (instance.dbInstanceStatus().equals("failed")) {
                    throw new AssertionError(instance.dbInstanceIdentifier() + " failed: " + rds.describeEvents(r -> r
                            .sourceIdentifier(instance.dbInstanceIdentifier()).sourceType(SourceType.DB_INSTANCE)
                            .duration(60)).events().stream().map(Event::message).toList());
                }
                settled &= instance.dbInstanceStatus().equals("available");
            }
            return settled;
        });
    }

    private Connection writer(RdsClient rds) throws SQLException {
        DBCluster cluster = RdsTestSupport.cluster(rds, CLUSTER);
        return connectWithEitherPassword(cluster.endpoint(), cluster.port());
    }

    /** One more row, acknowledged by the writer before anything else happens. */
    private void writeAndAcknowledge(RdsClient rds) throws SQLException {
        try (Connection writer = writer(rds)) {
            execute(writer, "INSERT INTO app.acked VALUES (" + (rows + 1) + ")");
            rows++;
        }
    }

    private void assertNothingLost(RdsClient rds) throws SQLException {
        try (Connection writer = writer(rds)) {
            assertThat(query(writer, "SELECT COUNT(*) FROM app.acked")).as("acknowledged rows").isEqualTo(
                    Integer.toString(rows));
        }
        try (Connection connection = connect(RdsTestSupport.cluster(rds, CLUSTER).endpoint(),
                RdsTestSupport.cluster(rds, CLUSTER).port(), password)) {
            query(connection, "SELECT 1"); // the password set last is the one in force
        }
    }

    private void assertNoSeedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("engines"))) {
            assertThat(files.map(p -> p.getFileName().toString())
                    .filter(name -> name.equals("seed.sql") || name.equals("seed-client.cnf")).toList())
                    .as("seed files left behind").isEmpty();
        }
    }

    private RdsClient client() {
        return RdsTestSupport.client(server);
    }
}

package dev.haneul.it.rds;

import static dev.haneul.it.rds.RdsTestSupport.awaitInstancesAvailable;
import static dev.haneul.it.rds.RdsTestSupport.cluster;
import static dev.haneul.it.rds.RdsTestSupport.connect;
import static dev.haneul.it.rds.RdsTestSupport.execute;
import static dev.haneul.it.rds.RdsTestSupport.instance;
import static dev.haneul.it.rds.RdsTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.SourceType;

/**
 * Issue 11, "replicas that always seed": in one cluster whose writer takes {@link SchemaChurn},
 * creates a reader, waits until it is {@code available} (failing at once, with its events, if it
 * fails), quiets the load and checks that the reader holds exactly the writer's tables
 * (definitions and {@code CHECKSUM TABLE}), that replication still runs (a later write arrives),
 * and that no seed had to be retried or rebuilt; then deletes the reader and goes again.
 */
final class SeedingUnderChurn {

    private static final Duration AVAILABLE_WITHIN = Duration.ofSeconds(90);

    private SeedingUnderChurn() {}

    /** Runs {@code iterations} rounds in a new cluster {@code clusterId}; returns how many passed (all, or it throws). */
    static int run(RdsClient rds, String clusterId, int iterations) throws Exception {
        rds.createDBCluster(r -> r.dbClusterIdentifier(clusterId).engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword(RdsTestSupport.MASTER_PASSWORD).databaseName("app"));
        String writerId = clusterId + "-w";
        rds.createDBInstance(r -> r.dbInstanceIdentifier(writerId).dbClusterIdentifier(clusterId)
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
        awaitInstancesAvailable(rds, writerId);
        var cluster = cluster(rds, clusterId);
        DBInstance writer = instance(rds, writerId);
        int passed = 0;
        Instant start = Instant.now();
        try (SchemaChurn churn = new SchemaChurn(cluster.endpoint(), cluster.port()).start();
             Connection writerConnection = connect(writer.endpoint().address(), writer.endpoint().port())) {
            for (int i = 1; i <= iterations; i++) {
                String readerId = clusterId + "-r" + i;
                rds.createDBInstance(r -> r.dbInstanceIdentifier(readerId).dbClusterIdentifier(clusterId)
                        .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
                DBInstance reader = awaitAvailable(rds, readerId);
                churn.check();
                churn.pause();
                try (Connection readerConnection = connect(reader.endpoint().address(), reader.endpoint().port())) {
                    assertSameData(writerConnection, readerConnection, readerId);
                    execute(writerConnection, "CREATE TABLE IF NOT EXISTS app.marker (id INT PRIMARY KEY)");
                    execute(writerConnection, "INSERT INTO app.marker VALUES (" + i + ")");
                    assertCaughtUp(writerConnection, readerConnection, readerId);
                    assertThat(query(readerConnection, "SELECT COUNT(*) FROM app.marker WHERE id = " + i))
                            .as("a write after the seed reaches %s", readerId).isEqualTo("1");
                } finally {
                    churn.resume();
                }
                assertThat(problems(rds, readerId)).as("events of %s", readerId).isEmpty();
                rds.deleteDBInstance(r -> r.dbInstanceIdentifier(readerId));
                passed++;
            }
            churn.check();
            RdsTestSupport.awaitInstanceGone(rds, clusterId + "-r" + iterations);
            System.out.printf("seeding under churn (%s): %d/%d readers matched their writer in %s; load ran %d DDL "
                            + "and %d DML statements%n", clusterId, passed, iterations,
                    Duration.between(start, Instant.now()), churn.ddlStatements(), churn.dmlStatements());
            assertThat(churn.ddlStatements()).as("DDL ran throughout").isGreaterThan(iterations * 10L);
        }
        return passed;
    }

    private static DBInstance awaitAvailable(RdsClient rds, String id) throws InterruptedException {
        long deadline = System.nanoTime() + AVAILABLE_WITHIN.toNanos();
        while (true) {
            DBInstance instance = instance(rds, id);
            switch (instance.dbInstanceStatus()) {
                case "available" -> {
                    return instance;
                }
                case "failed" -> throw new AssertionError(id + " failed: " + events(rds, id));
                default -> {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(id + " still " + instance.dbInstanceStatus() + " after "
                                + AVAILABLE_WITHIN + ": " + events(rds, id));
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    private static List<String> events(RdsClient rds, String id) {
        return rds.describeEvents(r -> r.sourceIdentifier(id).sourceType(SourceType.DB_INSTANCE).duration(60))
                .events().stream().map(Event::message).toList();
    }

    /** Events that say a seed went wrong: a retry, a rebuild or a failure. */
    private static List<String> problems(RdsClient rds, String id) {
        return events(rds, id).stream()
                .filter(m -> m.contains("failed") || m.contains("rebuilt") || m.contains("retrying")).toList();
    }

    private static void assertCaughtUp(Connection writer, Connection reader, String readerId) throws SQLException {
        String position = query(writer, "SELECT @@gtid_binlog_pos");
        assertThat(query(reader, "SELECT MASTER_GTID_WAIT('" + position + "', 30)"))
                .as("%s applies the writer's position %s", readerId, position).isEqualTo("0");
    }

    private static void assertSameData(Connection writer, Connection reader, String readerId) throws SQLException {
        assertCaughtUp(writer, reader, readerId);
        Map<String, String> expected = tables(writer);
        assertThat(tables(reader)).as("tables, definitions and checksums of %s", readerId)
                .containsExactlyEntriesOf(expected);
    }

    /** Each table of {@code app}: its definition and its checksum. */
    private static Map<String, String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'app' ORDER BY table_name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        Map<String, String> tables = new LinkedHashMap<>();
        for (String name : names) {
            String definition;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW CREATE TABLE app." + name)) {
                rows.next();
                definition = rows.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", "");
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("CHECKSUM TABLE app." + name)) {
                rows.next();
                tables.put(name, definition + " checksum " + rows.getString(2));
            }
        }
        return tables;
    }
}

package dev.haneul.it.rds;

import static dev.haneul.it.rds.RdsTestSupport.awaitInstancesAvailable;
import static dev.haneul.it.rds.RdsTestSupport.cluster;
import static dev.haneul.it.rds.RdsTestSupport.connect;
import static dev.haneul.it.rds.RdsTestSupport.execute;
import static dev.haneul.it.rds.RdsTestSupport.instance;
import static dev.haneul.it.rds.RdsTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulExtension;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.SourceType;

/**
 * Issue 11: an instance Haneul cannot set up ends {@code failed} only after its retries, with
 * the reason in its events; a {@code failed} instance refuses changes but accepts a reboot, which
 * repairs it once the cause is gone. The cause here is the user's: a view whose table was dropped,
 * which {@code mariadb-dump} cannot dump, so no reader can be seeded.
 */
class RdsFailedInstanceIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void aFailedReaderSaysWhyRefusesChangesAndIsRepairedByAReboot() throws Exception {
        try (RdsClient rds = haneul.client(RdsClient.builder())) {
            rds.createDBCluster(r -> r.dbClusterIdentifier("f").engine("aurora-mysql").masterUsername("admin")
                    .masterUserPassword(RdsTestSupport.MASTER_PASSWORD).databaseName("app"));
            rds.createDBInstance(r -> r.dbInstanceIdentifier("f-1").dbClusterIdentifier("f").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
            awaitInstancesAvailable(rds, "f-1");
            var cluster = cluster(rds, "f");
            try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
                execute(writer, "CREATE TABLE app.t (id INT PRIMARY KEY)");
                execute(writer, "INSERT INTO app.t VALUES (1)");
                execute(writer, "CREATE TABLE app.gone (id INT)");
                execute(writer, "CREATE VIEW app.broken AS SELECT id FROM app.gone");
                execute(writer, "DROP TABLE app.gone");
            }

            rds.createDBInstance(r -> r.dbInstanceIdentifier("f-2").dbClusterIdentifier("f").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> instance(rds, "f-2").dbInstanceStatus().equals("failed"));
            List<String> events = events(rds, "f-2");
            assertThat(events).as("each retry is an event").filteredOn(m -> m.startsWith("Seeding from the writer failed"))
                    .hasSize(4);
            assertThat(events.getLast()).startsWith("DB instance failed: ").contains("1356");

            InvalidDbInstanceStateException refused = catchThrowableOfType(InvalidDbInstanceStateException.class,
                    () -> rds.modifyDBInstance(r -> r.dbInstanceIdentifier("f-2").promotionTier(3)));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidDBInstanceState");

            try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
                execute(writer, "DROP VIEW app.broken");
            }
            assertThat(rds.rebootDBInstance(r -> r.dbInstanceIdentifier("f-2")).dbInstance().dbInstanceStatus())
                    .isEqualTo("rebooting");
            awaitInstancesAvailable(rds, "f-2");
            var reader = instance(rds, "f-2");
            try (Connection connection = connect(reader.endpoint().address(), reader.endpoint().port())) {
                assertThat(query(connection, "SELECT COUNT(*) FROM app.t")).isEqualTo("1");
            }
            assertThat(events(rds, "f-2")).anyMatch(m -> m.startsWith("DB instance rebuilt from the writer"));
        }
    }

    private static List<String> events(RdsClient rds, String id) {
        return rds.describeEvents(r -> r.sourceIdentifier(id).sourceType(SourceType.DB_INSTANCE).duration(60))
                .events().stream().map(Event::message).toList();
    }
}

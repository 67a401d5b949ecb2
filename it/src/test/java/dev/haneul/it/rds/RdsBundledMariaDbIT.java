package dev.haneul.it.rds;

import static dev.haneul.it.rds.RdsTestSupport.awaitClusterAvailable;
import static dev.haneul.it.rds.RdsTestSupport.awaitInstancesAvailable;
import static dev.haneul.it.rds.RdsTestSupport.cluster;
import static dev.haneul.it.rds.RdsTestSupport.connect;
import static dev.haneul.it.rds.RdsTestSupport.execute;
import static dev.haneul.it.rds.RdsTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.engine.BinarySource;
import dev.haneul.core.engine.EngineResolver;
import dev.haneul.core.engine.EngineUnavailableException;
import dev.haneul.core.engine.MariaDbBinaries;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The same guarantees on the MariaDB 11.4 bundled in the Maven artifact as on the system's 10.11
 * (which the other RDS tests use when it is installed): replication and seeding, and a master user
 * who cannot write on a replica (error 1290) because it holds neither {@code SUPER} nor
 * {@code READ_ONLY ADMIN}.
 */
class RdsBundledMariaDbIT {

    /** Why the bundled MariaDB cannot be used here, or {@code null} when it can. */
    private static String unavailable;

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().with("HANEUL_MARIADB_HOME", bundledHome());

    @Test
    void theMasterUserCannotWriteOnAReplicaOfTheBundledMariaDb() throws Exception {
        Assumptions.assumeTrue(unavailable == null, () -> "bundled MariaDB unavailable: " + unavailable);
        try (RdsClient rds = haneul.client(RdsClient.builder())) {
            rds.createDBCluster(r -> r.dbClusterIdentifier("b").engine("aurora-mysql").masterUsername("admin")
                    .masterUserPassword(RdsTestSupport.MASTER_PASSWORD).databaseName("app"));
            rds.createDBInstance(r -> r.dbInstanceIdentifier("b-1").dbClusterIdentifier("b").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
            awaitInstancesAvailable(rds, "b-1");
            var cluster = cluster(rds, "b");
            try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
                assertThat(query(writer, "SELECT VERSION()")).startsWith("11.4.");
                execute(writer, "CREATE TABLE app.t (id INT PRIMARY KEY)");
                execute(writer, "INSERT INTO app.t VALUES (1)");
            }
            // A replica joining a cluster that holds data is seeded from the writer.
            rds.createDBInstance(r -> r.dbInstanceIdentifier("b-2").dbClusterIdentifier("b").engine("aurora-mysql")
                    .dbInstanceClass("db.r6g.large"));
            awaitClusterAvailable(rds, "b");
            awaitInstancesAvailable(rds, "b-2");
            try (Connection writer = connect(cluster.endpoint(), cluster.port())) {
                execute(writer, "INSERT INTO app.t VALUES (2)");
            }
            try (Connection reader = connect(cluster.readerEndpoint(), cluster.port())) {
                assertThat(query(reader, "SELECT @@report_host")).isEqualTo("b-2");
                await().atMost(Duration.ofSeconds(30)).until(() -> query(reader, "SELECT COUNT(*) FROM app.t").equals("2"));
                SQLException refused = catchThrowableOfType(SQLException.class,
                        () -> execute(reader, "INSERT INTO app.t VALUES (3)"));
                assertThat(refused.getErrorCode()).isEqualTo(1290);
                SQLException notAllowed = catchThrowableOfType(SQLException.class,
                        () -> execute(reader, "SET GLOBAL read_only = OFF"));
                assertThat(notAllowed.getErrorCode()).isEqualTo(1227);
            }
        }
    }

    /**
     * Issue 11 on 11.4: readers seeded while the writer takes fast DDL and DML match it (the
     * backup lock and the dump's snapshot position behave as on 10.11). See {@link SeedingUnderChurn}.
     */
    @Test
    void readersSeededUnderSchemaChurnMatchTheirWriterOnTheBundledMariaDb() throws Exception {
        Assumptions.assumeTrue(unavailable == null, () -> "bundled MariaDB unavailable: " + unavailable);
        int iterations = Integer.getInteger("haneul.seeding.bundled.iterations", 5);
        try (RdsClient rds = haneul.client(RdsClient.builder())) {
            assertThat(SeedingUnderChurn.run(rds, "bchurn", iterations)).isEqualTo(iterations);
        }
    }

    /** The unpacked bundled MariaDB; blank (the system's, unused) when it is unavailable. */
    private static String bundledHome() {
        try {
            EngineResolver resolver = new EngineResolver(EngineResolver.defaultCacheDir(System.getenv()), Map.of(),
                    EnumSet.of(BinarySource.BUNDLED));
            MariaDbBinaries binaries = resolver.mariaDb();
            return binaries.baseDir().orElseThrow().toString();
        } catch (EngineUnavailableException e) {
            unavailable = e.getMessage().lines().findFirst().orElse("");
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

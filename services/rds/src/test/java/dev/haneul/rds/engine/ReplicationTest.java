package dev.haneul.rds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.engine.EngineResolver;
import dev.haneul.core.engine.EngineUnavailableException;
import dev.haneul.core.process.ProcessListener;
import dev.haneul.core.process.ProcessSupervisor;
import dev.haneul.rds.model.PasswordHash;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replication primitives on two real {@code mariadbd}: seeding a replica from a writer that
 * holds data, promotion, telling an old writer that committed what the new writer never received
 * (diverged) from one that did not, and rebuilding the diverged one from the new writer.
 */
class ReplicationTest {

    private static final ProcessListener NO_LISTENER = new ProcessListener() { };
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private ProcessSupervisor supervisor;
    private InstanceEngine a;
    private InstanceEngine b;

    @BeforeEach
    void startTwoEngines() throws Exception {
        EngineResolver engines = EngineResolver.fromEnvironment(System.getenv());
        try {
            engines.mariaDb();
        } catch (EngineUnavailableException e) {
            Assumptions.abort("MariaDB unavailable: " + e.getMessage().lines().findFirst().orElse(""));
        }
        supervisor = new ProcessSupervisor();
        EngineHost host = new EngineHost(supervisor, engines);
        a = new InstanceEngine("rds/a", "test/a", "a", 1, tmp.resolve("a"), "adminpw", host);
        b = new InstanceEngine("rds/b", "test/b", "b", 2, tmp.resolve("b"), "adminpw", host);
        assertThat(a.start(NO_LISTENER)).as("a new data dir").isTrue();
        b.start(NO_LISTENER);
        a.makeWriter();
        a.initializeCluster("admin", PasswordHash.of("secret99"), "app");
        try (Sql sql = a.admin()) {
            sql.execute("CREATE TABLE app.t (id INT PRIMARY KEY)", "INSERT INTO app.t VALUES (1)");
        }
    }

    @AfterEach
    void stopEngines() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void aSeededReplicaReplicatesAndAnOldWriterWithExtraCommitsIsRebuilt() throws Exception {
        GtidPosition seeded = Seeder.seed(a, b);
        assertThat(seeded.isEmpty()).isFalse();
        assertThat(b.dir().resolve(Seeder.DUMP_FILE)).as("the dump is deleted after the seed").doesNotExist();
        assertThat(b.dir().resolve(Seeder.OPTIONS_FILE)).as("and so are the credentials").doesNotExist();
        assertThat(Seeder.interrupted(b.dir())).isFalse();
        b.replicateFrom(a);
        assertThat(b.awaitApplied(a.currentPosition(), WAIT)).isTrue();
        assertThat(count(b)).isEqualTo(1);
        assertThat(b.replicatesFrom(a)).isTrue();

        // The writer commits something no replica receives, then "dies": b takes over.
        try (Sql sql = b.admin()) {
            sql.execute("STOP SLAVE");
        }
        try (Sql sql = a.admin()) {
            sql.execute("INSERT INTO app.t VALUES (2)");
        }
        GtidPosition promotion = b.promote();
        try (Sql sql = b.admin()) {
            sql.execute("INSERT INTO app.t VALUES (3)");
        }
        assertThat(a.divergedSince(promotion)).isTrue();
        assertThat(b.divergedSince(promotion)).as("the new writer's own commits come after its promotion").isTrue();

        // Rebuilt from the new writer: its history, not the lost commit.
        a.wipeData();
        assertThat(a.start(NO_LISTENER)).isTrue();
        Seeder.seed(b, a);
        a.replicateFrom(b);
        try (Sql sql = b.admin()) {
            sql.execute("INSERT INTO app.t VALUES (4)");
        }
        assertThat(a.awaitApplied(b.currentPosition(), WAIT)).isTrue();
        try (Sql sql = a.admin()) {
            assertThat(sql.column("SELECT id FROM app.t ORDER BY id")).containsExactly("1", "3", "4");
            assertThat(sql.value("SELECT @@read_only")).isEqualTo("1");
        }
        assertThat(a.divergedSince(b.currentPosition())).isFalse();
    }

    @Test
    void aCleanOldWriterRejoinsWithoutRebuild() throws Exception {
        Seeder.seed(a, b);
        b.replicateFrom(a);
        assertThat(b.awaitApplied(a.currentPosition(), WAIT)).isTrue();
        a.setReadOnly();
        GtidPosition promotion = b.promote();
        assertThat(a.divergedSince(promotion)).isFalse();
        a.replicateFrom(b);
        try (Sql sql = b.admin()) {
            sql.execute("INSERT INTO app.t VALUES (5)");
        }
        assertThat(a.awaitApplied(b.currentPosition(), WAIT)).isTrue();
        assertThat(count(a)).isEqualTo(2);
        assertThat(a.replicaStatus().broken()).isFalse();
    }

    private static int count(InstanceEngine engine) throws SQLException {
        try (Sql sql = engine.admin()) {
            return Integer.parseInt(sql.value("SELECT COUNT(*) FROM app.t"));
        }
    }
}

package dev.haneul.lab;

import dev.haneul.core.engine.EngineResolver;
import dev.haneul.core.engine.MariaDbConfig;
import dev.haneul.core.engine.MariaDbServer;
import dev.haneul.core.process.ProcessSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The migration lab's "on-premises MySQL": a {@code mariadbd} of the lab's own, outside any AWS
 * service, started with Haneul's engine launcher in {@code <data dir>/labs/migration-source}
 * (account {@code root} without a password on 127.0.0.1, as the launcher's template makes it).
 * Stopped and its directory removed by {@link #close()}; one left by a killed run is stopped and
 * removed by {@link #start}.
 */
final class SourceDatabase implements AutoCloseable {

    static final String USER = "root";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ProcessSupervisor supervisor;
    private final MariaDbServer server;
    private final Path dir;

    private SourceDatabase(ProcessSupervisor supervisor, MariaDbServer server, Path dir) {
        this.supervisor = supervisor;
        this.server = server;
        this.dir = dir;
    }

    /** Starts a fresh source database in {@code dir}, after stopping and removing what an earlier run left there. */
    static SourceDatabase start(Path dir) throws IOException, InterruptedException {
        ProcessSupervisor.stopOrphans(dir, STOP_TIMEOUT);
        deleteTree(dir);
        ProcessSupervisor supervisor = new ProcessSupervisor();
        try {
            MariaDbServer server = MariaDbServer.start(supervisor, EngineResolver.fromEnvironment(System.getenv()),
                    MariaDbConfig.builder("lab-migration-source", dir)
                            // A dedicated server that is filled in bulk: room for the data, and the
                            // redo log flushed once a second rather than at every batch's commit.
                            .option("innodb_buffer_pool_size", "256M")
                            .option("innodb_flush_log_at_trx_commit", "2")
                            .build());
            return new SourceDatabase(supervisor, server, dir);
        } catch (IOException | InterruptedException | RuntimeException e) {
            supervisor.close();
            throw e;
        }
    }

    String host() {
        return server.host();
    }

    int port() {
        return server.port();
    }

    /** A connection as {@code root}, no database selected. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + host() + ":" + port() + "/?socketTimeout=600000", USER, "");
    }

    @Override
    public void close() {
        supervisor.close();
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

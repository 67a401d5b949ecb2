package dev.haneul.examples.board;

import static org.awaitility.Awaitility.await;

import dev.haneul.core.engine.EngineResolver;
import dev.haneul.core.engine.MariaDbConfig;
import dev.haneul.core.engine.MariaDbServer;
import dev.haneul.core.engine.RedisConfig;
import dev.haneul.core.engine.RedisServer;
import dev.haneul.core.process.ProcessSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What the board stands on in the tests, as real processes: a MariaDB writer and a MariaDB reader
 * replicating from it (GTID, row binlog), each answering {@code @@report_host} with its own name
 * as Haneul's DB instances do, and a Redis with a password. Started once for the whole test run by
 * {@link Extension} (Haneul's launchers from {@code haneul-core}, each in its own directory under
 * {@code target/}), stopped when the run ends.
 *
 * <p>The board connects straight to the engines: writer and reader play the cluster and reader
 * endpoints, which the footer tells apart by their {@code report_host}.
 */
final class Backends implements AutoCloseable {

    static final String WRITER_NAME = "db-writer";
    static final String READER_NAME = "db-reader";
    static final String DB_USER = "board";
    static final String DB_PASSWORD = "board-secret";
    static final String REDIS_PASSWORD = "redis-secret";
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Path dir;
    private final ProcessSupervisor supervisor = new ProcessSupervisor();
    private final EngineResolver engines = EngineResolver.fromEnvironment(System.getenv());
    private final Map<String, BoardInstance> apps = new LinkedHashMap<>();
    private MariaDbServer writer;
    private MariaDbServer reader;
    private RedisServer redis;

    private Backends(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        writer = MariaDbServer.start(supervisor, engines, writerConfig(0));
        reader = MariaDbServer.start(supervisor, engines, MariaDbConfig.builder(READER_NAME, dir.resolve(READER_NAME))
                .option("server_id", "2")
                .option("report_host", READER_NAME)
                .option("read_only", "ON")
                .option("relay_log", "relay")
                .build());
        redis = RedisServer.start(supervisor, engines, redisConfig(0));
        execute(reader, "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + writer.port()
                + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1",
                "START SLAVE");
        // Made on the writer after replication started, so the reader has the account too.
        execute(writer, "CREATE USER '" + DB_USER + "'@'127.0.0.1' IDENTIFIED BY '" + DB_PASSWORD + "'",
                "GRANT ALL ON board.* TO '" + DB_USER + "'@'127.0.0.1'");
        awaitReplicaCaughtUp();
    }

    private MariaDbConfig writerConfig(int port) {
        return MariaDbConfig.builder(WRITER_NAME, dir.resolve(WRITER_NAME))
                .port(port)
                .option("server_id", "1")
                .option("report_host", WRITER_NAME)
                .option("log_bin", "binlog")
                .option("binlog_format", "ROW")
                .build();
    }

    private RedisConfig redisConfig(int port) {
        // An append-only file, so that a restart keeps the sessions (a failover to a replica would).
        return RedisConfig.builder("redis", dir.resolve("redis")).port(port).requirePass(REDIS_PASSWORD)
                .appendOnly(true).build();
    }

    /**
     * The app instance called {@code name}, started on first use with these backends' settings plus
     * {@code overrides} and shared by every test class after that (a Spring context takes seconds to
     * start); stopped at the end of the run, before the backends. Tests leave it as they found it.
     */
    synchronized BoardInstance app(String name, Map<String, String> overrides) {
        return apps.computeIfAbsent(name, key -> BoardInstance.start(name, this, overrides));
    }

    /** A board instance with sessions in Redis. */
    BoardInstance app(String name) {
        return app(name, Map.of());
    }

    /** A board instance with sessions in its own memory, and no Redis to talk to (port 1: nothing listens). */
    BoardInstance memoryApp(String name) {
        return app(name, Map.of("BOARD_SESSION_STORE", "memory", "SPRING_DATA_REDIS_PORT", "1"));
    }

    /** The board's configuration for these backends, by the environment variables' names. */
    Map<String, String> boardSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("BOARD_DB_WRITER_HOST", "127.0.0.1");
        settings.put("BOARD_DB_WRITER_PORT", Integer.toString(writer.port()));
        settings.put("BOARD_DB_READER_HOST", "127.0.0.1");
        settings.put("BOARD_DB_READER_PORT", Integer.toString(reader.port()));
        settings.put("BOARD_DB_NAME", "board");
        settings.put("BOARD_DB_USER", DB_USER);
        settings.put("BOARD_DB_PASSWORD", DB_PASSWORD);
        settings.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
        settings.put("SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()));
        settings.put("SPRING_DATA_REDIS_PASSWORD", REDIS_PASSWORD);
        return settings;
    }

    // ---- replica lag on demand ----

    /** Stops applying replicated changes on the reader: what the writer commits now is not on the reader. */
    void pauseReplication() {
        execute(reader, "STOP SLAVE SQL_THREAD");
    }

    void resumeReplication() {
        execute(reader, "START SLAVE SQL_THREAD");
        awaitReplicaCaughtUp();
    }

    void awaitReplicaCaughtUp() {
        await().atMost(WAIT).until(() -> query(writer, "SELECT @@gtid_binlog_pos")
                .equals(query(reader, "SELECT @@gtid_slave_pos")));
    }

    // ---- failures ----

    /** Stops the writer (SIGTERM: it closes every client connection) and starts it again on the same port and data. */
    void restartWriter() throws IOException, InterruptedException {
        stopWriter();
        startWriter();
    }

    void stopWriter() {
        writer.stop();
    }

    void startWriter() throws IOException, InterruptedException {
        writer = MariaDbServer.start(supervisor, engines, writerConfig(writer.port()));
        awaitReplicaCaughtUp();
    }

    void stopRedis() {
        redis.stop();
    }

    void startRedis() throws IOException, InterruptedException {
        redis = RedisServer.start(supervisor, engines, redisConfig(redis.port()));
    }

    // ---- SQL as root ----

    static void execute(MariaDbServer server, String... statements) {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(server.name() + " - " + e.getMessage(), e);
        }
    }

    static String query(MariaDbServer server, String sql) {
        try (Connection connection = connect(server); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? String.valueOf(rs.getString(1)) : "";
        } catch (SQLException e) {
            throw new IllegalStateException(server.name() + " - " + e.getMessage(), e);
        }
    }

    private static Connection connect(MariaDbServer server) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?user=root&connectTimeout=2000");
    }

    MariaDbServer writer() {
        return writer;
    }

    MariaDbServer reader() {
        return reader;
    }

    @Override
    public void close() throws IOException {
        apps.values().forEach(BoardInstance::close);
        supervisor.close();
        ProcessSupervisor.stopOrphans(dir, Duration.ofSeconds(10));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Hands the one {@link Backends} of the test run to any test method or lifecycle method that
     * declares a parameter of that type; the run's end closes it.
     */
    static final class Extension implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Backends.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Backends.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(Backends.class, key -> start(), Holder.class).backends;
        }

        private static Holder start() {
            try {
                Path target = Path.of("target").toAbsolutePath();
                Files.createDirectories(target);
                return new Holder(new Backends(Files.createTempDirectory(target, "backends-")));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start MariaDB and Redis for the tests: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting MariaDB and Redis", e);
            }
        }

        private record Holder(Backends backends) implements ExtensionContext.Store.CloseableResource {
            @Override
            public void close() throws IOException {
                backends.close();
            }
        }
    }
}

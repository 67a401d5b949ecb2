package dev.haneul.examples.board;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two ways to the database, side by side: a <b>writer</b> pool on the cluster endpoint and a
 * <b>reader</b> pool on the reader endpoint, each with its own transaction template. Callers name
 * the side for every call ({@link #read(Role, Function)}, {@link #write(Function)}) instead of
 * relying on a routing DataSource that picks a side from the transaction's read-only flag: the
 * board must sometimes read through the writer on purpose (a row the replica has not received yet),
 * and an explicit side says so where it happens.
 *
 * <p>Each read runs in a read-only transaction, so the rows and {@link DbRead#instance()} come
 * from one connection and one consistent snapshot. Connections are chosen per connection by the
 * endpoint, as Aurora's DNS does, so different reads of one page may meet different replicas.
 *
 * <p>Failover: HikariCP validates a connection idle for more than half a second before lending
 * it, so connections that a failover closed are replaced quietly; one used within that window
 * fails its request. {@link #evictPooledConnections()} then retires every pooled connection, so
 * the next request dials the endpoint afresh (which points at the new writer) instead of meeting
 * the rest of the dead pool one request at a time.
 */
public final class BoardDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BoardDatabase.class);

    /** How long a request waits for a connection (and a new connection may take) before it fails with the 503 page. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /** How long the liveness check of a pooled connection may take. */
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    /** Idle connections are pinged this often (HikariCP's minimum), so a dropped one is found before a request gets it. */
    static final Duration KEEPALIVE = Duration.ofSeconds(30);
    /** Connections are replaced after this long, well under MariaDB's {@code wait_timeout} (8 hours). */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    /** Idle connections above {@link #MINIMUM_IDLE} are closed after this long. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** Connections kept open while idle, per endpoint. */
    static final int MINIMUM_IDLE = 1;
    /**
     * Connector/J options for URLs made from host and port: {@code connectTimeout} bounds the TCP
     * connect and handshake; {@code socketTimeout} bounds any one read, so a backend that vanished
     * without closing the socket fails a statement in 10 s instead of hanging it.
     */
    static final String DRIVER_OPTIONS = "connectTimeout=2000&socketTimeout=10000";
    /** The writer also creates the database when it is missing (needs CREATE on it). */
    static final String WRITER_OPTIONS = DRIVER_OPTIONS + "&createDatabaseIfNotExist=true";
    /** Aurora and Haneul answer the DB instance identifier; other servers answer an empty string. */
    private static final String WHO_ANSWERS = "SELECT @@report_host, @@hostname, @@port";
    /** MySQL error for a write refused by {@code read_only}: the connection reached a replica. */
    private static final int ER_OPTION_PREVENTS_STATEMENT = 1290;

    /** A side of the database: which endpoint a statement goes through. */
    public enum Role {
        WRITER,
        READER;

        public String label() {
            return this == WRITER ? "writer" : "reader";
        }
    }

    private final Side writer;
    private final Side reader;

    BoardDatabase(BoardProperties.Db config) {
        requireNonNull(config, "config");
        this.writer = new Side(Role.WRITER, pool("writer", config.writer().jdbcUrl(config.name(), WRITER_OPTIONS), config),
                config.writer().describe());
        this.reader = new Side(Role.READER, pool("reader", config.reader().jdbcUrl(config.name(), DRIVER_OPTIONS), config),
                config.reader().describe());
        log.info("Writes through {}, reads through {}, database '{}' as '{}'",
                writer.endpoint, reader.endpoint, config.name(), config.user());
    }

    private static HikariDataSource pool(String name, String url, BoardProperties.Db config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(MINIMUM_IDLE, config.poolSize()));
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hikari.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        hikari.setKeepaliveTime(KEEPALIVE.toMillis());
        hikari.setMaxLifetime(MAX_LIFETIME.toMillis());
        hikari.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        // Start without the database: the process must come up (and answer /health) while it is away.
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    /**
     * Runs {@code work} in a read-only transaction through {@code role}'s endpoint and says which
     * DB instance answered.
     */
    public <T> DbRead<T> read(Role role, Function<JdbcClient, T> work) {
        Side side = side(role);
        return requireNonNull(side.readOnly.execute(status -> {
            T value = work.apply(side.jdbc);
            return new DbRead<>(value, whoAnswers(side.jdbc), role, null);
        }));
    }

    /** Runs {@code work} in a transaction through the writer endpoint. */
    public <T> T write(Function<JdbcClient, T> work) {
        return requireNonNull(writer.readWrite.execute(status -> work.apply(writer.jdbc)));
    }

    /** Creates the tables when missing ({@code db/schema.sql}, idempotent), through the writer. */
    void createSchema() {
        new ResourceDatabasePopulator(new ClassPathResource("db/schema.sql")).execute(writer.pool);
    }

    /** The endpoint a side connects to, as configured (host:port or the URL without password). */
    public String endpoint(Role role) {
        return side(role).endpoint;
    }

    /**
     * Retires every pooled connection of both sides: idle ones now, lent ones when returned.
     * Called after a request failed on a dead or demoted backend.
     */
    public void evictPooledConnections() {
        for (Side side : new Side[] {writer, reader}) {
            var pool = side.pool.getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            }
        }
    }

    /**
     * Whether {@code failure} means the connection's backend is gone or is no longer the writer, so
     * that the rest of the pool is suspect too: SQL state class 08 (connection exception) or a
     * write refused by {@code read_only}.
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ((state != null && state.startsWith("08")) || sql.getErrorCode() == ER_OPTION_PREVENTS_STATEMENT) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String whoAnswers(JdbcClient jdbc) {
        return jdbc.sql(WHO_ANSWERS).query((rs, row) -> {
            String reportHost = rs.getString(1);
            return reportHost != null && !reportHost.isBlank() ? reportHost : rs.getString(2) + ":" + rs.getInt(3);
        }).single();
    }

    private Side side(Role role) {
        return role == Role.WRITER ? writer : reader;
    }

    @Override
    public void close() {
        writer.pool.close();
        reader.pool.close();
    }

    private static final class Side {
        final HikariDataSource pool;
        final String endpoint;
        final JdbcClient jdbc;
        final TransactionTemplate readOnly;
        final TransactionTemplate readWrite;

        Side(Role role, HikariDataSource pool, String endpoint) {
            this.pool = pool;
            this.endpoint = endpoint;
            this.jdbc = JdbcClient.create(pool);
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(pool);
            this.readWrite = new TransactionTemplate(transactions);
            this.readOnly = new TransactionTemplate(transactions);
            readOnly.setReadOnly(true);
            readOnly.setName(role.label() + "-read");
        }
    }
}

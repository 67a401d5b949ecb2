package dev.haneul.rds.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.engine.MariaDbBinaries;
import dev.haneul.core.engine.MariaDbConfig;
import dev.haneul.core.engine.MariaDbServer;
import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.process.ProcessExit;
import dev.haneul.core.process.ProcessListener;
import dev.haneul.core.process.ProcessState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DB instance's {@code mariadbd} and the SQL Haneul runs on it.
 *
 * <h2>Configuration</h2>
 * Every instance runs the same options, whatever its role, so a role change never needs a
 * restart: a binary log with GTIDs ({@code log_bin}, {@code log_slave_updates}, row format,
 * strict mode, domain 0), the semi-synchronous master and replica plugins both enabled (the
 * master waits {@code AFTER_SYNC} and does not wait when no replica is connected), its own
 * {@code server_id}, {@code report_host} = the DB instance identifier (so
 * {@code SELECT @@report_host} names the instance that answered), and {@code read_only=ON}:
 * the writer turns it off at run time once it is the writer, so an instance restarted after a
 * crash never takes writes before Haneul has decided its role. Replication never starts by
 * itself ({@code skip_slave_start}); Haneul points it.
 *
 * <h2>Accounts</h2>
 * A new data dir (a copy of the template) has password-less {@code root} accounts. The first
 * start replaces them with Haneul's {@code rdsadmin}@{@code 127.0.0.1}, whose password is the
 * cluster's, all with {@code sql_log_bin=0}: accounts of one instance are never replicated. The
 * master user is cluster data: the writer creates it once, and it replicates.
 */
final class InstanceEngine {

    static final String ADMIN_USER = "rdsadmin";

    /**
     * Aurora MySQL's master user privileges in MariaDB terms. Deliberately without {@code SUPER}
     * and {@code READ_ONLY ADMIN}: either would let the master user write on a read-only replica.
     */
    static final String MASTER_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, "
            + "REFERENCES, INDEX, ALTER, SHOW DATABASES, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, "
            + "REPLICATION SLAVE, REPLICATION CLIENT, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, "
            + "CREATE USER, EVENT, TRIGGER";

    /** Longest a commit waits for a replica's acknowledgement before the writer goes asynchronous. */
    static final Duration SEMI_SYNC_TIMEOUT = Duration.ofSeconds(3);
    /** How long one wait for a position lasts before replication's health is looked at again. */
    private static final Duration APPLY_SLICE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(InstanceEngine.class);
    private static final int ER_ACCESS_DENIED = 1045;
    private static final int ER_HOST_NOT_PRIVILEGED = 1130;

    private final String name;
    private final String processName;
    private final String id;
    private final int serverId;
    private final Path dir;
    private final String adminPassword;
    private final EngineHost host;
    private volatile @Nullable MariaDbServer server;

    /**
     * @param name for logs, {@code rds/<instance>}
     * @param processName the supervisor's name, unique in the server
     */
    InstanceEngine(String name, String processName, String id, int serverId, Path dir, String adminPassword,
                   EngineHost host) {
        this.name = requireNonNull(name, "name");
        this.processName = requireNonNull(processName, "processName");
        this.id = requireNonNull(id, "id");
        this.serverId = serverId;
        this.dir = requireNonNull(dir, "dir");
        this.adminPassword = requireNonNull(adminPassword, "adminPassword");
        this.host = requireNonNull(host, "host");
    }

    String id() {
        return id;
    }

    int serverId() {
        return serverId;
    }

    Path dir() {
        return dir;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    boolean hasData() {
        return Files.isDirectory(dataDir());
    }

    /** Whether its process is up (started or adopted, and not exited). */
    boolean running() {
        MariaDbServer current = server;
        return current != null && current.state() == ProcessState.RUNNING;
    }

    /** Where its engine listens; {@code null} before the first start. */
    @Nullable InetSocketAddress backend() {
        MariaDbServer current = server;
        return current == null ? null : new InetSocketAddress(current.host(), current.port());
    }

    int port() {
        MariaDbServer current = server;
        if (current == null) {
            throw new IllegalStateException(name + " - not started");
        }
        return current.port();
    }

    long pid() {
        MariaDbServer current = server;
        return current == null ? -1 : current.pid().orElse(-1);
    }

    MariaDbBinaries binaries() {
        MariaDbServer current = server;
        if (current == null) {
            throw new IllegalStateException(name + " - not started");
        }
        return current.binaries();
    }

    /**
     * Starts the engine, or adopts the one a previous Haneul left running, and makes sure Haneul's
     * account is in place. A missing data dir is copied from the template first.
     *
     * @return whether the data dir was new (a template copy: no cluster data yet)
     */
    boolean start(ProcessListener listener) throws IOException, InterruptedException, SQLException {
        boolean fresh = !hasData();
        MariaDbServer previous = server;
        if (previous != null) {
            previous.process().stop(); // an exited process must be stopped before its name can be reused
        }
        MariaDbConfig config = MariaDbConfig.builder(processName, dir)
                .option("server_id", Integer.toString(serverId))
                .option("report_host", id)
                .option("log_bin", "mysql-bin")
                .option("log_slave_updates", "ON")
                .option("binlog_format", "ROW")
                .option("gtid_domain_id", "0")
                .option("gtid_strict_mode", "ON")
                .option("relay_log", "relay-bin")
                .option("relay_log_recovery", "ON")
                .option("skip_slave_start", "")
                .option("read_only", "ON")
                .option("rpl_semi_sync_master_enabled", "ON")
                .option("rpl_semi_sync_slave_enabled", "ON")
                .option("rpl_semi_sync_master_wait_point", "AFTER_SYNC")
                .option("rpl_semi_sync_master_wait_no_slave", "OFF")
                .option("rpl_semi_sync_master_timeout", Long.toString(SEMI_SYNC_TIMEOUT.toMillis()))
                .build();
        MariaDbServer started = MariaDbServer.start(host.supervisor(), host.engines(), config);
        started.process().addListener(listener);
        server = started;
        if (started.state() == ProcessState.EXITED) {
            // Died between its readiness and the listener: tell the listener as a crash would.
            listener.onExit(started.process(), new ProcessExit(processName,
                    started.pid().orElse(-1), OptionalInt.empty(), false, false));
        }
        bootstrap();
        return fresh;
    }

    /** Stops it cleanly (SIGTERM, then SIGKILL after the stop timeout). */
    void stop() {
        MariaDbServer current = server;
        if (current != null) {
            current.stop();
        }
    }

    /** Stops it and deletes its directory, data and all. */
    void destroy() throws IOException {
        stop();
        deleteRecursively(dir);
    }

    /** Stops it and deletes its data; the next start begins from a template copy. */
    void wipeData() throws IOException {
        stop();
        deleteRecursively(dataDir());
    }

    /** The process, for tests that must kill it. */
    @Nullable ManagedProcess process() {
        MariaDbServer current = server;
        return current == null ? null : current.process();
    }

    Sql admin() throws SQLException {
        return Sql.connect(port(), ADMIN_USER, adminPassword);
    }

    Sql admin(Duration socketTimeout) throws SQLException {
        return Sql.connect(port(), ADMIN_USER, adminPassword, socketTimeout);
    }

    String adminPassword() {
        return adminPassword;
    }

    /** Replaces the template's password-less root accounts with {@code rdsadmin}, once. */
    private void bootstrap() throws SQLException {
        try (Sql admin = admin()) {
            admin.value("SELECT 1");
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() != ER_ACCESS_DENIED && e.getErrorCode() != ER_HOST_NOT_PRIVILEGED) {
                throw e;
            }
        }
        try (Sql root = Sql.connect(port(), "root", "")) {
            root.execute("SET SESSION sql_log_bin=0",
                    "CREATE USER IF NOT EXISTS " + adminAccount() + " IDENTIFIED BY " + Sql.quote(adminPassword),
                    "GRANT ALL PRIVILEGES ON *.* TO " + adminAccount() + " WITH GRANT OPTION");
        }
        try (Sql admin = admin()) {
            List<String> roots = admin.column(
                    "SELECT CONCAT(QUOTE(User), '@', QUOTE(Host)) FROM mysql.global_priv WHERE User = 'root'");
            admin.execute("SET SESSION sql_log_bin=0");
            for (String account : roots) {
                admin.execute("DROP USER " + account);
            }
        }
        log.info("{} - accounts set up (rdsadmin; root removed)", name);
    }

    private static String adminAccount() {
        return Sql.quote(ADMIN_USER) + "@'127.0.0.1'";
    }

    // ---- roles ----

    /** Stops any replication and takes writes. */
    void makeWriter() throws SQLException {
        try (Sql sql = admin()) {
            if (ReplicaStatus.of(sql.row("SHOW SLAVE STATUS")).configured()) {
                sql.execute("STOP SLAVE", "RESET SLAVE ALL");
            }
            sql.execute("SET GLOBAL read_only=OFF");
        }
    }

    /**
     * Creates what Aurora creates with a cluster, on the writer, in its binary log so every
     * replica gets it: the master user with Aurora's master privileges, and the database.
     */
    void initializeCluster(String masterUser, String passwordHash, String databaseName) throws SQLException {
        try (Sql sql = admin()) {
            String account = Sql.quote(masterUser) + "@'%'";
            sql.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY PASSWORD " + Sql.quote(passwordHash),
                    "GRANT " + MASTER_PRIVILEGES + " ON *.* TO " + account + " WITH GRANT OPTION");
            if (!databaseName.isEmpty()) {
                sql.execute("CREATE DATABASE IF NOT EXISTS " + Sql.identifier(databaseName));
            }
        }
    }

    /**
     * Sets the master user's password and gives back its master privileges, as Aurora's
     * ModifyDBCluster with a new password does; on the writer, replicated.
     */
    void resetMasterUser(String masterUser, String passwordHash) throws SQLException {
        try (Sql sql = admin()) {
            String account = Sql.quote(masterUser) + "@'%'";
            sql.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY PASSWORD " + Sql.quote(passwordHash),
                    "ALTER USER " + account + " IDENTIFIED BY PASSWORD " + Sql.quote(passwordHash),
                    "GRANT " + MASTER_PRIVILEGES + " ON *.* TO " + account + " WITH GRANT OPTION");
        }
    }

    /**
     * Becomes (or stays) a read-only replica of {@code master}, from the position of what it has
     * applied ({@code gtid_current_pos}, which for a demoted writer includes its own writes).
     */
    void replicateFrom(InstanceEngine master) throws SQLException {
        try (Sql sql = admin()) {
            if (ReplicaStatus.of(sql.row("SHOW SLAVE STATUS")).configured()) {
                sql.execute("STOP SLAVE");
            }
            sql.execute("SET GLOBAL read_only=ON",
                    "SET GLOBAL gtid_slave_pos = @@global.gtid_current_pos",
                    "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + master.port()
                            + ", MASTER_USER=" + Sql.quote(ADMIN_USER) + ", MASTER_PASSWORD=" + Sql.quote(adminPassword)
                            + ", MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1, MASTER_SSL=0",
                    "START SLAVE");
        }
    }

    /** Whether it replicates from {@code master}'s port with both threads running. */
    boolean replicatesFrom(InstanceEngine master) throws SQLException {
        ReplicaStatus status = replicaStatus();
        return status.configured() && status.masterPort() == master.port() && status.ioRunning() && status.sqlRunning();
    }

    ReplicaStatus replicaStatus() throws SQLException {
        try (Sql sql = admin()) {
            return ReplicaStatus.of(sql.row("SHOW SLAVE STATUS"));
        }
    }

    /**
     * For a failover: stops receiving from the (gone) writer, lets the SQL thread apply what it
     * received, and returns what it has applied. Waits until the relay log is drained, or its
     * position stops moving for a second (a transaction received only in part never applies),
     * or {@code timeout}.
     */
    GtidPosition drain(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Sql sql = admin()) {
            ReplicaStatus status = ReplicaStatus.of(sql.row("SHOW SLAVE STATUS"));
            if (status.configured() && status.ioRunning()) {
                sql.execute("STOP SLAVE IO_THREAD");
            }
            String last = "";
            long lastChange = System.nanoTime();
            while (true) {
                status = ReplicaStatus.of(sql.row("SHOW SLAVE STATUS"));
                String applied = sql.value("SELECT @@global.gtid_current_pos");
                if (!status.configured() || !status.sqlRunning() || status.drained()) {
                    return GtidPosition.parse(applied);
                }
                if (!applied.equals(last)) {
                    last = applied;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > Duration.ofSeconds(1).toNanos()) {
                    log.warn("{} - relay log not applied further than {}; going on", name, applied);
                    return GtidPosition.parse(applied);
                }
                if (System.nanoTime() > deadline) {
                    log.warn("{} - relay log still applying after {}; going on at {}", name, timeout, applied);
                    return GtidPosition.parse(applied);
                }
                Thread.sleep(10);
            }
        }
    }

    /**
     * Waits until it has applied {@code position}; false after {@code timeout}. Replication that
     * stops on an error fails the wait at once (it would never get there).
     *
     * @throws SQLException when replication stopped on an error, with the engine's message
     */
    boolean awaitApplied(GtidPosition position, Duration timeout) throws SQLException {
        if (position.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Sql sql = admin(APPLY_SLICE.plusSeconds(5))) {
            while (true) {
                long remaining = deadline - System.nanoTime();
                double seconds = Math.max(0.001, Math.min(remaining, APPLY_SLICE.toNanos()) / 1e9);
                if ("0".equals(sql.value("SELECT MASTER_GTID_WAIT(" + Sql.quote(position.toString()) + ", "
                        + seconds + ")"))) {
                    return true;
                }
                ReplicaStatus status = ReplicaStatus.of(sql.row("SHOW SLAVE STATUS"));
                if (status.broken()) {
                    throw new SQLException(id + " stopped replicating before " + position + ": " + status.problem());
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
            }
        }
    }

    /** Stops replication and takes writes; returns its position at promotion. */
    GtidPosition promote() throws SQLException {
        try (Sql sql = admin()) {
            if (ReplicaStatus.of(sql.row("SHOW SLAVE STATUS")).configured()) {
                sql.execute("STOP SLAVE", "RESET SLAVE ALL");
            }
            sql.execute("SET GLOBAL read_only=OFF");
            return GtidPosition.parse(sql.value("SELECT @@global.gtid_current_pos"));
        }
    }

    void setReadOnly() throws SQLException {
        try (Sql sql = admin()) {
            sql.execute("SET GLOBAL read_only=ON");
        }
    }

    GtidPosition binlogPosition() throws SQLException {
        try (Sql sql = admin()) {
            return GtidPosition.parse(sql.value("SELECT @@global.gtid_binlog_pos"));
        }
    }

    GtidPosition currentPosition() throws SQLException {
        try (Sql sql = admin()) {
            return GtidPosition.parse(sql.value("SELECT @@global.gtid_current_pos"));
        }
    }

    /**
     * Whether this instance wrote transactions of its own after {@code promotion}: an old writer
     * whose last commits never reached the replica that took over. Its history then differs from
     * the cluster's and it must be rebuilt.
     */
    boolean divergedSince(GtidPosition promotion) throws SQLException {
        if (promotion.isEmpty()) {
            return false;
        }
        try (Sql sql = admin()) {
            for (GtidPosition.Gtid gtid : GtidPosition.parseState(sql.value("SELECT @@global.gtid_binlog_state"))) {
                if (gtid.server() == serverId && gtid.sequence() > promotion.sequence(gtid.domain())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Semi-synchronous state of this instance as a writer: whether commits wait, and for how many replicas. */
    record SemiSync(boolean on, int clients) {}

    SemiSync semiSync() throws SQLException {
        try (Sql sql = admin(Duration.ofSeconds(5))) {
            Map<String, String> status = sql.pairs("SHOW GLOBAL STATUS WHERE Variable_name IN "
                    + "('Rpl_semi_sync_master_status', 'Rpl_semi_sync_master_clients')");
            int clients = Integer.parseInt(status.getOrDefault("Rpl_semi_sync_master_clients", "0"));
            return new SemiSync("ON".equals(status.get("Rpl_semi_sync_master_status")) && clients > 0, clients);
        }
    }

    /** The non-system databases, for a seed dump. */
    List<String> userDatabases() throws SQLException {
        try (Sql sql = admin()) {
            List<String> databases = new ArrayList<>();
            for (String db : sql.column("SHOW DATABASES")) {
                if (!List.of("mysql", "information_schema", "performance_schema", "sys").contains(db)) {
                    databases.add(db);
                }
            }
            return databases;
        }
    }

    String name() {
        return name;
    }

    @Override
    public String toString() {
        MariaDbServer current = server;
        return name + (current == null ? " (not started)" : " " + current.state() + " port " + current.port());
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

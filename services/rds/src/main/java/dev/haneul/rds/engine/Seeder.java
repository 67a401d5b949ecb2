package dev.haneul.rds.engine;

import dev.haneul.core.engine.MariaDbBinaries;
import dev.haneul.core.process.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Seeds a new replica from its writer: a consistent snapshot plus the GTID position it was taken
 * at, so replication starts exactly where the snapshot ends.
 *
 * <h2>Why the writer's DDL waits during the dump</h2>
 * {@code mariadb-dump --single-transaction} reads every table in one InnoDB snapshot, but a
 * snapshot holds rows, not table definitions. DDL that lands while the dump runs breaks it in
 * three ways: an {@code ALTER} rebuilds the table and the snapshot can no longer read it
 * (error 1412, "Table definition has changed"); a {@code DROP}/{@code RENAME} removes a table
 * the dump has listed (1146); and a table whose definition the dump reads after the snapshot
 * position already contains a change that replication then applies a second time (1060
 * duplicate column, 1091 can't drop). Retrying only makes a race less likely. So the seed holds
 * the schema still instead: on a separate admin connection to the writer it takes
 * {@code BACKUP STAGE START} and {@code BACKUP STAGE BLOCK_DDL} (MariaDB's backup lock), which
 * makes new DDL wait while DML (InnoDB reads and writes) goes on. The database list, the
 * snapshot, the position and every table definition are then read with no DDL in between, and
 * {@code BACKUP STAGE END} releases the writer as soon as the dump has been read. If Haneul dies
 * meanwhile, the connection closes and the lock with it.
 *
 * <p>The trap: {@code BLOCK_DDL} lets an {@code ALTER TABLE} that is already running go on and
 * stops it only at its last step, where it holds its table's metadata lock; the dump then waits
 * for that table and the {@code ALTER} for the backup lock, for ever. So the lock is taken while
 * no DDL runs: a second connection holds {@code FLUSH TABLES WITH READ LOCK} (which waits for
 * running statements to end and holds new writes) just long enough to take {@code BLOCK_DDL},
 * then lets writes go; an {@code ALTER} that starts afterwards waits before touching its table.
 * Writes pause for that moment only (milliseconds, unless a long statement is running: the wait
 * is bounded by {@link #DRAIN_WAIT} and the attempt fails, to be retried).
 *
 * <p>With {@code --single-transaction --master-data} both MariaDB 10.11 and 11.4 take the
 * position from the snapshot itself ({@code binlog_snapshot_*} status, then
 * {@code BINLOG_GTID_POS}), not through {@code FLUSH TABLES WITH READ LOCK}, so the dump never
 * needs a lock that conflicts with the backup lock. Rejected alternatives: replicating from an
 * earlier GTID position (the writer's binary log may not reach back to the start of the data:
 * a seeded or promoted writer's begins at its own seed); copying the data directory (the
 * bundled 11.4 has no {@code mariadb-backup}, and a copy of a running InnoDB is not consistent).
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li>On the replica: no replication, an empty binary log ({@code RESET MASTER}).</li>
 *   <li>Under the writer's DDL lock: {@code mariadb-dump --single-transaction --gtid
 *       --master-data=2} of the user databases and accounts ({@code --system=users}), with the
 *       position in a comment.</li>
 *   <li>Loaded into the replica with {@code sql_log_bin=0}: the load is not the replica's own
 *       history.</li>
 *   <li>The replica's binary log state and replication position set to the snapshot's. The
 *       binary log state matters after a failover: if this replica is promoted, other replicas
 *       ask it for transactions from their own positions, which it can serve only if its binary
 *       log says it starts there.</li>
 * </ol>
 * The dump and the option file holding the admin password are created owner-only (never made
 * so afterwards) in the replica's directory and deleted when done; files a crash left behind are
 * deleted by {@link #removeLeftovers} when Haneul recovers. The engines run without TLS, which
 * MariaDB 11.4's clients otherwise insist on ({@code skip-ssl}).
 */
final class Seeder {

    static final String DUMP_FILE = "seed.sql";
    static final String OPTIONS_FILE = "seed-client.cnf";
    static final String LOG_FILE = "seed.log";
    /** Present from the start of a seed until the replica's position is set: a half-loaded replica. */
    static final String IN_PROGRESS = "seeding";

    private static final Pattern SLAVE_POS = Pattern.compile("SET GLOBAL gtid_slave_pos='([^']*)'");
    private static final Duration DUMP_TIMEOUT = Duration.ofMinutes(30);
    /** How long the backup lock may wait (nothing should hold it: see the class comment). */
    private static final Duration DDL_WAIT = Duration.ofSeconds(60);
    /** How long taking the lock may wait for statements running on the writer to end. */
    static final Duration DRAIN_WAIT = Duration.ofSeconds(5);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private Seeder() {}

    /** Loads {@code source}'s data into {@code target}; returns the position to replicate from. */
    static GtidPosition seed(InstanceEngine source, InstanceEngine target) throws IOException, InterruptedException,
            SQLException {
        MariaDbBinaries binaries = source.binaries();
        Path dump = binaries.dump().orElseThrow(() -> new IOException(
                "no mariadb-dump next to " + binaries.server() + ": cannot seed a replica"));
        Path client = binaries.client().orElseThrow(() -> new IOException(
                "no mariadb client next to " + binaries.server() + ": cannot seed a replica"));
        Path dir = target.dir();
        Files.writeString(dir.resolve(IN_PROGRESS), source.id() + "\n", StandardCharsets.UTF_8);
        try (Sql sql = target.admin()) {
            if (ReplicaStatus.of(sql.row("SHOW SLAVE STATUS")).configured()) {
                sql.execute("STOP SLAVE", "RESET SLAVE ALL");
            }
            sql.execute("RESET MASTER");
        }
        Path options = dir.resolve(OPTIONS_FILE);
        Path file = dir.resolve(DUMP_FILE);
        Path logFile = dir.resolve(LOG_FILE);
        try {
            removeLeftovers(dir);
            ownerOnly(options, "[client]\nuser=" + InstanceEngine.ADMIN_USER + "\npassword=\""
                    + target.adminPassword() + "\"\nhost=127.0.0.1\nprotocol=TCP\nskip-ssl\n");
            ownerOnly(file, ""); // mariadb-dump truncates it and keeps its mode
            try (Sql ddlLock = source.admin(DUMP_TIMEOUT.plus(DDL_WAIT))) {
                blockDdl(source, ddlLock);
                List<String> dumpCommand = new ArrayList<>(List.of(dump.toString(), "--defaults-file=" + options,
                        "--port=" + source.port(), "--single-transaction", "--gtid", "--master-data=2",
                        "--system=users", "--insert-ignore", "--routines", "--events", "--triggers",
                        "--result-file=" + file));
                List<String> databases = source.userDatabases();
                if (!databases.isEmpty()) {
                    dumpCommand.add("--databases");
                    dumpCommand.addAll(databases);
                }
                run("dumping " + source.id(), dumpCommand, target, logFile);
                ddlLock.execute("BACKUP STAGE END");
            }
            GtidPosition position = position(file);
            run("loading the dump of " + source.id(), List.of(client.toString(), "--defaults-file=" + options,
                    "--port=" + target.port(), "--init-command=SET SESSION sql_log_bin=0", "--batch",
                    "--execute=source " + file), target, logFile);
            try (Sql sql = target.admin()) {
                if (!position.isEmpty()) {
                    sql.execute("SET GLOBAL gtid_binlog_state = " + Sql.quote(position.toString()));
                }
                sql.execute("SET GLOBAL gtid_slave_pos = " + Sql.quote(position.toString()));
            }
            Files.delete(dir.resolve(IN_PROGRESS));
            return position;
        } finally {
            removeLeftovers(dir);
        }
    }

    /**
     * Runs a client tool for the seed; when it fails, the message says what failed and the tool's
     * last line (its error, such as {@code mariadb-dump: Couldn't execute ... (1356)}), not the
     * command line.
     */
    private static void run(String what, List<String> command, InstanceEngine target, Path logFile)
            throws IOException, InterruptedException {
        try {
            CommandRunner.run(target.name(), command, target.dir(), logFile, DUMP_TIMEOUT);
        } catch (IOException e) {
            String output = e.getMessage() == null ? "" : e.getMessage();
            String last = output.lines().filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse("");
            throw new IOException(what + " failed: " + last.strip(), e);
        }
    }

    /** Takes the backup lock's {@code BLOCK_DDL} on {@code ddlLock} at a moment no DDL runs (class comment). */
    private static void blockDdl(InstanceEngine source, Sql ddlLock) throws SQLException {
        ddlLock.execute("SET SESSION lock_wait_timeout = " + DDL_WAIT.toSeconds());
        try (Sql drain = source.admin()) {
            drain.execute("SET SESSION lock_wait_timeout = " + DRAIN_WAIT.toSeconds());
            drain.execute("FLUSH TABLES WITH READ LOCK");
            try {
                ddlLock.execute("BACKUP STAGE START", "BACKUP STAGE BLOCK_DDL");
            } finally {
                drain.execute("UNLOCK TABLES");
            }
        }
    }

    /** Whether a seed of the replica in {@code dir} began and did not finish: its data is partial. */
    static boolean interrupted(Path dir) {
        return Files.exists(dir.resolve(IN_PROGRESS));
    }

    /** Forgets an interrupted seed, once the replica's data was wiped. */
    static void removeMarker(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(IN_PROGRESS));
    }

    /** Deletes the dump and the option file of a seed in {@code dir}, finished or interrupted. */
    static void removeLeftovers(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(DUMP_FILE));
        Files.deleteIfExists(dir.resolve(OPTIONS_FILE));
    }

    /** The snapshot's position, from the dump's {@code -- SET GLOBAL gtid_slave_pos='…'} comment. */
    static GtidPosition position(Path dumpFile) throws IOException {
        try (Stream<String> lines = Files.lines(dumpFile, StandardCharsets.UTF_8)) {
            return lines.map(SLAVE_POS::matcher).filter(Matcher::find).findFirst()
                    .map(m -> GtidPosition.parse(m.group(1)))
                    .orElseThrow(() -> new IOException(dumpFile + " has no gtid_slave_pos: is the writer's binary log on?"));
        }
    }

    /** Creates {@code file} readable by its owner only, from the first byte on, holding {@code content}. */
    static void ownerOnly(Path file, String content) throws IOException {
        Files.createFile(file, OWNER_ONLY);
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}

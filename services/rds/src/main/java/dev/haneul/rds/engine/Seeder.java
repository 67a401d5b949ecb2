package dev.haneul.rds.engine;

import dev.haneul.core.engine.MariaDbBinaries;
import dev.haneul.core.process.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Seeds a new replica from its writer: a consistent snapshot plus the GTID position it was taken
 * at, so replication can start exactly where the snapshot ends.
 *
 * <ol>
 *   <li>On the replica: no replication, an empty binary log ({@code RESET MASTER}).</li>
 *   <li>{@code mariadb-dump --single-transaction --gtid --master-data=2} of the writer's user
 *       databases and accounts ({@code --system=users}): InnoDB data as of one snapshot, and in a
 *       comment the {@code gtid_slave_pos} matching it.</li>
 *   <li>Loaded into the replica with {@code sql_log_bin=0}: the load is not the replica's own
 *       history.</li>
 *   <li>The replica's binary log state and replication position set to the snapshot's
 *       position. The binary log state matters after a failover: if this replica is promoted,
 *       other replicas ask it for transactions from their own positions, which it can serve only
 *       if its binary log says it starts there.</li>
 * </ol>
 * The dump goes through a file in the replica's directory, deleted afterwards; credentials go
 * through an option file readable only by the owner, never the command line. The engines run
 * without TLS, which MariaDB 11.4's clients otherwise insist on ({@code skip-ssl}).
 */
final class Seeder {

    private static final Pattern SLAVE_POS = Pattern.compile("SET GLOBAL gtid_slave_pos='([^']*)'");
    private static final Duration DUMP_TIMEOUT = Duration.ofMinutes(30);

    private Seeder() {}

    /** Loads {@code source}'s data into {@code target}; returns the position to replicate from. */
    static GtidPosition seed(InstanceEngine source, InstanceEngine target) throws IOException, InterruptedException,
            SQLException {
        MariaDbBinaries binaries = source.binaries();
        Path dump = binaries.dump().orElseThrow(() -> new IOException(
                "no mariadb-dump next to " + binaries.server() + ": cannot seed a replica"));
        Path client = binaries.client().orElseThrow(() -> new IOException(
                "no mariadb client next to " + binaries.server() + ": cannot seed a replica"));
        try (Sql sql = target.admin()) {
            if (ReplicaStatus.of(sql.row("SHOW SLAVE STATUS")).configured()) {
                sql.execute("STOP SLAVE", "RESET SLAVE ALL");
            }
            sql.execute("RESET MASTER");
        }
        Path dir = target.dir();
        Path options = dir.resolve("seed-client.cnf");
        Path file = dir.resolve("seed.sql");
        Path logFile = dir.resolve("seed.log");
        try {
            writeOptions(options, target.adminPassword());
            List<String> dumpCommand = new ArrayList<>(List.of(dump.toString(), "--defaults-file=" + options,
                    "--port=" + source.port(), "--single-transaction", "--gtid", "--master-data=2",
                    "--system=users", "--insert-ignore", "--routines", "--events", "--triggers",
                    "--result-file=" + file));
            List<String> databases = source.userDatabases();
            if (!databases.isEmpty()) {
                dumpCommand.add("--databases");
                dumpCommand.addAll(databases);
            }
            CommandRunner.run(target.name(), dumpCommand, dir, logFile, DUMP_TIMEOUT);
            GtidPosition position = position(file);
            CommandRunner.run(target.name(), List.of(client.toString(), "--defaults-file=" + options,
                    "--port=" + target.port(), "--init-command=SET SESSION sql_log_bin=0", "--batch",
                    "--execute=source " + file), dir, logFile, DUMP_TIMEOUT);
            try (Sql sql = target.admin()) {
                if (!position.isEmpty()) {
                    sql.execute("SET GLOBAL gtid_binlog_state = " + Sql.quote(position.toString()));
                }
                sql.execute("SET GLOBAL gtid_slave_pos = " + Sql.quote(position.toString()));
            }
            return position;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(options);
        }
    }

    /** The snapshot's position, from the dump's {@code -- SET GLOBAL gtid_slave_pos='…'} comment. */
    static GtidPosition position(Path dumpFile) throws IOException {
        try (Stream<String> lines = Files.lines(dumpFile, StandardCharsets.UTF_8)) {
            return lines.map(SLAVE_POS::matcher).filter(Matcher::find).findFirst()
                    .map(m -> GtidPosition.parse(m.group(1)))
                    .orElseThrow(() -> new IOException(dumpFile + " has no gtid_slave_pos: is the writer's binary log on?"));
        }
    }

    private static void writeOptions(Path file, String password) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "[client]\nuser=" + InstanceEngine.ADMIN_USER + "\npassword=\"" + password
                + "\"\nhost=127.0.0.1\nprotocol=TCP\nskip-ssl\n", StandardCharsets.UTF_8);
    }
}

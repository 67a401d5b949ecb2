package dev.haneul.it.rds;

import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * What the RDS integration tests share: waiting for statuses through the API (as a user's
 * script would, with deadlines), connecting with MariaDB Connector/J and the {@code mariadb}
 * client, and finding an instance's engine process to kill it.
 */
final class RdsTestSupport {

    static final String MASTER_USER = "admin";
    static final String MASTER_PASSWORD = "secret99";
    static final Duration DEADLINE = Duration.ofSeconds(90);

    private RdsTestSupport() {}

    static DBCluster cluster(RdsClient rds, String id) {
        return rds.describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters().getFirst();
    }

    static DBInstance instance(RdsClient rds, String id) {
        return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().getFirst();
    }

    static void awaitClusterAvailable(RdsClient rds, String id) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> cluster(rds, id).status().equals("available"));
    }

    static void awaitInstancesAvailable(RdsClient rds, String... ids) {
        for (String id : ids) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> instance(rds, id).dbInstanceStatus().equals("available"));
        }
    }

    static void awaitInstanceGone(RdsClient rds, String id) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                instance(rds, id);
                return false;
            } catch (DbInstanceNotFoundException e) {
                return true;
            }
        });
    }

    static void awaitEndpointAvailable(RdsClient rds, String endpointId) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> rds.describeDBClusterEndpoints(
                r -> r.dbClusterEndpointIdentifier(endpointId)).dbClusterEndpoints().getFirst().status()
                .equals("available"));
    }

    static String writerOf(RdsClient rds, String clusterId) {
        return cluster(rds, clusterId).dbClusterMembers().stream().filter(m -> m.isClusterWriter())
                .findFirst().orElseThrow().dbInstanceIdentifier();
    }

    static Connection connect(String host, int port) throws SQLException {
        return connect(host, port, MASTER_PASSWORD);
    }

    static Connection connect(String host, int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/?connectTimeout=5000",
                MASTER_USER, password);
    }

    static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@code @@server_id} of every instance, through its instance endpoint. */
    static Map<Integer, String> serverIds(RdsClient rds, String clusterId) throws SQLException {
        Map<Integer, String> ids = new LinkedHashMap<>();
        for (var member : cluster(rds, clusterId).dbClusterMembers()) {
            DBInstance instance = instance(rds, member.dbInstanceIdentifier());
            try (Connection connection = connect(instance.endpoint().address(), instance.endpoint().port())) {
                ids.put(Integer.parseInt(query(connection, "SELECT @@server_id")), instance.dbInstanceIdentifier());
                // @@report_host names the instance too, for applications.
                Assertions.assertThat(query(connection, "SELECT @@report_host"))
                        .isEqualTo(instance.dbInstanceIdentifier());
            }
        }
        return ids;
    }

    /** Runs the {@code mariadb} command-line client; returns its exit code and output. */
    static ClientRun mariadbClient(String host, int port, String sql) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mariadb-client", ".out");
        try {
            Process process = new ProcessBuilder("mariadb", "-h", host, "-P", Integer.toString(port), "-u", MASTER_USER,
                    "-p" + MASTER_PASSWORD, "--batch", "--skip-column-names", "-e", sql)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mariadb client did not finish: " + sql);
            }
            return new ClientRun(process.exitValue(), Files.readString(out).strip());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    record ClientRun(int exitCode, String output) {}

    static boolean hasMariadbClient() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mariadb"))) {
                return true;
            }
        }
        return false;
    }

    /** Stops a server run in its own JVM, waits for its engines to be gone and deletes its data dir. */
    static void stopAndDelete(HaneulProcess server, Path dataDir) throws Exception {
        if (server != null) {
            server.stop();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> enginePids(dataDir).isEmpty());
        try (var paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** An RDS client of a server run in its own JVM. */
    static RdsClient client(HaneulProcess server) {
        return RdsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The pid of an instance's {@code mariadbd}, from its pid file under the data dir. */
    static long enginePid(Path dataDir, String instanceId) throws IOException {
        Path pidFile = dataDir.resolve("engines/rds/000000000000-us-east-1").resolve(instanceId).resolve("mariadbd.pid");
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    /** Pids of live {@code mariadbd} processes whose command line names a directory under {@code dataDir}. */
    static List<Long> enginePids(Path dataDir) throws IOException {
        List<Long> pids = new ArrayList<>();
        String marker = dataDir.toRealPath().toString();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.contains("mariadbd") && cmdline.contains(marker)) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException e) {
                    // exited meanwhile
                }
            }
        }
        return pids;
    }
}

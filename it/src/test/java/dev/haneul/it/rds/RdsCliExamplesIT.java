package dev.haneul.it.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.it.CliExampleChecks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.testing.Corpora;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AWS CLI v2's own RDS examples ({@code awscli-examples/rds} in the shared corpora), run
 * against Haneul in the order a user would, each output compared with the example's: the same
 * keys, with values of the same JSON types. Examples for engines or features Haneul does not
 * emulate are adapted (an Aurora instance instead of a standalone MySQL one) or left out
 * ({@code create-db-instance-read-replica}: replicas of standalone instances; final snapshots).
 * The waiters {@code db-cluster-available}, {@code db-instance-available} and
 * {@code db-instance-deleted} run for real.
 */
class RdsCliExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OUTPUT = Pattern.compile("(?s)Output::\\s*\\n\\n(\\s+[\\[{].*?\\n\\s{3,4}[}\\]])\\s*(\\n|$)");

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static AwsCli aws;

    @BeforeAll
    static void cliAndCorpus() {
        Assumptions.assumeTrue(AwsCli.binary().isPresent(), "the AWS CLI is not installed");
        Assumptions.assumeTrue(RdsTestSupport.hasMariadbClient(), "the mariadb command-line client is not installed");
        Corpora.require("awscli-examples/rds/create-db-cluster.rst");
        aws = haneul.awsCli();
    }

    @Test
    void theRdsExamplesOfTheAwsCliWorkAndAnswerInTheirShape() throws Exception {
        JsonNode created = run("rds", "create-db-cluster", "--db-cluster-identifier", "sample-cluster",
                "--engine", "aurora-mysql", "--engine-version", "5.7", "--master-username", "admin",
                "--master-user-password", "secret99", "--db-subnet-group-name", "default",
                "--vpc-security-group-ids", "sg-0b9130572daf3dc16", "--database-name", "mydb");
        assertSameShape("create-db-cluster.rst", 0, created);
        assertThat(created.at("/DBCluster/Status").asText()).isEqualTo("creating");
        assertThat(created.at("/DBCluster/EngineVersion").asText()).startsWith("5.7.mysql_aurora.");

        for (String id : List.of("dbinstance1", "dbinstance2")) {
            JsonNode instance = run("rds", "create-db-instance", "--db-instance-identifier", id,
                    "--db-cluster-identifier", "sample-cluster", "--engine", "aurora-mysql",
                    "--db-instance-class", "db.r6g.large");
            assertSameShape("create-db-instance.rst", 0, instance, "MasterUserPassword");
            assertThat(instance.at("/DBInstance/DBInstanceStatus").asText()).isEqualTo("creating");
        }
        // The waiters poll every 30 s: both at once.
        CompletableFuture<AwsCliResult> clusterWait = CompletableFuture.supplyAsync(() ->
                aws.run("rds", "wait", "db-cluster-available", "--db-cluster-identifier", "sample-cluster"));
        AwsCliResult instancesWait = aws.run("rds", "wait", "db-instance-available");
        assertThat(instancesWait.exitCode()).as(instancesWait.toString()).isZero();
        assertThat(clusterWait.get().exitCode()).as(clusterWait.get().toString()).isZero();

        JsonNode clusters = run("rds", "describe-db-clusters", "--db-cluster-identifier", "sample-cluster");
        assertSameShape("describe-db-clusters.rst", 0, clusters, "KmsKeyId");
        JsonNode writer = clusters.at("/DBClusters/0");
        assertThat(writer.at("/DBClusterMembers/0/IsClusterWriter").asBoolean()).isTrue();
        String clusterEndpoint = writer.path("Endpoint").asText();
        int port = writer.path("Port").asInt();
        JsonNode instances = run("rds", "describe-db-instances", "--db-instance-identifier", "dbinstance1");
        assertSameShape("describe-db-instances.rst", 0, instances);
        assertThat(instances.at("/DBInstances/0/Endpoint/Port").asInt()).isEqualTo(port);

        JsonNode endpoint = run("rds", "create-db-cluster-endpoint", "--db-cluster-endpoint-identifier",
                "mycustomendpoint", "--endpoint-type", "reader", "--db-cluster-identifier", "sample-cluster",
                "--static-members", "dbinstance1", "dbinstance2");
        assertSameShape("create-db-cluster-endpoint.rst", 0, endpoint);
        assertThat(endpoint.path("CustomEndpointType").asText()).isEqualTo("READER");
        awaitEndpointStatus("mycustomendpoint", "available");
        // A READER endpoint that lists the writer reaches only its reader.
        assertThat(mariadb(endpoint.path("Endpoint").asText(), port, "secret99", "SELECT @@report_host"))
                .isEqualTo("dbinstance2");

        JsonNode modified = run("rds", "modify-db-cluster-endpoint", "--db-cluster-endpoint-identifier",
                "mycustomendpoint", "--static-members", "dbinstance2");
        assertSameShape("modify-db-cluster-endpoint.rst", 0, modified);
        assertThat(modified.path("Status").asText()).isEqualTo("modifying");
        awaitEndpointStatus("mycustomendpoint", "available");

        JsonNode endpoints = run("rds", "describe-db-cluster-endpoints");
        JsonNode expectedEndpoints = example("describe-db-cluster-endpoints.rst", 0);
        assertThat(endpoints.path("DBClusterEndpoints")).hasSize(3);
        assertSameShape(expectedEndpoints.at("/DBClusterEndpoints/0"), endpoints.at("/DBClusterEndpoints/0"), Set.of(), "");
        assertSameShape(expectedEndpoints.at("/DBClusterEndpoints/1"), endpoints.at("/DBClusterEndpoints/1"), Set.of(), "");
        assertSameShape(example("create-db-cluster-endpoint.rst", 0), endpoints.at("/DBClusterEndpoints/2"), Set.of(), "");

        String arn = writer.path("DBClusterArn").asText();
        AwsCliResult tagged = aws.run("rds", "add-tags-to-resource", "--resource-name", arn, "--tags",
                "[{\"Key\": \"Name\",\"Value\": \"MyDatabase\"},{\"Key\": \"Environment\",\"Value\": \"test\"}]");
        assertThat(tagged.exitCode()).as(tagged.toString()).isZero();
        assertThat(tagged.stdout()).isBlank();
        JsonNode tags = run("rds", "list-tags-for-resource", "--resource-name", arn);
        assertSameShape("list-tags-for-resource.rst", 0, tags);
        assertThat(tags.path("TagList")).hasSize(2);

        JsonNode passwordChanged = run("rds", "modify-db-cluster", "--db-cluster-identifier", "sample-cluster",
                "--backup-retention-period", "14", "--master-user-password", "newpassword99", "--apply-immediately");
        assertSameShape("modify-db-cluster.rst", 0, passwordChanged, "KmsKeyId", "EarliestRestorableTime");
        assertThat(passwordChanged.at("/DBCluster/BackupRetentionPeriod").asInt()).isEqualTo(14);
        await().atMost(RdsTestSupport.DEADLINE).until(() ->
                "dbinstance1".equals(mariadb(clusterEndpoint, port, "newpassword99", "SELECT @@report_host")));

        JsonNode rebooting = run("rds", "reboot-db-instance", "--db-instance-identifier", "dbinstance2");
        assertSameShape("reboot-db-instance.rst", 0, rebooting);
        assertThat(rebooting.at("/DBInstance/DBInstanceStatus").asText()).isEqualTo("rebooting");
        awaitInstanceStatus("dbinstance2", "available");

        JsonNode failingOver = run("rds", "failover-db-cluster", "--db-cluster-identifier", "sample-cluster");
        assertSameShape("docdb-failover-db-cluster.rst", 0, failingOver, "EnabledCloudwatchLogsExports");
        await().atMost(RdsTestSupport.DEADLINE).until(() ->
                "dbinstance2".equals(mariadb(clusterEndpoint, port, "newpassword99", "SELECT @@report_host")));

        awaitInstanceStatus("dbinstance1", "available");
        JsonNode tiered = run("rds", "modify-db-instance", "--db-instance-identifier", "dbinstance1",
                "--promotion-tier", "0", "--apply-immediately");
        assertSameShape("modify-db-instance.rst", 0, tiered, "CharacterSetName", "SecondaryAvailabilityZone",
                "MaxAllocatedStorage");
        assertSameShape("modify-db-instance.rst", 1, tiered);
        assertThat(tiered.at("/DBInstance/PromotionTier").asInt()).isZero();

        awaitClusterStatus("available");
        JsonNode stopping = run("rds", "stop-db-cluster", "--db-cluster-identifier", "sample-cluster");
        assertSameShape("stop-db-cluster.rst", 0, stopping);
        awaitClusterStatus("stopped");
        assertThat(mariadb(clusterEndpoint, port, "newpassword99", "SELECT 1")).isNull();
        JsonNode starting = run("rds", "start-db-cluster", "--db-cluster-identifier", "sample-cluster");
        assertSameShape("start-db-cluster.rst", 0, starting);
        awaitClusterStatus("available");
        assertThat(mariadb(clusterEndpoint, port, "newpassword99", "SELECT @@report_host")).isEqualTo("dbinstance2");

        JsonNode endpointDeleted = run("rds", "delete-db-cluster-endpoint", "--db-cluster-endpoint-identifier",
                "mycustomendpoint");
        assertSameShape("delete-db-cluster-endpoint.rst", 0, endpointDeleted);
        assertThat(endpointDeleted.path("Status").asText()).isEqualTo("deleting");

        for (String id : List.of("dbinstance1", "dbinstance2")) {
            JsonNode deleting = run("rds", "delete-db-instance", "--db-instance-identifier", id);
            assertSameShape("delete-db-cluster.rst", 0, deleting);
            assertSameShape("delete-db-instance.rst", 0, deleting);
        }
        await().atMost(RdsTestSupport.DEADLINE).until(() -> aws.run("rds", "describe-db-instances").json()
                .path("DBInstances").isEmpty());
        AwsCliResult deletedWait = aws.run("rds", "wait", "db-instance-deleted", "--db-instance-identifier", "dbinstance1");
        assertThat(deletedWait.exitCode()).as(deletedWait.toString()).isZero();

        AwsCliResult withSnapshot = aws.run("rds", "delete-db-cluster", "--db-cluster-identifier", "sample-cluster",
                "--no-skip-final-snapshot", "--final-db-snapshot-identifier", "sample-final");
        assertThat(withSnapshot.exitCode()).isEqualTo(254);
        assertThat(withSnapshot.stderr()).contains("(NotImplemented)").contains("snapshot");
        JsonNode clusterDeleted = run("rds", "delete-db-cluster", "--db-cluster-identifier", "sample-cluster",
                "--skip-final-snapshot");
        assertSameShape("delete-db-cluster.rst", 1, clusterDeleted);
        assertThat(clusterDeleted.at("/DBCluster/Status").asText()).isEqualTo("deleting");
        await().atMost(RdsTestSupport.DEADLINE).until(() -> aws.run("rds", "describe-db-clusters").json()
                .path("DBClusters").isEmpty());

        JsonNode events = run("rds", "describe-events", "--source-type", "db-cluster", "--duration", "60");
        List<String> messages = new ArrayList<>();
        events.path("Events").forEach(e -> messages.add(e.path("Message").asText()));
        assertThat(messages).contains("DB cluster created", "DB cluster stopped", "DB cluster started",
                "DB cluster deleted").anyMatch(m -> m.startsWith("Completed failover to DB instance: dbinstance2"));
        AwsCliResult missing = aws.run("rds", "describe-db-clusters", "--db-cluster-identifier", "sample-cluster");
        assertThat(missing.exitCode()).isEqualTo(254);
        assertThat(missing.stderr()).contains("(DBClusterNotFoundFault)");
    }

    // ---- helpers ----

    private static JsonNode run(String... args) {
        AwsCliResult result = aws.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.json();
    }

    /** {@code mariadb -h … -e sql}'s output, or {@code null} when it fails (to connect, to log in). */
    private static String mariadb(String host, int port, String password, String sql) throws Exception {
        Process process = new ProcessBuilder("mariadb", "-h", host, "-P", Integer.toString(port), "-u", "admin",
                "-p" + password, "--batch", "--skip-column-names", "--connect-timeout=3", "-e", sql)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        return process.waitFor() == 0 ? output : null;
    }

    private static void awaitEndpointStatus(String id, String status) {
        await().atMost(RdsTestSupport.DEADLINE).until(() -> run("rds", "describe-db-cluster-endpoints",
                "--db-cluster-endpoint-identifier", id).at("/DBClusterEndpoints/0/Status").asText().equals(status));
    }

    private static void awaitInstanceStatus(String id, String status) {
        await().atMost(RdsTestSupport.DEADLINE).until(() -> run("rds", "describe-db-instances",
                "--db-instance-identifier", id).at("/DBInstances/0/DBInstanceStatus").asText().equals(status));
    }

    private static void awaitClusterStatus(String status) {
        await().atMost(RdsTestSupport.DEADLINE).until(() -> run("rds", "describe-db-clusters",
                "--db-cluster-identifier", "sample-cluster").at("/DBClusters/0/Status").asText().equals(status));
    }

    /** The {@code index}-th JSON output block of an example file, with "…output omitted…" lines dropped. */
    static JsonNode example(String file, int index) throws IOException {
        String rst = Files.readString(Corpora.require("awscli-examples/rds/" + file)).replace("\r\n", "\n");
        Matcher matcher = OUTPUT.matcher(rst);
        for (int i = 0; matcher.find(); i++) {
            if (i == index) {
                String json = matcher.group(1).lines().filter(line -> !line.contains("..."))
                        .reduce("", (a, b) -> a + b + "\n");
                return JSON.readTree(json.replaceAll(",(\\s*[}\\]])", "$1"));
            }
        }
        throw new AssertionError(file + " has no output block " + index);
    }

    private static void assertSameShape(String file, int index, JsonNode actual, String... allowedMissing)
            throws IOException {
        assertSameShape(example(file, index), actual, Set.of(allowedMissing), file);
    }

    /**
     * Every key of {@code expected} is in {@code actual} (but those allowed missing: keys AWS shows
     * only for options the example used), with a value of the same JSON type; objects and the
     * first element of non-empty arrays are compared the same way.
     */
    private static void assertSameShape(JsonNode expected, JsonNode actual, Set<String> allowedMissing, String path) {
        CliExampleChecks.assertSameShape(expected, actual, allowedMissing, path);
    }
}

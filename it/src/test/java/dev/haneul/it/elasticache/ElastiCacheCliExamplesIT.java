package dev.haneul.it.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.testing.Corpora;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * The AWS CLI's own ElastiCache examples (../shared/corpora/awscli-examples/elasticache), run as
 * written against Haneul: the output has the example's keys, with the same JSON types. Keys of
 * features Haneul does not emulate ({@link #NOT_EMULATED}) are not expected; examples of
 * operations it does not emulate must fail with {@code NotImplemented}.
 */
class ElastiCacheCliExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Log delivery, SNS notifications, global datastores, snapshots, VPC security groups, cluster mode enabled. */
    private static final Set<String> NOT_EMULATED = Set.of("LogDeliveryConfigurations", "NotificationConfiguration",
            "GlobalReplicationGroupInfo", "SnapshottingClusterId", "ConfigurationEndpoint", "Slots", "SecurityGroups");
    private static final List<String> NOT_IMPLEMENTED = List.of("create-cache-subnet-group",
            "describe-cache-subnet-groups", "modify-replication-group-shard-configuration", "reboot-cache-cluster");

    private static final Executor RUNNER = runnable -> Thread.ofVirtual().start(runnable);

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void everyExampleRunsAndAnswersWithTheExamplesShape() throws Exception {
        assumeThat(AwsCli.binary()).as("the AWS CLI is installed").isPresent();
        Path examples = Corpora.require("awscli-examples/elasticache");
        AwsCli aws = haneul.awsCli();
        try (ElastiCacheClient client = haneul.client(ElastiCacheClient.builder())) {
            runExample(aws, examples, "create-replication-group");
            Caches.awaitAvailable(client, "mygroup");
            assertThat(aws.run("elasticache", "wait", "replication-group-available", "--replication-group-id", "mygroup")
                    .exitCode()).isZero();

            // The groups the other examples work on, under the names they use.
            client.createReplicationGroup(r -> r.replicationGroupId("my-cluster").replicationGroupDescription(" ")
                    .numCacheClusters(2));
            client.createReplicationGroup(r -> r.replicationGroupId("mycluster").replicationGroupDescription("My Cluster")
                    .numCacheClusters(3).automaticFailoverEnabled(true));
            client.createReplicationGroup(r -> r.replicationGroupId("test-cluster").replicationGroupDescription("test-cluster")
                    .numCacheClusters(3).automaticFailoverEnabled(true).multiAZEnabled(true));
            for (String id : List.of("my-cluster", "mycluster", "test-cluster")) {
                Caches.awaitAvailable(client, id);
            }

            runExample(aws, examples, "describe-replication-groups");
            runExample(aws, examples, "describe-cache-clusters");
            runExample(aws, examples, "increase-replica-count");
            Caches.awaitAvailable(client, "my-cluster");
            runExample(aws, examples, "decrease-replica-count");
            Caches.awaitAvailable(client, "my-cluster");
            runExample(aws, examples, "test-failover");
            runExample(aws, examples, "modify-replication-group");
            Caches.awaitAvailable(client, "test-cluster");
            runExample(aws, examples, "describe-events");
            runExample(aws, examples, "delete-replication-group");
            Caches.awaitDeleted(client, "mygroup");
            assertThat(aws.run("elasticache", "wait", "replication-group-deleted", "--replication-group-id", "mygroup")
                    .exitCode()).isZero();

            // Independent of each other: run side by side (each AWS CLI start takes seconds on a busy machine).
            Map<String, CompletableFuture<AwsCliResult>> refused = new TreeMap<>();
            for (String name : NOT_IMPLEMENTED) {
                String[] command = command(Files.readString(examples.resolve(name + ".rst")));
                refused.put(name, CompletableFuture.supplyAsync(() -> aws.run(command), RUNNER));
            }
            refused.forEach((name, future) -> {
                AwsCliResult result = future.join();
                assertThat(result.exitCode()).as(name + ": " + result).isEqualTo(254);
                assertThat(result.stderr()).as(name).contains("(NotImplemented)");
            });
        }
        Set<String> covered = new TreeSet<>(NOT_IMPLEMENTED);
        covered.addAll(List.of("create-replication-group", "describe-replication-groups", "describe-cache-clusters",
                "increase-replica-count", "decrease-replica-count", "test-failover", "modify-replication-group",
                "describe-events", "delete-replication-group"));
        try (Stream<Path> files = Files.list(examples)) {
            assertThat(files.map(f -> f.getFileName().toString().replace(".rst", ""))).as("every example is run")
                    .allMatch(covered::contains);
        }
    }

    private static void runExample(AwsCli aws, Path examples, String name) throws IOException {
        String rst = Files.readString(examples.resolve(name + ".rst"));
        AwsCliResult result = aws.run(command(rst));
        assertThat(result.exitCode()).as(name + ": " + result).isZero();
        assertSameShape(output(rst), result.json(), name);
    }

    /** The example's command line, without {@code aws}, split as a shell would (double quotes only). */
    static String[] command(String rst) {
        int start = rst.indexOf("    aws elasticache ");
        StringBuilder line = new StringBuilder();
        for (String part : rst.substring(start).lines().toList()) {
            String trimmed = part.strip();
            if (trimmed.isEmpty() && !line.isEmpty()) {
                break;
            }
            boolean continued = trimmed.endsWith("\\") || trimmed.endsWith(" /");
            line.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continued) {
                break;
            }
        }
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toString().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    args.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        assertThat(args.get(0)).isEqualTo("aws");
        return args.subList(1, args.size()).toArray(String[]::new);
    }

    /** The JSON after the example's {@code Output::} line. */
    static JsonNode output(String rst) throws IOException {
        int output = rst.indexOf("Output");
        return JSON.readTree(rst.substring(rst.indexOf('{', output)));
    }

    /** Every key of {@code expected} (less {@link #NOT_EMULATED}) is in {@code actual}, with the same JSON type. */
    static void assertSameShape(JsonNode expected, JsonNode actual, String path) {
        assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                if (NOT_EMULATED.contains(field.getKey())) {
                    continue;
                }
                String at = path + "." + field.getKey();
                assertThat(actual.has(field.getKey())).as("%s is present", at).isTrue();
                assertSameShape(field.getValue(), actual.get(field.getKey()), at);
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            assertThat(actual).as("%s is not empty", path).isNotEmpty();
            assertSameShape(expected.get(0), actual.get(0), path + "[0]");
        }
    }
}

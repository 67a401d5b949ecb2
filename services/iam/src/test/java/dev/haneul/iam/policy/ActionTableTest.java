package dev.haneul.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The action table against the API models this repository emulates: every operation of every
 * bundled service has an entry, every entry names a known action, and the facts the evaluator
 * relies on (resource types, ARN formats, service condition keys) are there.
 */
class ActionTableTest {

    private static final ActionTable TABLE = ActionTable.load();
    private static final Map<String, String> MODELS = Map.of(
            "elasticache", "services/elasticache/src/main/resources/dev/haneul/elasticache/service-2.json",
            "elasticloadbalancing", "services/elbv2/src/main/resources/dev/haneul/elbv2/service-2.json",
            "iam", "services/iam/src/main/resources/dev/haneul/iam/service-2.json",
            "rds", "services/rds/src/main/resources/dev/haneul/rds/service-2.json",
            "s3", "services/s3/src/main/resources/dev/haneul/s3/service-2.json",
            "sts", "services/sts/src/main/resources/dev/haneul/sts/service-2.json",
            "wafv2", "services/wafv2/src/main/resources/dev/haneul/wafv2/service-2.json");

    @TestFactory
    Stream<DynamicTest> everyModelledOperationHasAnEntry() {
        return ActionTable.SERVICES.stream().map(prefix -> DynamicTest.dynamicTest(prefix, () -> {
            ActionTable.ServiceActions service = TABLE.service(prefix);
            List<String> missing = new ArrayList<>();
            List<String> operations = operations(MODELS.get(prefix));
            for (String operation : operations) {
                List<String> actions = service.actionsFor(operation);
                if (actions == null && !service.notInReference().containsKey(operation)) {
                    missing.add(operation);
                } else if (actions != null) {
                    actions.forEach(a -> assertThat(TABLE.action(a)).as(operation + " -> " + a).isNotNull());
                }
            }
            assertThat(missing).as(prefix + ": operations without an entry").isEmpty();
            assertThat(service.sources()).as("the file names its sources").isNotEmpty();
        }));
    }

    @Test
    void deleteDbClusterTakesTheClusterAndItsFinalSnapshot() {
        ActionTable.ActionDefinition action = TABLE.action("rds:DeleteDBCluster");
        ActionTable.ResourceType cluster = TABLE.service("rds").resourceTypes().get("cluster");

        assertThat(action.resources()).extracting(ActionTable.ResourceRequirement::type,
                ActionTable.ResourceRequirement::required).containsExactly(
                Tuple.tuple("cluster", true),
                Tuple.tuple("cluster-snapshot", true));
        assertThat(action.resources().get(0).conditionKeys())
                .containsExactly("aws:ResourceTag/${TagKey}", "rds:cluster-tag/${TagKey}");
        assertThat(cluster.arnFormat()).isEqualTo("arn:${Partition}:rds:${Region}:${Account}:cluster:${DbClusterInstanceName}");
        assertThat(cluster.matches("arn:aws:rds:us-east-1:000000000000:cluster:board-db")).isTrue();
        assertThat(cluster.matches("arn:aws:rds:us-east-1:000000000000:db:board-db-1")).isFalse();
        assertThat(cluster.arn(Map.of("Partition", "aws", "Region", "us-east-1", "Account", "000000000000",
                "DbClusterInstanceName", "board-db"))).isEqualTo("arn:aws:rds:us-east-1:000000000000:cluster:board-db");
    }

    @Test
    void keySetsExpandAndActionsCompareCaseInsensitively() {
        ActionTable.ActionDefinition create = TABLE.action("ELASTICACHE:createreplicationgroup");

        assertThat(create.iamName()).isEqualTo("elasticache:CreateReplicationGroup");
        assertThat(create.resources()).filteredOn(r -> r.type().equals("replicationgroup")).singleElement()
                .satisfies(r -> assertThat(r.conditionKeys()).contains("aws:RequestTag/${TagKey}",
                        "elasticache:TransitEncryptionEnabled").doesNotContain("$RG"));
        assertThat(TABLE.action("elasticloadbalancing:CreateLoadBalancer").resources())
                .extracting(ActionTable.ResourceRequirement::type)
                .containsExactly("loadbalancer/app/", "loadbalancer/gwy/", "loadbalancer/net/");
        assertThat(TABLE.action("rds:NoSuchAction")).isNull();
        assertThat(TABLE.action("no-colon")).isNull();
    }

    @Test
    void operationsWithoutAnAction() {
        assertThat(TABLE.service("sts").actionsFor("GetCallerIdentity")).isEmpty();
        assertThat(TABLE.service("sts").actionsFor("AssumeRole")).containsExactly("sts:AssumeRole");
        assertThat(TABLE.service("rds").actionsFor("DescribeServerlessV2PlatformVersions")).isNull();
        assertThat(TABLE.service("rds").notInReference()).containsKey("DescribeServerlessV2PlatformVersions");
    }

    /** The brief's example: an RDS delete allowed by the cluster's tag, through the table's key names. */
    @Test
    void clusterTagConditionDecidesDeleteDbCluster() {
        String clusterTagKey = TABLE.action("rds:DeleteDBCluster").resources().get(0).conditionKeys().get(1)
                .replace("${TagKey}", "env");
        CompiledPolicy policy = Fixtures.identity(Fixtures.allowWhen("rds:DeleteDBCluster",
                "arn:aws:rds:*:*:cluster:*", "{\"StringEquals\":{\"" + clusterTagKey + "\":\"dev\"}}"));
        Principal dev = Principal.user("000000000000", "/", "dev", "AIDADEV", Map.of());
        String cluster = "arn:aws:rds:us-east-1:000000000000:cluster:board-db";
        Evaluator evaluator = new Evaluator();

        RequestContext devCluster = RequestContext.builder(dev, "rds:DeleteDBCluster").resource(cluster)
                .resourceTags(Map.of("env", "dev"), "rds:cluster-tag/").build();
        RequestContext prodCluster = RequestContext.builder(dev, "rds:DeleteDBCluster").resource(cluster)
                .resourceTags(Map.of("env", "prod"), "rds:cluster-tag/").build();
        Decision denied = evaluator.evaluate(PolicySet.of(policy), prodCluster);

        assertThat(evaluator.evaluate(PolicySet.of(policy), devCluster).allowed()).isTrue();
        assertThat(DenialMessage.format(denied, prodCluster)).isEqualTo("User: arn:aws:iam::000000000000:user/dev is "
                + "not authorized to perform: rds:DeleteDBCluster on resource: " + cluster
                + " because no identity-based policy allows the rds:DeleteDBCluster action");
    }

    private static List<String> operations(String relative) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve(relative))) {
            root = root.getParent();
        }
        assertThat(root).as(relative + " above the working directory").isNotNull();
        JsonNode model = new ObjectMapper().readTree(root.resolve(relative).toFile());
        List<String> names = new ArrayList<>();
        model.path("operations").fieldNames().forEachRemaining(names::add);
        return names;
    }
}

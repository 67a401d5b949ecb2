package dev.haneul.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haneul.core.testing.Corpora;
import dev.haneul.core.testing.HttpBackend;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The real AWS CLI v2 against Haneul: the {@code load-balancer-available} and
 * {@code target-in-service} waiters, and the examples of the CLI's own ELBv2 reference pages
 * ({@code ../shared/corpora/awscli-examples/elbv2}) run as printed, with the page's ARNs swapped
 * for Haneul's, each output checked to have the page's members with the page's types.
 */
class Elbv2CliIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static final Pattern ARN = Pattern.compile(
            "arn:aws:elasticloadbalancing:[a-z0-9-]+:\\d{12}:(loadbalancer|listener|listener-rule|targetgroup)/([^,\\s\"']+)");

    private static AwsCli aws;
    private static HttpBackend backend;
    private static Path files;
    private final Map<String, String> arns = new HashMap<>();

    @BeforeAll
    static void cli() throws Exception {
        assumeThat(AwsCli.binary()).as("the AWS CLI is installed").isPresent();
        aws = haneul.awsCli();
        backend = HttpBackend.start("cli");
        files = Files.createTempDirectory("elbv2-cli-files");
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    private JsonNode ok(String... args) {
        AwsCliResult result = aws.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isZero();
        return result.json();
    }

    @Test
    void waitersSeeLoadBalancersActiveAndTargetsInService() {
        String lb = ok("elbv2", "create-load-balancer", "--name", "waited", "--subnets", "subnet-0a1b2c3d",
                "subnet-4e5f6a7b").path("LoadBalancers").get(0).path("LoadBalancerArn").asText();
        ok("elbv2", "wait", "load-balancer-available", "--load-balancer-arns", lb);
        String tg = ok("elbv2", "create-target-group", "--name", "waited", "--protocol", "HTTP", "--port", "80",
                "--target-type", "ip", "--vpc-id", "vpc-0a1b2c3d", "--health-check-path", "/health")
                .path("TargetGroups").get(0).path("TargetGroupArn").asText();
        ok("elbv2", "register-targets", "--target-group-arn", tg, "--targets", "Id=127.0.0.1,Port=" + backend.port());
        ok("elbv2", "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTP", "--port", "80",
                "--default-actions", "Type=forward,TargetGroupArn=" + tg);
        new Elbv2Fixture(haneul.client(ElasticLoadBalancingV2Client.builder())).awaitHealthy(tg, 1);
        ok("elbv2", "wait", "target-in-service", "--target-group-arn", tg);
    }

    /** Runs example {@code index} of {@code page}, its ARNs swapped for ours; compares its output. */
    private JsonNode example(String page, int index, String... ignoredPaths) throws Exception {
        CliExamples examples = CliExamples.read(Corpora.require("awscli-examples/elbv2/" + page + ".rst"));
        for (Map.Entry<String, String> file : examples.files().entrySet()) {
            Files.writeString(files.resolve(file.getKey()), file.getValue());
        }
        CliExamples.Example example = examples.examples().get(index);
        List<String> args = new ArrayList<>();
        for (String arg : example.args()) {
            args.add(swap(arg.replace("file://", "file://" + files + "/")));
        }
        JsonNode output = ok(args.toArray(String[]::new));
        if (example.output() != null) {
            assertThat(CliExamples.differences(example.output(), output, "", List.of(ignoredPaths)))
                    .as(page + " example " + (index + 1) + ": " + output).isEmpty();
        }
        return output;
    }

    private String swap(String arg) {
        Matcher m = ARN.matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String type = m.group(1);
            String path = m.group(2);
            String key = switch (type) {
                case "loadbalancer", "listener" -> type + "/" + path.substring(0, 3);
                case "targetgroup" -> "targetgroup/" + path.substring(0, path.indexOf('/'));
                default -> type;
            };
            String ours = arns.get(key);
            assertThat(ours).as("an ARN of ours for " + key).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(ours));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void remember(JsonNode output, String list, String arnField, String key) {
        arns.put(key, output.path(list).get(0).path(arnField).asText());
    }

    @Test
    void theReferenceExamplesRunAndPrintWhatThePagesShow() throws Exception {
        remember(example("create-load-balancer", 0), "LoadBalancers", "LoadBalancerArn", "loadbalancer/app");
        remember(example("create-load-balancer", 2, ".LoadBalancers[].AvailabilityZones[].LoadBalancerAddresses"),
                "LoadBalancers", "LoadBalancerArn", "loadbalancer/net");
        remember(example("create-target-group", 0), "TargetGroups", "TargetGroupArn", "targetgroup/my-targets");
        remember(example("create-target-group", 2), "TargetGroups", "TargetGroupArn", "targetgroup/my-ip-targets");
        arns.put("targetgroup/my-tcp-targets", arns.get("targetgroup/my-ip-targets"));
        arns.put("targetgroup/my-tcp-ip-targets", arns.get("targetgroup/my-ip-targets"));
        String web = ok("elbv2", "create-target-group", "--name", "my-new-targets", "--protocol", "HTTP", "--port", "80",
                "--target-type", "ip", "--vpc-id", "vpc-3ac0fb5f", "--health-check-path", "/health")
                .path("TargetGroups").get(0).path("TargetGroupArn").asText();
        arns.put("targetgroup/my-new-targets", web);

        remember(example("create-listener", 0), "Listeners", "ListenerArn", "listener/app");
        remember(example("create-listener", 2), "Listeners", "ListenerArn", "listener/net");
        example("create-rule", 1);
        remember(example("create-rule", 0), "Rules", "RuleArn", "listener-rule");
        example("register-targets", 2);
        ok("elbv2", "register-targets", "--target-group-arn", web, "--targets", "Id=127.0.0.1,Port=" + backend.port());

        example("describe-load-balancers", 0);
        example("describe-target-groups", 0);
        example("describe-listeners", 1, ".Listeners[].SslPolicy", ".Listeners[].Certificates");
        example("describe-rules", 1);
        example("modify-listener", 0);
        new Elbv2Fixture(haneul.client(ElasticLoadBalancingV2Client.builder())).awaitHealthy(web, 1);
        arns.put("targetgroup/my-targets", web);
        example("describe-target-health", 0);
        example("modify-rule", 0);
        example("set-rule-priorities", 0);
        example("describe-load-balancer-attributes", 0);
        example("modify-load-balancer-attributes", 1);
        example("describe-target-group-attributes", 0);
        example("modify-target-group-attributes", 0);
        example("add-tags", 0);
        example("describe-tags", 0);
        example("remove-tags", 0);
        example("set-security-groups", 0);
        example("set-subnets", 0);
        example("set-ip-address-type", 0);
        example("describe-account-limits", 0);
        example("delete-rule", 0);
        example("delete-listener", 0);
        example("delete-load-balancer", 0);
        AwsCliResult instances = aws.run(swapAll(CliExamples.read(
                Corpora.require("awscli-examples/elbv2/register-targets.rst")).examples().get(0).args()));
        assertThat(instances.exitCode()).as("no EC2 instances in Haneul").isEqualTo(254);
        assertThat(instances.stderr()).contains("InvalidTarget");
    }

    private String[] swapAll(List<String> args) {
        arns.put("targetgroup/my-targets", arns.get("targetgroup/my-ip-targets"));
        return args.stream().map(this::swap).toArray(String[]::new);
    }
}

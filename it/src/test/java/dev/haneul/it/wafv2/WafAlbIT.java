package dev.haneul.it.wafv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.testing.HttpBackend;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.CustomResponseBody;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.SampledHTTPRequest;
import software.amazon.awssdk.services.wafv2.model.Scope;

/**
 * The "done when", with the AWS CLI only: a web ACL with the Common and SQLi managed rule
 * groups plus a rate-based rule, associated with an ALB, answers 403 to
 * {@code /?id=1%27%20OR%201=1--} while ordinary requests reach the target; then, through the SDK,
 * a custom rule's custom response, an IP set update taking effect at once, sampled requests and log
 * lines in AWS's format under the destination bucket's folder.
 */
class WafAlbIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static HttpBackend backend;
    private static ElasticLoadBalancingV2Client elbv2;
    private static Wafv2Client waf;
    private static S3Client s3;
    private static String lbArn;
    private static String albUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void alb() {
        backend = HttpBackend.start("board");
        elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder());
        waf = haneul.client(Wafv2Client.builder());
        s3 = haneul.client(S3Client.builder().forcePathStyle(true));
        LoadBalancer lb = elbv2.createLoadBalancer(r -> r.name("waf-board").subnets("subnet-0a1b2c3d", "subnet-4e5f6a7b"))
                .loadBalancers().get(0);
        lbArn = lb.loadBalancerArn();
        String tg = elbv2.createTargetGroup(r -> r.name("waf-board-tg").protocol(ProtocolEnum.HTTP).port(80)
                .targetType(TargetTypeEnum.IP).vpcId("vpc-0a1b2c3d").healthCheckPath("/health")
                .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)).targetGroups().get(0).targetGroupArn();
        elbv2.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(backend.port())));
        int port = elbv2.createListener(r -> r.loadBalancerArn(lbArn).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type("forward").targetGroupArn(tg))).listeners().get(0).port();
        albUrl = "http://" + lb.dnsName() + ":" + port;
        await().atMost(Duration.ofSeconds(15)).until(() -> elbv2.describeTargetHealth(r -> r.targetGroupArn(tg))
                .targetHealthDescriptions().stream().allMatch(d -> d.targetHealth().stateAsString().equals("healthy")));
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(albUrl + pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int curl(String url) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", url)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return Integer.parseInt(out.trim());
    }

    private static JsonNode aws(String... args) {
        AwsCliResult result = haneul.awsCli().run(args);
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result.json();
    }

    @Test
    void theCliAloneProtectsAnAlbFromSqlInjectionWhileOrdinaryRequestsPass(@TempDir Path dir) throws Exception {
        assumeThat(AwsCli.binary()).as("the AWS CLI v2 (Debian package awscli)").isPresent();
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, """
                [
                  {"Name": "AWS-AWSManagedRulesCommonRuleSet", "Priority": 0, "OverrideAction": {"None": {}},
                   "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}},
                   "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "common"}},
                  {"Name": "AWS-AWSManagedRulesSQLiRuleSet", "Priority": 1, "OverrideAction": {"None": {}},
                   "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesSQLiRuleSet"}},
                   "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "sqli"}},
                  {"Name": "rate-limit", "Priority": 2, "Action": {"Block": {}},
                   "Statement": {"RateBasedStatement": {"Limit": 1000, "AggregateKeyType": "IP"}},
                   "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "rate"}}
                ]
                """);
        long capacity = aws("wafv2", "check-capacity", "--scope", "REGIONAL", "--rules", "file://" + rules)
                .path("Capacity").asLong();
        assertThat(capacity).isGreaterThan(900);
        JsonNode summary = aws("wafv2", "create-web-acl", "--name", "board-protection", "--scope", "REGIONAL",
                "--default-action", "Allow={}", "--rules", "file://" + rules, "--visibility-config",
                "SampledRequestsEnabled=true,CloudWatchMetricsEnabled=true,MetricName=board-protection").path("Summary");
        String aclArn = summary.path("ARN").asText();
        aws("wafv2", "associate-web-acl", "--web-acl-arn", aclArn, "--resource-arn", lbArn);
        assertThat(aws("wafv2", "get-web-acl-for-resource", "--resource-arn", lbArn).path("WebACL").path("Capacity").asLong())
                .isEqualTo(capacity);

        assertThat(curl(albUrl + "/?id=1%27%20OR%201=1--")).isEqualTo(403);
        assertThat(curl(albUrl + "/board?page=2")).isEqualTo(200);
        HttpResponse<String> browser = get("/", "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0",
                "Accept", "text/html");
        assertThat(browser.statusCode()).isEqualTo(200);

        Instant now = Instant.now();
        JsonNode sampled = aws("wafv2", "get-sampled-requests", "--web-acl-arn", aclArn, "--rule-metric-name", "sqli",
                "--scope", "REGIONAL", "--max-items", "10", "--time-window",
                "StartTime=" + now.minusSeconds(600).getEpochSecond() + ",EndTime=" + now.plusSeconds(60).getEpochSecond());
        assertThat(sampled.path("SampledRequests")).isNotEmpty();
        assertThat(sampled.path("SampledRequests").get(0).path("Action").asText()).isEqualTo("BLOCK");

        aws("wafv2", "disassociate-web-acl", "--resource-arn", lbArn);
        assertThat(curl(albUrl + "/?id=1%27%20OR%201=1--")).isEqualTo(200);
    }

    @Test
    void aCustomRuleBlocksWithItsCustomResponseAndFollowsItsIpSetAndLogs() throws Exception {
        var set = waf.createIPSet(r -> r.name("office").scope(Scope.REGIONAL).ipAddressVersion(IPAddressVersion.IPV4)
                .addresses("192.0.2.0/24")).summary();
        Rule denyListed = Rule.builder().name("deny-listed").priority(0)
                .statement(s -> s.ipSetReferenceStatement(i -> i.arn(set.arn())))
                .action(a -> a.block(b -> b.customResponse(c -> c.responseCode(429).customResponseBodyKey("slow")
                        .responseHeaders(h -> h.name("retry-after").value("30")))))
                .visibilityConfig(WafApiIT.visibility("denyListed")).build();
        var acl = waf.createWebACL(r -> r.name("custom").scope(Scope.REGIONAL).defaultAction(d -> d.allow(a -> { }))
                .rules(denyListed).visibilityConfig(WafApiIT.visibility("custom"))
                .customResponseBodies(Map.of("slow",
                        CustomResponseBody.builder().contentType("TEXT_PLAIN").content("slow down").build()))).summary();
        s3.createBucket(r -> r.bucket("aws-waf-logs-board"));
        waf.putLoggingConfiguration(r -> r.loggingConfiguration(c -> c.resourceArn(acl.arn())
                .logDestinationConfigs("arn:aws:s3:::aws-waf-logs-board").redactedFields(f -> f.singleHeader(h -> h.name("x-secret")))));
        waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(lbArn));
        elbv2.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lbArn).attributes(
                x -> x.key("access_logs.s3.enabled").value("true"), x -> x.key("access_logs.s3.bucket").value("logs")));
        try {
            assertThat(get("/").statusCode()).isEqualTo(200);

            String lock = waf.getIPSet(r -> r.name("office").scope(Scope.REGIONAL).id(set.id())).lockToken();
            waf.updateIPSet(r -> r.name("office").scope(Scope.REGIONAL).id(set.id()).addresses("127.0.0.0/8").lockToken(lock));
            HttpResponse<String> blocked = get("/", "X-Secret", "hunter2");
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.body()).isEqualTo("slow down");
            assertThat(blocked.headers().firstValue("x-amzn-waf-retry-after").or(() -> blocked.headers().firstValue("retry-after")))
                    .contains("30");

            List<SampledHTTPRequest> samples = waf.getSampledRequests(r -> r.webAclArn(acl.arn()).ruleMetricName("denyListed")
                    .scope(Scope.REGIONAL).maxItems(10L).timeWindow(t -> t.startTime(Instant.now().minusSeconds(600))
                            .endTime(Instant.now().plusSeconds(60)))).sampledRequests();
            assertThat(samples).isNotEmpty();
            assertThat(samples.get(0).action()).isEqualTo("BLOCK");
            assertThat(samples.get(0).responseCodeSent()).isEqualTo(429);

            // The log objects in the bucket, as AWS lays them out: gzip JSON lines, one record per request.
            String prefix = "AWSLogs/000000000000/WAFLogs/us-east-1/custom/";
            await().atMost(Duration.ofSeconds(20)).until(() -> logLines(prefix).stream().anyMatch(l -> l.contains("\"BLOCK\"")));
            List<String> keys = s3.listObjectsV2(r -> r.bucket("aws-waf-logs-board").prefix(prefix)).contents().stream()
                    .map(S3Object::key).toList();
            assertThat(keys).allMatch(k -> k.matches(prefix + "\\d{4}/\\d{2}/\\d{2}/\\d{2}/\\d{2}/000000000000_waflogs_us-east-1_custom_"
                    + "\\d{8}T\\d{4}Z_[0-9a-f]{8}\\.log\\.gz"));
            if (AwsCli.binary().isPresent()) {
                AwsCliResult listed = haneul.awsCli().run("s3", "ls", "--recursive", "s3://aws-waf-logs-board/");
                assertThat(listed.exitCode()).as("%s", listed).isZero();
                assertThat(listed.stdout()).contains(keys.get(0));
            }
            JsonNode line = JSON.readTree(logLines(prefix).stream().filter(l -> l.contains("\"BLOCK\"")).findFirst().orElseThrow());
            assertThat(line.path("webaclId").asText()).isEqualTo(acl.arn());
            assertThat(line.path("terminatingRuleId").asText()).isEqualTo("deny-listed");
            assertThat(line.path("httpSourceId").asText()).isEqualTo(lbArn);
            assertThat(line.path("responseCodeSent").asInt()).isEqualTo(429);
            List<String> secrets = new ArrayList<>();
            line.path("httpRequest").path("headers").forEach(h -> {
                if (h.path("name").asText().equalsIgnoreCase("x-secret")) {
                    secrets.add(h.path("value").asText());
                }
            });
            assertThat(secrets).containsExactly("REDACTED");

            // The load balancer's access log: the blocked request answered by the ALB, no target, actions "waf".
            Path accessLog = haneul.dataDir().resolve("logs/elbv2/000000000000/us-east-1/waf-board/access.log");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(accessLog)
                    && Files.readString(accessLog).contains(" 429 - "));
            String logged = Files.readAllLines(accessLog).stream().filter(l -> l.contains(" 429 - ")).findFirst().orElseThrow();
            assertThat(logged).contains("\"waf\"").doesNotContain("\"forward\"");
            assertThat(logged.split(" ")[4]).as("target:port").isEqualTo("-");
            assertThat(Files.readString(accessLog)).contains("\"waf,forward\"");

            // The dashboard's WAF page: the web ACL, its rates and the latest blocked request with its rule.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode acls = architecture().path("wafv2").path("webAcls");
                JsonNode custom = null;
                for (JsonNode a : acls) {
                    if (a.path("name").asText().equals("custom")) {
                        custom = a;
                    }
                }
                assertThat(custom).isNotNull();
                assertThat(custom.path("resources").toString()).contains(lbArn);
                assertThat(custom.path("total").path("blocked").asLong()).isPositive();
                assertThat(custom.path("latestBlocked").get(0).path("rule").asText()).isEqualTo("deny-listed");
                assertThat(custom.path("latestBlocked").get(0).path("action").asText()).isEqualTo("BLOCK");
            });
        } finally {
            waf.disassociateWebACL(r -> r.resourceArn(lbArn));
            elbv2.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lbArn).attributes(
                    x -> x.key("access_logs.s3.enabled").value("false")));
        }
        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    private JsonNode architecture() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(haneul.endpoint().resolve("/_haneul/api/architecture"))
                .header("X-Haneul-Token", haneul.controlToken()).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Every line of the gzip log objects under {@code prefix} in the log bucket. */
    private static List<String> logLines(String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2(r -> r.bucket("aws-waf-logs-board").prefix(prefix)).contents()) {
            byte[] gz = s3.getObjectAsBytes(r -> r.bucket("aws-waf-logs-board").key(object.key())).asByteArray();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        }
        return lines;
    }
}

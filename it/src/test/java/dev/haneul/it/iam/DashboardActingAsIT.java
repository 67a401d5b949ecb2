package dev.haneul.it.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.config.AuthMode;
import dev.haneul.it.demo.DashboardBrowser;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The dashboard acting as a principal in {@code HANEUL_AUTH=iam}: a user allowed only to look at
 * load balancers is refused a stickiness change with AWS's exact message and nothing changes; a
 * user allowed it (and a role, as {@code assumed-role/…/haneul-dashboard}) changes it, and the
 * answer names the caller; the decisions land in the decision log; a cross-site post is refused
 * whoever it claims to act as. The pages read as the chosen principal too: a list it may not read
 * is AWS's denial in its place. Then the same in headless Chromium: the selector, the denial in the
 * page, a page the principal may not read, the callers of the actions, the decisions page with its
 * filter.
 */
class DashboardActingAsIT {

    private static final String ACCOUNT = "000000000000";
    private static final String VIEWER = "arn:aws:iam::" + ACCOUNT + ":user/viewer";
    private static final String OPERATOR = "arn:aws:iam::" + ACCOUNT + ":user/operator";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/sre";
    private static final String READ = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "elasticloadbalancing:Describe*",
             "Resource": "*"}]}""";
    private static final String MODIFY = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Sticky", "Effect": "Allow",
             "Action": ["elasticloadbalancing:Describe*", "elasticloadbalancing:ModifyTargetGroupAttributes"],
             "Resource": "*"}]}""";
    private static final String TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::000000000000:root"}, "Action": "sts:AssumeRole"}]}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().auth(AuthMode.IAM);

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static String targetGroup = "";

    @BeforeAll
    static void usersAndATargetGroup() {
        Assumptions.assumeTrue(AwsCli.binary().isPresent(), "the AWS CLI is not installed");
        AwsCli aws = haneul.awsCli();
        for (List<String> command : List.of(
                List.of("iam", "create-user", "--user-name", "viewer"),
                List.of("iam", "put-user-policy", "--user-name", "viewer", "--policy-name", "Read", "--policy-document", READ),
                List.of("iam", "create-user", "--user-name", "operator"),
                List.of("iam", "put-user-policy", "--user-name", "operator", "--policy-name", "Modify",
                        "--policy-document", MODIFY),
                List.of("iam", "create-role", "--role-name", "sre", "--assume-role-policy-document", TRUST),
                List.of("iam", "put-role-policy", "--role-name", "sre", "--policy-name", "Modify",
                        "--policy-document", MODIFY))) {
            AwsCliResult result = aws.run(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        try (ElasticLoadBalancingV2Client elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder())) {
            targetGroup = elbv2.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80).targetType("ip")
                    .vpcId("vpc-0c000003")).targetGroups().get(0).targetGroupArn();
        }
    }

    /** Each test starts with stickiness off, whatever the one before did. */
    @BeforeEach
    void stickinessOff() {
        try (ElasticLoadBalancingV2Client elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder())) {
            elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(targetGroup).attributes(
                    a -> a.key("stickiness.enabled").value("false")));
        }
    }

    @Test
    void theDashboardActsAsTheChosenPrincipalAndTheLogShowsIt() throws Exception {
        JsonNode principals = JSON.readTree(get("/_haneul/api/principals").body());
        assertThat(principals.path("enforcing").asBoolean()).isTrue();
        assertThat(principals.path("principals").findValuesAsText("arn"))
                .containsExactly("arn:aws:iam::" + ACCOUNT + ":root", OPERATOR, VIEWER, ROLE);

        HttpResponse<String> denied = stickiness(VIEWER, true, null);
        assertThat(denied.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(denied.body());
        assertThat(error.path("code").asText()).isEqualTo("AccessDenied");
        assertThat(error.path("message").asText()).isEqualTo("User: " + VIEWER + " is not authorized to perform:"
                + " elasticloadbalancing:ModifyTargetGroupAttributes on resource: " + targetGroup + " because no"
                + " identity-based policy allows the elasticloadbalancing:ModifyTargetGroupAttributes action");
        assertThat(sticky()).isFalse();

        HttpResponse<String> allowed = stickiness(OPERATOR, true, null);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("X-Haneul-Caller")).contains(OPERATOR);
        assertThat(sticky()).isTrue();

        HttpResponse<String> asRole = stickiness(ROLE, false, null);
        assertThat(asRole.statusCode()).as(asRole.body()).isEqualTo(200);
        assertThat(asRole.headers().firstValue("X-Haneul-Caller"))
                .contains("arn:aws:sts::" + ACCOUNT + ":assumed-role/sre/haneul-dashboard");
        assertThat(sticky()).isFalse();

        HttpResponse<String> nobody = stickiness("arn:aws:iam::" + ACCOUNT + ":user/nobody", true, null);
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(nobody.body()).path("code").asText()).isEqualTo("InvalidParameterValue");

        JsonNode log = JSON.readTree(get("/_haneul/api/iam/decisions?principal=viewer&decision=denied").body());
        assertThat(log.path("decisions")).isNotEmpty();
        assertThat(log.path("decisions").get(0).path("action").asText())
                .isEqualTo("elasticloadbalancing:ModifyTargetGroupAttributes");
        assertThat(log.path("decisions").get(0).path("decision").asText()).isEqualTo("implicitDeny");
        JsonNode allowedLog = JSON.readTree(get("/_haneul/api/iam/decisions?principal=operator&decision=allowed").body());
        assertThat(allowedLog.path("decisions").get(0).path("statement").asText()).contains("Sticky");
    }

    @Test
    void aCrossSitePostChangesNothingWhoeverItActsAs() throws Exception {
        for (String principal : List.of("arn:aws:iam::" + ACCOUNT + ":root", OPERATOR)) {
            HttpResponse<String> answer = stickiness(principal, true, "http://evil.example");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        }
        assertThat(sticky()).isFalse();
    }

    @Test
    void thePagesReadAsTheChosenPrincipal() throws Exception {
        JsonNode asViewer = JSON.readTree(get("/_haneul/api/architecture?principal=" + VIEWER).body());
        assertThat(asViewer.path("principal").asText()).isEqualTo(VIEWER);
        assertThat(asViewer.path("denied").path("rds DescribeDBClusters").asText()).isEqualTo("AccessDenied: User: "
                + VIEWER + " is not authorized to perform: rds:DescribeDBClusters on resource: arn:aws:rds:us-east-1:"
                + ACCOUNT + ":cluster:* because no identity-based policy allows the rds:DescribeDBClusters action");
        assertThat(asViewer.path("denied").path("elasticache DescribeReplicationGroups").asText())
                .contains("is not authorized to perform: elasticache:DescribeReplicationGroups");
        assertThat(asViewer.path("denied").has("elbv2 DescribeTargetGroups")).isFalse();
        assertThat(asViewer.path("elbv2").path("targetGroups").findValuesAsText("TargetGroupName")).contains("web");

        JsonNode asRoot = JSON.readTree(get("/_haneul/api/architecture").body());
        assertThat(asRoot.path("denied").isEmpty()).as(asRoot.path("denied").toString()).isTrue();

        // The pages' reads are decided, not recorded: the log keeps what people do.
        JsonNode log = JSON.readTree(get("/_haneul/api/iam/decisions?principal=viewer").body());
        assertThat(log.path("decisions").findValuesAsText("action")).doesNotContain("rds:DescribeDBClusters");
    }

    @Test
    void inTheBrowserTheSelectorTheCallersTheDeniedPagesAndTheDecisionsPage() throws Exception {
        Assumptions.assumeTrue(DashboardBrowser.available(), "needs Debian's chromium and chromium-driver");
        Duration timeout = Duration.ofSeconds(60);
        try (DashboardBrowser browser = new DashboardBrowser(haneul.endpoint().resolve("/_haneul/"))) {
            browser.awaitElement("[name='accessKeyId']", timeout);
            browser.fill("accessKeyId", "test");
            browser.fill("secretAccessKey", "test");
            browser.submit("login");
            browser.awaitElement("[data-testid='acting-as'] option[value='" + VIEWER + "']", timeout);
            assertThat(browser.text("[data-testid='iam-mode']")).isEqualTo("IAM enforced");

            browser.select("acting-as", VIEWER);
            browser.click("stickiness-web");
            browser.await(d -> browser.text("#toast").contains("is not authorized to perform: elasticloadbalancing:"
                    + "ModifyTargetGroupAttributes"), timeout);
            assertThat(browser.text("#toast")).contains("AccessDenied: User: " + VIEWER);
            assertThat(sticky()).isFalse();

            // The viewer may look at load balancers, not at databases: AWS's answer in place of the list.
            page(browser, "db-clusters");
            browser.awaitText("denied", "is not authorized to perform: rds:DescribeDBClusters", timeout);
            assertThat(browser.text("#page-db-clusters")).contains("AccessDenied: User: " + VIEWER);
            page(browser, "target-groups");
            browser.await(d -> browser.text("#page-target-groups").contains("Target group web"), timeout);

            page(browser, "diagram");
            browser.select("acting-as", OPERATOR);
            browser.click("stickiness-web");
            browser.awaitText("activity", "done", timeout);
            assertThat(browser.text("#toast")).contains("done as " + OPERATOR);
            List<String> callers = browser.elements("[data-testid='caller']").stream().map(WebElement::getText).toList();
            assertThat(callers).containsExactly(OPERATOR, VIEWER);
            await().atMost(Duration.ofSeconds(30)).until(DashboardActingAsIT::sticky);

            browser.open(haneul.endpoint().resolve("/_haneul/#/iam-decisions"));
            browser.awaitText("decisions", "elasticloadbalancing:ModifyTargetGroupAttributes", timeout);
            browser.select("decisions-decision", "denied");
            browser.await(d -> browser.elements("[data-testid='decision']").stream()
                    .allMatch(row -> row.getText().contains("implicitDeny"))
                    && browser.text("[data-testid='decisions']").contains(VIEWER), timeout);
            assertThat(browser.text("[data-testid='decisions']")).contains("no identity-based policy allows");
        }
    }

    /** Shows the dashboard's page {@code name} as its navigation link does (the page stays loaded). */
    private static void page(DashboardBrowser browser, String name) {
        browser.elements("nav a[data-page='" + name + "']").get(0).click();
    }

    private static boolean sticky() {
        try (ElasticLoadBalancingV2Client elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder())) {
            return elbv2.describeTargetGroupAttributes(r -> r.targetGroupArn(targetGroup)).attributes().stream()
                    .anyMatch(a -> a.key().equals("stickiness.enabled") && a.value().equals("true"));
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(haneul.endpoint().resolve(path))
                .header("X-Haneul-Token", haneul.controlToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The dashboard's stickiness action as {@code principal}; from {@code origin} without the token when given. */
    private static HttpResponse<String> stickiness(String principal, boolean enabled, String origin)
            throws IOException, InterruptedException {
        URI uri = haneul.endpoint().resolve("/_haneul/api/actions/set-stickiness");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Haneul-Principal", principal)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("targetGroupArn", targetGroup, "enabled", enabled))));
        if (origin == null) {
            request.header("X-Haneul-Token", haneul.controlToken());
        } else {
            request.header("Origin", origin).header("Sec-Fetch-Site", "cross-site");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

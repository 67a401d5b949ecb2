package dev.haneul.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.gateway.RawHttpClient;
import dev.haneul.core.gateway.RawHttpClient.Answer;
import dev.haneul.testing.HaneulExtension;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * The local control surfaces attacked as a web page in the user's browser would, and as another
 * local user would: each test sends what the attack sends, byte for byte over a socket (a browser's
 * {@code Host}, {@code Origin} and {@code Sec-Fetch-*} headers included), and checks that nothing
 * happened. Every one of them changed resources, or ran a command, before the request guard, the
 * signature requirement, the control token and the app catalogue.
 */
class LocalSurfacesIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVIL = "http://evil.example";
    private static final String FORM = "application/x-www-form-urlencoded";

    static RawHttpClient http;
    static String targetGroupArn;

    @BeforeAll
    static void aTargetGroupToAttack() {
        http = new RawHttpClient(haneul.endpoint().getPort());
        try (ElasticLoadBalancingV2Client elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder())) {
            targetGroupArn = elbv2.createTargetGroup(r -> r.name("victim").protocol("HTTP").port(80).targetType("ip")
                    .vpcId("vpc-0c000003")).targetGroups().get(0).targetGroupArn();
        }
    }

    @Test
    void remoteCodeExecutionThroughJvmOptionsIsRefusedEveryWay() throws Exception {
        Path marker = haneul.dataDir().resolve("pwned");
        String jar = Path.of(System.getProperty("haneul.home", "..")).resolve("examples/board/target/board.jar").toString();
        byte[] body = JSON.writeValueAsBytes(Map.of("jar", jar, "port", 29_999, "healthPath", "/",
                "jvmOptions", List.of("-Xmx4m", "-XX:OnOutOfMemoryError=touch " + marker)));
        // A DNS-rebinding page: its own name in Host and Origin.
        Answer rebinding = http.send("PUT", "/_haneul/api/apps/pwn", browser("evil.example:" + port(), EVIL + ":" + port(),
                "same-origin", "application/json"), body);
        assertThat(rebinding.status()).isEqualTo(403);
        assertThat(code(rebinding)).isEqualTo("AccessDenied");
        // A page on another site, straight at 127.0.0.1 (its fetch is refused even before a preflight would be).
        Answer crossSite = http.send("PUT", "/_haneul/api/apps/pwn", browser(host(), EVIL, "cross-site", "application/json"),
                body);
        assertThat(crossSite.status()).isEqualTo(403);
        // A local program without the token.
        Answer noToken = http.send("PUT", "/_haneul/api/apps/pwn", List.of(Map.entry("Host", host()),
                Map.entry("Content-Type", "application/json")), body);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(code(noToken)).isEqualTo("MissingAuthenticationToken");
        // Even with the token: a request no longer says what runs.
        Answer withToken = http.send("PUT", "/_haneul/api/apps/pwn", List.of(Map.entry("Host", host()),
                Map.entry("Content-Type", "application/json"), Map.entry("X-Haneul-Token", haneul.controlToken())), body);
        assertThat(withToken.status()).isEqualTo(400);
        assertThat(code(withToken)).isEqualTo("InvalidParameterValue");
        assertThat(message(withToken)).contains("not accepted");

        Answer apps = http.send("GET", "/_haneul/api/apps", List.of(Map.entry("Host", host())), new byte[0]);
        assertThat(apps.body()).isEqualTo("[]");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aDnsRebindingPageCannotCallTheApi() throws Exception {
        Answer answer = http.sendSigned("POST", "/", "elasticloadbalancing", "us-east-1",
                List.of(Map.entry("Content-Type", FORM)), "Action=DescribeTargetGroups&Version=2015-12-01".getBytes(UTF_8));
        assertThat(answer.status()).as("control: a real client's call works").isEqualTo(200);
        // The page cannot sign; with its own name in Host it is refused before anything else anyway.
        Answer rebinding = http.send("POST", "/", browser("evil.example:" + port(), EVIL + ":" + port(), "same-origin", FORM),
                deleteTargetGroup());
        assertThat(rebinding.status()).isEqualTo(403);
        assertThat(rebinding.body()).contains("<Code>AccessDenied</Code>");
        assertTargetGroupIsIntact();
    }

    @Test
    void aCrossOriginFormPostDeletesNothing() throws Exception {
        Answer marked = http.send("POST", "/", browser(host(), EVIL, "cross-site", FORM), deleteTargetGroup());
        assertThat(marked.status()).isEqualTo(403);
        assertThat(marked.body()).contains("<Code>AccessDenied</Code>");
        // An old browser that sends neither Origin nor Sec-Fetch-Site: unsigned, so refused all the same.
        Answer unmarked = http.send("POST", "/", List.of(Map.entry("Host", host()), Map.entry("Content-Type", FORM)),
                deleteTargetGroup());
        assertThat(unmarked.status()).isEqualTo(403);
        assertThat(unmarked.body()).contains("<Code>MissingAuthenticationToken</Code>");
        assertTargetGroupIsIntact();
    }

    @Test
    void anImageTagsGetDeletesNothing() throws Exception {
        String query = "/?Action=DeleteTargetGroup&Version=2015-12-01&TargetGroupArn="
                + URLEncoder.encode(targetGroupArn, UTF_8);
        List<Map.Entry<String, String>> image = List.of(Map.entry("Host", host()), Map.entry("Sec-Fetch-Site", "cross-site"),
                Map.entry("Sec-Fetch-Mode", "no-cors"), Map.entry("Sec-Fetch-Dest", "image"), Map.entry("Accept", "image/*"));
        assertThat(http.send("GET", query, image, new byte[0]).status()).isEqualTo(403);
        Answer oldBrowser = http.send("GET", query, List.of(Map.entry("Host", host())), new byte[0]);
        assertThat(oldBrowser.status()).isEqualTo(403);
        assertThat(oldBrowser.body()).contains("<Code>MissingAuthenticationToken</Code>");
        // Fake pre-signed parameters, which an <img> could carry, are stopped by the browser's marking.
        Answer presigned = http.send("GET", query + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260101"
                + "%2Fus-east-1%2Felasticloadbalancing%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=" + "0".repeat(64), image, new byte[0]);
        assertThat(presigned.status()).isEqualTo(403);
        assertTargetGroupIsIntact();
    }

    @Test
    void aTextPlainPostChangesNothing() throws Exception {
        byte[] sticky = ("Action=ModifyTargetGroupAttributes&Version=2015-12-01&TargetGroupArn="
                + URLEncoder.encode(targetGroupArn, UTF_8)
                + "&Attributes.member.1.Key=stickiness.enabled&Attributes.member.1.Value=true").getBytes(UTF_8);
        assertThat(http.send("POST", "/", browser(host(), EVIL, "cross-site", "text/plain"), sticky).status()).isEqualTo(403);
        assertThat(http.send("POST", "/", List.of(Map.entry("Host", host()), Map.entry("Content-Type", "text/plain")), sticky)
                .body()).contains("<Code>MissingAuthenticationToken</Code>");
        Answer failover = http.send("POST", "/", browser(host(), EVIL, "cross-site", "text/plain"),
                "Action=FailoverDBCluster&Version=2014-10-31&DBClusterIdentifier=board-db".getBytes(UTF_8));
        assertThat(failover.status()).isEqualTo(403);
        try (ElasticLoadBalancingV2Client elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder())) {
            assertThat(elbv2.describeTargetGroupAttributes(r -> r.targetGroupArn(targetGroupArn)).attributes())
                    .anySatisfy(a -> {
                        assertThat(a.key()).isEqualTo("stickiness.enabled");
                        assertThat(a.value()).isEqualTo("false");
                    });
        }
    }

    @Test
    void otherMethodsThanGetAndPostAreNeverASuccess() throws Exception {
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            Answer answer = http.sendSigned(method, "/?Action=GetCallerIdentity&Version=2011-06-15", "sts", "us-east-1",
                    List.of(), new byte[0]);
            assertThat(answer.status()).as(method).isEqualTo(400);
            assertThat(answer.body()).contains("<Code>UnsupportedHttpVerb</Code>");
        }
    }

    @Test
    void anUnsignedCallIsMissingAuthenticationToken() throws Exception {
        Answer query = http.send("POST", "/", List.of(Map.entry("Host", host()), Map.entry("Content-Type", FORM)),
                "Action=GetCallerIdentity&Version=2011-06-15".getBytes(UTF_8));
        assertThat(query.status()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>MissingAuthenticationToken</Code>")
                .contains("<Message>Request is missing Authentication Token</Message>");
    }

    @Test
    void aCorsPreflightIsRefused() throws Exception {
        for (String path : List.of("/", "/_haneul/api/apps/pwn", "/_haneul/api/actions/set-stickiness")) {
            Answer answer = http.send("OPTIONS", path, List.of(Map.entry("Host", host()), Map.entry("Origin", EVIL),
                    Map.entry("Access-Control-Request-Method", "PUT"),
                    Map.entry("Access-Control-Request-Headers", "authorization,content-type,x-haneul-token")), new byte[0]);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
            assertThat(answer.header("Access-Control-Allow-Headers")).isNull();
        }
    }

    @Test
    void aDashboardActionWithoutTheTokenChangesNothing() throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("targetGroupArn", targetGroupArn, "enabled", true));
        Answer crossSite = http.send("POST", "/_haneul/api/actions/set-stickiness",
                browser(host(), EVIL, "cross-site", "text/plain"), body);
        assertThat(crossSite.status()).isEqualTo(403);
        Answer noToken = http.send("POST", "/_haneul/api/actions/set-stickiness",
                browser(host(), "http://" + host(), "same-origin", "application/json"), body);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(code(noToken)).isEqualTo("MissingAuthenticationToken");
        try (ElasticLoadBalancingV2Client elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder())) {
            assertThat(elbv2.describeTargetGroupAttributes(r -> r.targetGroupArn(targetGroupArn)).attributes())
                    .anySatisfy(a -> assertThat(a.key() + "=" + a.value()).isEqualTo("stickiness.enabled=false"));
        }
    }

    @Test
    void theDashboardPageCarriesTheTokenAndItsActionsWorkWithIt() throws Exception {
        Answer page = http.send("GET", "/_haneul/", List.of(Map.entry("Host", host()), Map.entry("Sec-Fetch-Site", "none"),
                Map.entry("Sec-Fetch-Mode", "navigate"), Map.entry("Sec-Fetch-Dest", "document")), new byte[0]);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<meta name=\"haneul-token\" content=\"" + haneul.controlToken() + "\">");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");

        Answer bad = http.send("POST", "/_haneul/api/actions/failover-db-cluster", sameOrigin("application/json"),
                "not json".getBytes(UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(code(bad)).isEqualTo("InvalidParameterValue");
        assertThat(bad.body()).doesNotContain("java.").doesNotContain("Exception").doesNotContain("LinkedHashMap");
        Answer unknown = http.send("POST", "/_haneul/api/actions/failover-db-cluster", sameOrigin("application/json"),
                "{\"clusterId\":\"nope\"}".getBytes(UTF_8));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("DBClusterNotFoundFault");
        assertThat(http.send("POST", "/_haneul/api/actions/failover-db-cluster", sameOrigin("application/json"),
                "{}".getBytes(UTF_8)).body()).contains("MissingParameter").contains("clusterId");
    }

    @Test
    void theAppsApiWantsTheTokenForEveryChange() throws Exception {
        for (String[] call : new String[][] {{"POST", "/_haneul/api/apps/board-1/kill"}, {"POST", "/_haneul/api/apps/board-1/stop"},
            {"POST", "/_haneul/api/apps/board-1/start"}, {"DELETE", "/_haneul/api/apps/board-1"}}) {
            Answer answer = http.send(call[0], call[1], List.of(Map.entry("Host", host())), new byte[0]);
            assertThat(answer.status()).as(call[0] + " " + call[1]).isEqualTo(401);
        }
        Answer known = http.send("POST", "/_haneul/api/apps/board-1/kill", List.of(Map.entry("Host", host()),
                Map.entry("X-Haneul-Token", haneul.controlToken())), new byte[0]);
        assertThat(known.status()).as("with the token it goes through to the apps").isEqualTo(404);
        assertThat(code(known)).isEqualTo("NotFound");
    }

    @Test
    void anotherLocalUserCannotReadTheToken() throws Exception {
        Path token = haneul.dataDir().resolve("server.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(Files.readString(token).trim()).hasSizeGreaterThanOrEqualTo(43);
    }

    private static void assertTargetGroupIsIntact() {
        try (ElasticLoadBalancingV2Client elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder())) {
            assertThat(elbv2.describeTargetGroups(r -> r.targetGroupArns(targetGroupArn)).targetGroups()).hasSize(1);
        } catch (TargetGroupNotFoundException e) {
            throw new AssertionError("the attack deleted the target group", e);
        }
    }

    private static byte[] deleteTargetGroup() {
        return ("Action=DeleteTargetGroup&Version=2015-12-01&TargetGroupArn="
                + URLEncoder.encode(targetGroupArn, UTF_8)).getBytes(UTF_8);
    }

    /** What a browser adds to a page's request: Host, Origin, its fetch metadata and the content type. */
    static List<Map.Entry<String, String>> browser(String host, String origin, String site, String contentType) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", host));
        headers.add(Map.entry("Origin", origin));
        headers.add(Map.entry("Sec-Fetch-Site", site));
        headers.add(Map.entry("Sec-Fetch-Mode", "cors"));
        headers.add(Map.entry("Sec-Fetch-Dest", "empty"));
        headers.add(Map.entry("Content-Type", contentType));
        headers.add(Map.entry("User-Agent", "Mozilla/5.0"));
        return headers;
    }

    /** The dashboard page's own request: same origin, with the token it carries. */
    private static List<Map.Entry<String, String>> sameOrigin(String contentType) throws Exception {
        List<Map.Entry<String, String>> headers = browser(host(), "http://" + host(), "same-origin", contentType);
        headers.add(Map.entry("X-Haneul-Token", haneul.controlToken()));
        return headers;
    }

    private static int port() {
        return haneul.endpoint().getPort();
    }

    private static String host() {
        return "127.0.0.1:" + port();
    }

    private static String code(Answer answer) throws Exception {
        return json(answer).path("code").asText();
    }

    private static String message(Answer answer) throws Exception {
        return json(answer).path("message").asText();
    }

    private static JsonNode json(Answer answer) throws Exception {
        return JSON.readTree(answer.body());
    }
}

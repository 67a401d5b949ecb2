package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.testing.HttpBackend;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Routing, actions and the load balancer's own answers, on real sockets against real backends. */
class AlbProxyTest extends DataPlaneTestBase {

    @Test
    void roundRobinSpreadsRequestsOverHealthyTargetsWithForwardedHeaders() throws Exception {
        HttpBackend a = backend("a");
        HttpBackend b = backend("b");
        HttpBackend c = backend("c");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a, b, c), Fixtures.forwardTo("web"));
        awaitStates("web", "healthy", "healthy", "healthy");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            HttpResponse<String> response = get(port, "/");
            assertThat(response.statusCode()).isEqualTo(200);
            seen.add(backendOf(response));
        }
        assertThat(seen).containsOnly("a", "b", "c");
        assertThat(seen.stream().filter("a"::equals).count()).isEqualTo(3);
        HttpBackend.Recorded request = a.requests().getLast();
        assertThat(request.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(request.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(request.header("X-Forwarded-Port")).isEqualTo(Integer.toString(port));
        assertThat(request.header("X-Amzn-Trace-Id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + port);
        assertThat(plane.targetHealth(Fixtures.arn("web"))).extracting(TargetHealthView::requests)
                .containsExactly(3L, 3L, 3L);
    }

    @Test
    void anIncomingForwardedForIsAppendedToAndMoreThanThirtyAddressesIs463() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        assertThat(get(port, "/", "X-Forwarded-For", "203.0.113.7", "X-Amzn-Trace-Id", "Root=1-5f000000-abc;Sampled=1")
                .statusCode()).isEqualTo(200);
        assertThat(a.requests().getLast().header("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
        assertThat(a.requests().getLast().header("X-Amzn-Trace-Id"))
                .matches("Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-5f000000-abc;Sampled=1");
        String thirtyOne = String.join(", ", Collections.nCopies(31, "10.0.0.1"));
        assertThat(get(port, "/", "X-Forwarded-For", thirtyOne).statusCode()).isEqualTo(463);
        assertThat(raw(port, "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 405 ");
        assertThat(raw(port, "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n"))
                .matches("(?s)HTTP/1.1 (400|501) .*");
        assertThat(raw(port, "NOT HTTP AT ALL\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request");
    }

    @Test
    void noRegisteredTargetIs503() throws Exception {
        int port = start(Fixtures.group("empty", TargetGroupSettings.defaults()), Fixtures.forwardTo("empty"));
        HttpResponse<String> response = get(port, "/");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Server")).contains("awselb/2.0");
        assertThat(response.body()).contains("<title>503 Service Temporarily Unavailable</title>");
    }

    @Test
    void aTargetThatRefusesConnectionsIs502() throws Exception {
        TargetGroupConfig group = new TargetGroupConfig(Fixtures.arn("dead"), "dead", TargetGroupConfig.Protocol.HTTP,
                Fixtures.healthCheck(), TargetGroupSettings.defaults(),
                List.of(new TargetConfig("127.0.0.1", Fixtures.freePort(), "127.0.0.1")));
        int port = start(group, ListenerRule.defaultRule(RuleAction.Forward.to(Fixtures.arn("dead"))));
        HttpResponse<String> response = get(port, "/");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("502 Bad Gateway");
        assertThat(get(port, "/").statusCode()).as("the connection stays usable").isEqualTo(502);
    }

    @Test
    void aTargetSilentPastTheIdleTimeoutIs504() throws Exception {
        HttpBackend a = backend("a");
        LoadBalancerSettings oneSecond = new LoadBalancerSettings(Duration.ofSeconds(1), Duration.ofHours(1),
                LoadBalancerSettings.XffMode.APPEND, false, false, false,
                LoadBalancerSettings.DesyncMitigation.DEFENSIVE, Optional.empty());
        int port = start(List.of(Fixtures.group("web", TargetGroupSettings.defaults(), a)), oneSecond,
                Fixtures.forwardTo("web"));
        long started = System.nanoTime();
        HttpResponse<String> response = get(port, "/hang");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("504 Gateway Time-out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        a.release();
    }

    @Test
    void rulesPickFixedResponsesRedirectsAndTargetGroupsByPriority() throws Exception {
        HttpBackend a = backend("a");
        HttpBackend b = backend("b");
        int port = start(List.of(Fixtures.group("web", TargetGroupSettings.defaults(), a),
                        Fixtures.group("api", TargetGroupSettings.defaults(), b)), LoadBalancerSettings.defaults(),
                new ListenerRule("1", List.of(new Condition.PathPattern(List.of("/health"))),
                        new RuleAction.FixedResponse(200, Optional.of("application/json"), "{\"ok\":true}")),
                new ListenerRule("2", List.of(new Condition.PathPattern(List.of("/old/*"))),
                        new RuleAction.Redirect("#{protocol}", "#{host}", "#{port}", "/new/#{path}", "#{query}", 301)),
                new ListenerRule("3", List.of(new Condition.PathPattern(List.of("/api/*"))),
                        RuleAction.Forward.to(Fixtures.arn("api"))),
                Fixtures.forwardTo("web"));
        HttpResponse<String> fixed = get(port, "/health");
        assertThat(fixed.statusCode()).isEqualTo(200);
        assertThat(fixed.body()).isEqualTo("{\"ok\":true}");
        assertThat(fixed.headers().firstValue("Content-Type")).contains("application/json");
        HttpResponse<String> redirect = get(port, "/old/page?x=1");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location"))
                .contains("http://127.0.0.1:" + port + "/new/old/page?x=1");
        assertThat(backendOf(get(port, "/api/users"))).isEqualTo("b");
        assertThat(backendOf(get(port, "/other"))).isEqualTo("a");
    }

    @Test
    void weightedTargetGroupsSplitByWeightAndGroupStickinessHolds() throws Exception {
        HttpBackend a = backend("a");
        HttpBackend b = backend("b");
        RuleAction.Forward weighted = new RuleAction.Forward(List.of(
                new RuleAction.WeightedTargetGroup(Fixtures.arn("blue"), 1),
                new RuleAction.WeightedTargetGroup(Fixtures.arn("green"), 3)), Optional.of(Duration.ofSeconds(60)));
        int port = start(List.of(Fixtures.group("blue", TargetGroupSettings.defaults(), a),
                Fixtures.group("green", TargetGroupSettings.defaults(), b)), LoadBalancerSettings.defaults(),
                ListenerRule.defaultRule(weighted));
        int green = 0;
        for (int i = 0; i < 200; i++) {
            green += backendOf(get(port, "/")).equals("b") ? 1 : 0;
        }
        assertThat(green).isBetween(120, 180);
        HttpResponse<String> first = get(port, "/");
        String tg = cookie(first, "AWSALBTG");
        assertThat(tg).isNotNull();
        assertThat(cookie(first, "AWSALBTGCORS")).isEqualTo(tg);
        for (int i = 0; i < 20; i++) {
            assertThat(backendOf(get(port, "/", "Cookie", "AWSALBTG=" + tg))).isEqualTo(backendOf(first));
        }
    }

    @Test
    void http10ClientsAndPipelinedRequestsAreAnsweredInOrder() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        String old = raw(port, "GET /one HTTP/1.0\r\n\r\n");
        assertThat(old).startsWith("HTTP/1.1 200").contains("\r\n\r\na\n");
        String pipelined = raw(port, "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(pipelined.split("HTTP/1.1 200", -1)).hasSize(4);
        assertThat(a.requests()).extracting(HttpBackend.Recorded::uri).endsWith("/1", "/2", "/3");
    }
}

package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpInterceptor;
import dev.haneul.core.http.HttpVerdict;
import dev.haneul.core.http.InspectedRequest;
import dev.haneul.core.testing.HttpBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam WAF plugs into: an interceptor sees the head and the first 8 KB of the body before any
 * rule, and lets the request through (with fields added), answers it, answers later, or fails.
 */
class AlbInterceptorTest extends DataPlaneTestBase {

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopLater() {
        later.shutdownNow();
    }

    /** Blocks paths under /admin, labels the rest, and records what it saw of each body. */
    private final class Waf implements HttpInterceptor {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<Boolean> truncated = new CopyOnWriteArrayList<>();
        volatile boolean async;

        @Override
        public Inspection inspection(HttpHead head) {
            return head.target().startsWith("/echo") ? Inspection.HEAD_AND_BODY_PREFIX : Inspection.HEAD;
        }

        @Override
        public HttpVerdict inspect(InspectedRequest request) {
            bodies.add(request.bodyPrefix().toString(StandardCharsets.ISO_8859_1));
            truncated.add(request.bodyTruncated());
            HttpVerdict verdict;
            if (request.head().target().startsWith("/admin")) {
                verdict = new HttpVerdict.Respond(403, List.of("Content-Type", "text/html"),
                        "<h1>Forbidden by WAF</h1>".getBytes(StandardCharsets.US_ASCII));
            } else if (request.head().target().startsWith("/explode")) {
                throw new IllegalStateException("rule evaluation failed");
            } else {
                verdict = new HttpVerdict.Continue(List.of("x-amzn-waf-label", "awswaf:managed:ok"));
            }
            if (!async) {
                return verdict;
            }
            CompletableFuture<HttpVerdict> answer = new CompletableFuture<>();
            later.schedule(() -> answer.complete(verdict), 50, TimeUnit.MILLISECONDS);
            return new HttpVerdict.Pending(answer);
        }
    }

    @Test
    void anInterceptorBlocksLabelsAndSeesTheFirst8KbOfTheBody() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        Waf waf = new Waf();
        assertThat(plane.interceptor(Fixtures.albArn("lb"), waf)).isTrue();
        for (boolean async : new boolean[] {false, true}) {
            waf.async = async;
            var blocked = get(port, "/admin/users");
            assertThat(blocked.statusCode()).isEqualTo(403);
            assertThat(blocked.body()).isEqualTo("<h1>Forbidden by WAF</h1>");
            var passed = get(port, "/shop");
            assertThat(passed.statusCode()).isEqualTo(200);
            assertThat(a.requests().getLast().header("x-amzn-waf-label")).isEqualTo("awswaf:managed:ok");

            String small = raw(port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
            assertThat(small).startsWith("HTTP/1.1 200").endsWith("hello\r\n0\r\n\r\n");
            assertThat(waf.bodies.getLast()).isEqualTo("hello");
            assertThat(waf.truncated.getLast()).isFalse();

            String big = "b".repeat(20_000);
            String echoed = raw(port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + big.length()
                    + "\r\nConnection: close\r\n\r\n" + big);
            assertThat(echoed).startsWith("HTTP/1.1 200");
            assertThat(chunkedBody(echoed)).isEqualTo(big);
            assertThat(waf.bodies.getLast()).hasSize(HttpInterceptor.BODY_PREFIX_LIMIT).isEqualTo(big.substring(0, 8192));
            assertThat(waf.truncated.getLast()).isTrue();
        }
        assertThat(get(port, "/explode").statusCode()).as("a failing interceptor is ALB's 500").isEqualTo(500);
        plane.interceptor(Fixtures.albArn("lb"), null);
        assertThat(get(port, "/admin/users").statusCode()).as("detached").isEqualTo(200);
    }

    @Test
    void answeredRequestsAreInTheAccessLogAsWafActions(@TempDir Path dir) throws Exception {
        HttpBackend a = backend("a");
        Path file = dir.resolve("access.log");
        LoadBalancerSettings logging = new LoadBalancerSettings(LoadBalancerSettings.DEFAULT_IDLE_TIMEOUT,
                LoadBalancerSettings.DEFAULT_CLIENT_KEEP_ALIVE, LoadBalancerSettings.XffMode.APPEND, false, false,
                false, LoadBalancerSettings.DesyncMitigation.DEFENSIVE, Optional.of(file));
        int port = start(List.of(Fixtures.group("web", TargetGroupSettings.defaults(), a)), logging,
                Fixtures.forwardTo("web"));
        assertThat(plane.interceptor(Fixtures.albArn("lb"), new Waf())).isTrue();
        assertThat(get(port, "/admin/users").statusCode()).isEqualTo(403);
        assertThat(get(port, "/shop").statusCode()).isEqualTo(200);
        assertThat(get(port, "/explode").statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(file).exists()
                .satisfies(f -> assertThat(Files.readAllLines(f)).hasSize(3)));
        List<String> lines = Files.readAllLines(file);
        String blocked = lines.stream().filter(l -> l.contains("/admin/users")).findFirst().orElseThrow();
        // ALB's fields: target "-", times -1, elb_status_code 403, target_status_code "-", actions "waf".
        assertThat(blocked.split(" ")[4]).isEqualTo("-");
        assertThat(blocked.split(" ")).containsSequence("-1", "-1", "-1", "403", "-");
        assertThat(blocked).contains(" \"waf\" ");
        assertThat(lines.stream().filter(l -> l.contains("/shop")).findFirst().orElseThrow()).contains(" \"waf,forward\" ");
        assertThat(lines.stream().filter(l -> l.contains("/explode")).findFirst().orElseThrow())
                .contains(" 500 - ").contains(" \"waf-failed\" ");
    }
}

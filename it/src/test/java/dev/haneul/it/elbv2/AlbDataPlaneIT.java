package dev.haneul.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.testing.HttpBackend;
import dev.haneul.core.testing.MutableClock;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * What clients of an ALB see, through a real Haneul server whose clock the test moves: round
 * robin, sticky sessions with and without a cookie jar (Java's HttpClient and curl), what happens
 * to logged-in users when a server dies, draining, the ALB's 502/503/504, access logs, and where
 * {@code haneul status} says the listener is.
 */
class AlbDataPlaneIT {

    private static final MutableClock clock = MutableClock.now();

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().clock(clock);

    private static Elbv2Fixture fx;
    private final List<HttpBackend> backends = new ArrayList<>();
    private static int counter;

    @BeforeAll
    static void client() {
        fx = new Elbv2Fixture(haneul.client(ElasticLoadBalancingV2Client.builder()));
    }

    @AfterEach
    void stopBackends() {
        backends.forEach(HttpBackend::close);
    }

    /** An ALB with its own name, a listener and an ip target group holding {@code count} fresh backends. */
    private Alb alb(int count, String... attributes) {
        String name = "alb" + (++counter);
        LoadBalancer lb = fx.alb(name);
        TargetGroup tg = fx.ipGroup(name + "-tg");
        List<String> pairs = List.of(attributes);
        if (!pairs.isEmpty()) {
            fx.elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()).attributes(
                    IntStream.range(0, pairs.size() / 2).mapToObj(i -> TargetGroupAttribute.builder().key(pairs.get(2 * i))
                            .value(pairs.get(2 * i + 1)).build()).toList()));
        }
        List<HttpBackend> mine = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpBackend b = HttpBackend.start(Character.toString('a' + i));
            backends.add(b);
            mine.add(b);
        }
        if (count > 0) {
            fx.register(tg.targetGroupArn(), mine.toArray(HttpBackend[]::new));
        }
        Listener listener = fx.httpListener(lb.loadBalancerArn(), 80, tg.targetGroupArn());
        if (count > 0) {
            fx.awaitHealthy(tg.targetGroupArn(), count);
        }
        return new Alb(lb, tg, listener, Elbv2Fixture.url(lb, listener), mine);
    }

    private record Alb(LoadBalancer lb, TargetGroup tg, Listener listener, String url, List<HttpBackend> backends) {}

    /** Moves the clock by health-check intervals until the group shows {@code states}. */
    private static void advanceUntil(String tgArn, String... states) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(150)).until(() -> {
            clock.advance(Duration.ofSeconds(5));
            return fx.states(tgArn).equals(List.of(states));
        });
    }

    private static Curl curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-D", "-", "-o", "/dev/null", "--max-time", "10"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(20, TimeUnit.SECONDS);
        return new Curl(out);
    }

    private record Curl(String headers) {
        String backend() {
            return headers.lines().filter(l -> l.toLowerCase().startsWith("x-backend:"))
                    .map(l -> l.substring(10).trim()).findFirst().orElse("-");
        }

        int status() {
            return Integer.parseInt(headers.lines().findFirst().orElseThrow().split(" ")[1]);
        }
    }

    @Test
    void withoutStickinessRequestsGoRoundRobinAndCurlSeesEveryBackend() throws Exception {
        Alb alb = alb(3);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            seen.add(curl(alb.url() + "/").backend());
        }
        assertThat(seen).containsOnly("a", "b", "c");
        assertThat(new HashSet<>(seen.subList(0, 3))).hasSize(3);
        assertThat(seen.stream().filter("b"::equals).count()).isEqualTo(3);
    }

    @Test
    void lbCookieStickinessHoldsWithACookieJarUntilItsDurationEnds() throws Exception {
        Alb alb = alb(3, "stickiness.enabled", "true", "stickiness.type", "lb_cookie",
                "stickiness.lb_cookie.duration_seconds", "60");
        HttpClient withJar = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> first = withJar.send(HttpRequest.newBuilder(URI.create(alb.url() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String home = Elbv2Fixture.backendOf(first);
        String awsalb = cookie(first, "AWSALB");
        assertThat(awsalb).isNotNull();
        assertThat(first.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("AWSALBCORS=" + awsalb + "; Expires=").endsWith("; Path=/; SameSite=None; Secure"));
        for (int i = 0; i < 8; i++) {
            assertThat(Elbv2Fixture.backendOf(withJar.send(HttpRequest.newBuilder(URI.create(alb.url() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()))).isEqualTo(home);
        }
        Set<String> withoutJar = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            withoutJar.add(Elbv2Fixture.backendOf(fx.get(alb.url() + "/")));
        }
        assertThat(withoutJar).as("no cookie jar: no stickiness").hasSize(3);

        Path jar = Files.createTempFile("curl-jar", ".txt");
        Curl seed = curl("-c", jar.toString(), alb.url() + "/");
        for (int i = 0; i < 5; i++) {
            assertThat(curl("-b", jar.toString(), "-c", jar.toString(), alb.url() + "/").backend()).isEqualTo(seed.backend());
        }
        Files.delete(jar);

        clock.advance(Duration.ofSeconds(61));
        Set<String> expired = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            expired.add(Elbv2Fixture.backendOf(fx.get(alb.url() + "/", "Cookie", "AWSALB=" + awsalb)));
        }
        assertThat(expired).as("an expired cookie pins nothing").hasSizeGreaterThan(1);
    }

    @Test
    void whenAStickyTargetDiesItsClientsMoveAndGetANewCookie() throws Exception {
        Alb alb = alb(3, "stickiness.enabled", "true");
        HttpResponse<String> first = fx.get(alb.url() + "/");
        String home = Elbv2Fixture.backendOf(first);
        String cookie = cookie(first, "AWSALB");
        HttpBackend dead = alb.backends().stream().filter(b -> b.name().equals(home)).findFirst().orElseThrow();
        dead.kill();

        assertThat(fx.get(alb.url() + "/", "Cookie", "AWSALB=" + cookie).statusCode())
                .as("until health checks notice, the sticky target's requests fail as ALB's do").isEqualTo(502);
        List<String> expected = new ArrayList<>();
        for (HttpBackend b : alb.backends()) {
            expected.add(b == dead ? "unhealthy" : "healthy");
        }
        advanceUntil(alb.tg().targetGroupArn(), expected.toArray(String[]::new));
        var deadHealth = fx.health(alb.tg().targetGroupArn()).stream()
                .filter(d -> d.target().port() == dead.port()).findFirst().orElseThrow().targetHealth();
        assertThat(deadHealth.reasonAsString()).isEqualTo("Target.FailedHealthChecks");

        HttpResponse<String> moved = fx.get(alb.url() + "/", "Cookie", "AWSALB=" + cookie);
        assertThat(moved.statusCode()).isEqualTo(200);
        String newHome = Elbv2Fixture.backendOf(moved);
        assertThat(newHome).isNotEqualTo(home);
        String reissued = cookie(moved, "AWSALB");
        assertThat(reissued).isNotEqualTo(cookie);
        for (int i = 0; i < 5; i++) {
            assertThat(Elbv2Fixture.backendOf(fx.get(alb.url() + "/", "Cookie", "AWSALB=" + reissued))).isEqualTo(newHome);
        }
    }

    @Test
    void deregistrationDrainsInFlightRequestsAndThenCutsWhatIsLeft() throws Exception {
        Alb alb = alb(1, "deregistration_delay.timeout_seconds", "30");
        HttpBackend a = alb.backends().get(0);
        HttpBackend b = HttpBackend.start("b");
        backends.add(b);
        CompletableFuture<HttpResponse<String>> slow = fx.http.sendAsync(
                HttpRequest.newBuilder(URI.create(alb.url() + "/slow/1500")).build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> hung = fx.http.sendAsync(
                HttpRequest.newBuilder(URI.create(alb.url() + "/hang")).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.requests().size() == 2);
        fx.register(alb.tg().targetGroupArn(), b);
        fx.elbv2.deregisterTargets(r -> r.targetGroupArn(alb.tg().targetGroupArn())
                .targets(t -> t.id("127.0.0.1").port(a.port())));
        var draining = fx.health(alb.tg().targetGroupArn()).get(0);
        assertThat(draining.targetHealth().stateAsString()).isEqualTo("draining");
        assertThat(draining.targetHealth().reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
        for (int i = 0; i < 4; i++) {
            assertThat(Elbv2Fixture.backendOf(fx.get(alb.url() + "/"))).isEqualTo("b");
        }
        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).as("in flight before the drain: finishes").isEqualTo(200);
        clock.advance(Duration.ofSeconds(31));
        assertThat(hung.get(10, TimeUnit.SECONDS).statusCode()).as("still running when the delay ends: cut").isEqualTo(502);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fx.health(alb.tg().targetGroupArn()))
                .extracting(d -> d.target().port()).containsExactly(b.port()));
        a.release();
    }

    @Test
    void theLoadBalancersOwnErrors() throws Exception {
        Alb empty = alb(0);
        HttpResponse<String> unavailable = fx.get(empty.url() + "/");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Server")).contains("awselb/2.0");

        Alb slow = alb(1);
        fx.elbv2.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(slow.lb().loadBalancerArn())
                .attributes(x -> x.key("idle_timeout.timeout_seconds").value("1")));
        assertThat(fx.get(slow.url() + "/hang").statusCode()).isEqualTo(504);
        slow.backends().get(0).release();

        slow.backends().get(0).kill();
        assertThat(fx.get(slow.url() + "/").statusCode()).isEqualTo(502);
    }

    @Test
    void accessLogsAreWrittenInTheAlbFormat() throws Exception {
        Alb alb = alb(1);
        fx.elbv2.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(alb.lb().loadBalancerArn()).attributes(
                x -> x.key("access_logs.s3.enabled").value("true"), x -> x.key("access_logs.s3.bucket").value("logs")));
        fx.get(alb.url() + "/page?x=1", "User-Agent", "it-test");
        Path log = haneul.dataDir().resolve("logs/elbv2/000000000000/us-east-1/" + alb.lb().loadBalancerName()
                + "/access.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(log) && !Files.readString(log).isEmpty());
        String line = Files.readAllLines(log).get(0);
        assertThat(line).startsWith("http ").contains(" app/" + alb.lb().loadBalancerName() + "/")
                .contains(" 200 200 ").contains("\"GET http://").contains("/page?x=1 HTTP/1.1\" \"it-test\"")
                .contains(alb.tg().targetGroupArn()).contains("\"forward\"");
    }

    @Test
    void haneulStatusListsEachListenersRealUrl() throws Exception {
        Alb alb = alb(1);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.haneul.cli.HaneulCli", "status",
                "--port", Integer.toString(haneul.endpoint().getPort()), "--data-dir", haneul.dataDir().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("elbv2 alb " + alb.lb().loadBalancerName())
                .contains(alb.url() + "/").contains("listener HTTP:80");
    }

    private static String cookie(HttpResponse<?> response, String name) {
        for (String line : response.headers().allValues("Set-Cookie")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1, line.indexOf(';'));
            }
        }
        return null;
    }
}

package dev.haneul.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.demo.AppsClient;
import dev.haneul.demo.BoardJar;
import dev.haneul.demo.Demo;
import dev.haneul.demo.DemoArchitecture;
import dev.haneul.demo.DemoSummary;
import dev.haneul.demo.Progress;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterMember;

/**
 * The demo end to end, as a user sees it: {@link Demo#up} on a fresh server, then a user of the
 * board through the load balancer with a cookie jar. The instance serving the session is killed
 * and the next request is served by another instance with the user still logged in; a post is
 * written through the writer and read back through the reader; the DB cluster fails over and the
 * board keeps working with at most one failed request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    private static final Logger log = LoggerFactory.getLogger(DemoIT.class);
    private static final Pattern POST_LOCATION = Pattern.compile("/posts/(\\d+)$");

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    static DemoArchitecture architecture;
    static Demo demo;
    static DemoSummary summary;
    static AppsClient apps;
    static BoardSession alice;

    @BeforeAll
    static void up() throws Exception {
        Path jar = new BoardJar(Path.of(System.getProperty("haneul.home", ".."))).jar();
        assertThat(jar).as("examples/board must be built before the it module").exists();
        DemoArchitecture defaults = DemoArchitecture.defaults("us-east-1");
        // Any free ports: another demo may run on this machine.
        architecture = new DemoArchitecture(defaults.region(), defaults.clusterId(), defaults.dbInstances(),
                defaults.customEndpointId(), defaults.customMembers(), defaults.masterUsername(),
                defaults.masterPassword(), defaults.databaseName(), defaults.replicationGroupId(),
                defaults.loadBalancerName(), defaults.targetGroupName(), defaults.listenerPort(), defaults.apps(),
                ThreadLocalRandom.current().nextInt(20_000, 40_000));
        Progress progress = (resource, state) -> log.info("demo - {}: {}", resource, state);
        demo = new Demo(haneul.endpoint(), "test", "test", architecture, progress);
        long start = System.nanoTime();
        summary = demo.up();
        log.info("demo - up in {} ms: {}", (System.nanoTime() - start) / 1_000_000, summary.applicationUrl());
        apps = new AppsClient(haneul.endpoint());
        alice = new BoardSession(summary.applicationUrl());
    }

    @AfterAll
    static void down() throws Exception {
        if (demo != null) {
            demo.close();
        }
        // The server's close stops the app instances and engines.
    }

    @Test
    @Order(1)
    void summaryNamesEveryEndpointAndTheDashboard() {
        assertThat(summary.applicationUrl()).startsWith("http://127.");
        assertThat(summary.dashboardUrl()).isEqualTo(haneul.endpoint().resolve("/_haneul/").toString());
        assertThat(summary.endpoints()).extracting(DemoSummary.Endpoint::role).anySatisfy(r -> assertThat(r).contains("cluster endpoint"))
                .anySatisfy(r -> assertThat(r).contains("reader endpoint"))
                .anySatisfy(r -> assertThat(r).contains("custom board-analytics"))
                .anySatisfy(r -> assertThat(r).contains("primary endpoint"))
                .anySatisfy(r -> assertThat(r).contains("listener HTTP"));
        assertThat(summary.apps()).hasSize(3).allSatisfy(app -> assertThat(app.running()).isTrue());
    }

    @Test
    @Order(2)
    void aSessionSurvivesTheDeathOfTheInstanceServingIt() throws Exception {
        HttpResponse<String> login = alice.login("alice");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        HttpResponse<String> me = alice.get("/api/me");
        assertThat(me.statusCode()).isEqualTo(200);
        String serving = BoardSession.instance(me);
        assertThat(architecture.apps()).contains(serving);

        apps.kill(serving);
        awaitTargetState(apps.get(serving).orElseThrow().port(), "unhealthy");

        HttpResponse<String> next = alice.get("/api/me");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("\"user\":\"alice\"");
        assertThat(BoardSession.instance(next)).isNotEqualTo(serving).isNotEmpty();
        assertThat(apps.get(serving).orElseThrow().state()).as("a killed instance stays down").isEqualTo("exited");

        apps.start(serving);
        awaitTargetState(apps.get(serving).orElseThrow().port(), "healthy");
    }

    @Test
    @Order(3)
    void aPostWrittenThroughTheWriterIsReadBackThroughTheReader() throws Exception {
        ensureLoggedIn();
        alice.get("/posts/new");
        HttpResponse<String> created = alice.post("/posts", Map.of("title", "Hello from DemoIT", "body", "written via the cluster endpoint"));
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        Matcher id = POST_LOCATION.matcher(location);
        assertThat(id.find()).as(location).isTrue();
        // Replication is asynchronous: the first read may come from the writer ("replica lag"); the next from a reader.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        HttpResponse<String> read;
        do {
            read = alice.get("/posts/" + id.group(1));
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("Hello from DemoIT");
        } while (!read.headers().firstValue("X-Board-Db-Role").orElse("").equals("reader")
                && Instant.now().isBefore(deadline));
        assertThat(read.headers().firstValue("X-Board-Db-Role")).hasValue("reader");
        assertThat(read.headers().firstValue("X-Board-Db-Instance").orElse(""))
                .isIn(architecture.dbInstances().subList(1, architecture.dbInstances().size()));
    }

    @Test
    @Order(4)
    void theDashboardShowsEveryResourceAndAnActionChangesThePicture() throws Exception {
        Assumptions.assumeTrue(DashboardBrowser.available(), "needs Debian's chromium and chromium-driver");
        ensureLoggedIn();
        Thread traffic = Thread.ofVirtual().start(() -> {
            BoardSession visitor = new BoardSession(summary.applicationUrl());
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    alice.get("/");
                    visitor.get("/health");
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    log.debug("demo - traffic: {}", e.toString());
                }
            }
        });
        long start = System.nanoTime();
        try (DashboardBrowser browser = new DashboardBrowser(URI.create(summary.dashboardUrl()))) {
            List<String> boxes = new ArrayList<>(List.of("lb-" + architecture.loadBalancerName(),
                    "tg-" + architecture.targetGroupName(), "cache-ep-primary", "cache-ep-reader", "db-ep-cluster",
                    "db-ep-reader", "db-ep-custom-" + architecture.customEndpointId(),
                    architecture.replicationGroupId() + "-001", architecture.replicationGroupId() + "-002"));
            boxes.replaceAll(id -> id.startsWith(architecture.replicationGroupId()) ? "cache-node-" + id : id);
            architecture.apps().forEach(app -> boxes.add("app-" + app));
            architecture.dbInstances().forEach(db -> boxes.add("db-" + db));
            browser.awaitBoxes(boxes, Duration.ofSeconds(20));
            browser.awaitAttribute("db-" + architecture.dbInstances().get(0), "textContent", "WRITER", Duration.ofSeconds(10));
            for (String app : architecture.apps()) {
                browser.awaitAttribute("app-" + app, "data-state", "healthy", Duration.ofSeconds(20));
            }
            // The users' edge carries traffic once a tick has counted requests per second.
            browser.awaitElement("g.edge.active[data-from='client']", Duration.ofSeconds(15));
            browser.screenshot(screenshotFile());

            browser.click("stickiness-" + architecture.targetGroupName());
            browser.awaitAttribute("tg-" + architecture.targetGroupName(), "textContent", "stickiness ON", Duration.ofSeconds(10));
            browser.click("stickiness-" + architecture.targetGroupName());
            browser.awaitAttribute("tg-" + architecture.targetGroupName(), "textContent", "stickiness off", Duration.ofSeconds(10));
        } finally {
            traffic.interrupt();
            traffic.join();
        }
        log.info("demo - dashboard checked in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    @Order(5)
    void theBoardKeepsWorkingThroughADbClusterFailover() throws Exception {
        ensureLoggedIn();
        try (RdsClient rds = haneul.client(RdsClient.builder())) {
            String writer = writer(rds);
            String target = architecture.dbInstances().stream().filter(i -> !i.equals(writer)).findFirst().orElseThrow();
            rds.failoverDBCluster(r -> r.dbClusterIdentifier(architecture.clusterId()).targetDBInstanceIdentifier(target));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!writer(rds).equals(target)) {
                assertThat(Instant.now()).as("failover to " + target).isBefore(deadline);
                Thread.sleep(100);
            }
            int[] failed = {0};
            for (int i = 0; i < 3; i++) {
                String title = "After failover " + i;
                alice.get("/posts/new");
                HttpResponse<String> created = retriedOnce(failed, 302,
                        () -> alice.post("/posts", Map.of("title", title, "body", "still here")));
                String location = created.headers().firstValue("Location").orElseThrow();
                HttpResponse<String> read = retriedOnce(failed, 200, () -> alice.get(location));
                assertThat(read.body()).contains(title);
            }
            // The home page reads through the reader endpoint, whose connection to the promoted
            // instance the failover closed: a pooled connection may still be that one.
            HttpResponse<String> written = retriedOnce(failed, 200, () -> alice.get("/"));
            assertThat(written.body()).contains("Hello from DemoIT");
            assertThat(failed[0]).as("failed requests after the failover").isLessThanOrEqualTo(1);
        }
    }

    /** A request that may fail once (a connection the failover broke), counted in {@code failed}. */
    private static HttpResponse<String> retriedOnce(int[] failed, int expected, Request request) throws Exception {
        HttpResponse<String> response = request.send();
        if (response.statusCode() != expected) {
            failed[0]++;
            log.info("demo - {} after the failover answered {}; retrying once", response.uri(), response.statusCode());
            response = request.send();
        }
        assertThat(response.statusCode()).as("%s, retried once after the failover", response.uri()).isEqualTo(expected);
        return response;
    }

    @FunctionalInterface
    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

    private static void ensureLoggedIn() throws Exception {
        if (alice.get("/api/me").statusCode() != 200) {
            assertThat(alice.login("alice").statusCode()).isEqualTo(302);
        }
    }

    private static String writer(RdsClient rds) {
        return rds.describeDBClusters(r -> r.dbClusterIdentifier(architecture.clusterId())).dbClusters().get(0)
                .dbClusterMembers().stream().filter(DBClusterMember::isClusterWriter)
                .map(DBClusterMember::dbInstanceIdentifier).findFirst().orElse("");
    }

    private static void awaitTargetState(int port, String state) throws InterruptedException {
        try (ElasticLoadBalancingV2Client elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder())) {
            String arn = elbv2.describeTargetGroups(r -> r.names(architecture.targetGroupName())).targetGroups().get(0)
                    .targetGroupArn();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (true) {
                boolean reached = elbv2.describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions().stream()
                        .anyMatch(d -> d.target().port() == port && d.targetHealth().stateAsString().equals(state));
                if (reached) {
                    return;
                }
                assertThat(Instant.now()).as("target 127.0.0.1:" + port + " " + state).isBefore(deadline);
                Thread.sleep(200);
            }
        }
    }

    /**
     * Where the screenshot goes: {@code target/dashboard.png}, or the file named by
     * {@code -Dhaneul.dashboardScreenshot} (how {@code docs/dashboard.png} is refreshed), so a test
     * run does not rewrite a committed file.
     */
    private static Path screenshotFile() {
        String chosen = System.getProperty("haneul.dashboardScreenshot", "");
        return chosen.isBlank() ? Path.of("target", "dashboard.png") : Path.of(chosen).toAbsolutePath();
    }
}

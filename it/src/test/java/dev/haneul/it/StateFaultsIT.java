package dev.haneul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;

/**
 * A data dir that stops taking writes, against a real server: every Create answers 503
 * {@code ServiceUnavailable}, leaves nothing behind (Describe, endpoint addresses, a restart),
 * and the same call succeeds once the disk is back. The fault is real and stops root too: a
 * service's state directory is replaced by a regular file. Then state files that no longer parse
 * (truncated, garbage) are named, with what they held, by the health route after a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StateFaultsIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void aChangeThatCannotBeSavedIsRefusedWithoutATraceAndARetrySucceeds() throws Exception {
        RdsClient rds = haneul.client(RdsClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
        ElastiCacheClient cache = haneul.client(ElastiCacheClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
        ElasticLoadBalancingV2Client elb = haneul.client(ElasticLoadBalancingV2Client.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
        Path state = haneul.dataDir().resolve("state");
        List<Path> broken = List.of(state.resolve("rds"), state.resolve("elasticache"), state.resolve("elbv2"));
        for (Path dir : broken) {
            breakDirectory(dir);
        }

        assertUnavailable(() -> createCluster(rds));
        assertUnavailable(() -> cache.createReplicationGroup(r -> r.replicationGroupId("sessions")
                .replicationGroupDescription("sessions").numCacheClusters(1)));
        assertUnavailable(() -> createLoadBalancer(elb));

        assertThat(rds.describeDBClusters().dbClusters()).isEmpty();
        assertThat(cache.describeReplicationGroups().replicationGroups()).isEmpty();
        assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
        // The load balancer's address had been allocated inside the failed write: given back.
        assertThat(endpointAllocations()).doesNotContain("loadbalancer/app/web").doesNotContain("board-db");

        for (Path dir : broken) {
            repairDirectory(dir);
        }
        DBCluster cluster = createCluster(rds);
        assertThat(cluster.status()).isEqualTo("creating");
        cache.createReplicationGroup(r -> r.replicationGroupId("sessions").replicationGroupDescription("sessions")
                .numCacheClusters(1));
        LoadBalancer lb = createLoadBalancer(elb);

        haneul.restart();
        assertThat(rds.describeDBClusters().dbClusters()).extracting(DBCluster::dbClusterIdentifier)
                .containsExactly("board-db");
        assertThat(rds.describeDBClusters().dbClusters().getFirst().endpoint()).isEqualTo(cluster.endpoint());
        assertThat(cache.describeReplicationGroups().replicationGroups()).singleElement()
                .satisfies(g -> assertThat(g.replicationGroupId()).isEqualTo("sessions"));
        assertThat(elb.describeLoadBalancers().loadBalancers()).singleElement()
                .satisfies(l -> assertThat(l.dnsName()).isEqualTo(lb.dnsName()));
    }

    @Test
    @Order(2)
    void theEndpointAllocationsFileFailingRefusesTheClusterToo() throws Exception {
        RdsClient rds = haneul.client(RdsClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
        Path allocations = haneul.dataDir().resolve("state").resolve("haneul");
        breakDirectory(allocations);
        assertUnavailable(() -> rds.createDBCluster(r -> r.dbClusterIdentifier("second").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret99")));
        assertThat(rds.describeDBClusters().dbClusters()).extracting(DBCluster::dbClusterIdentifier)
                .containsExactly("board-db");
        repairDirectory(allocations);
    }

    @Test
    @Order(3)
    void stateFilesThatNoLongerParseAreNamedWithWhatTheyHeld() throws Exception {
        haneul.server().close();
        Path rdsFile = haneul.dataDir().resolve("state/rds/000000000000/us-east-1.json");
        String json = Files.readString(rdsFile);
        Files.writeString(rdsFile, json.substring(0, json.indexOf("\"board-db\"") + 20)); // truncated by a full disk
        Path cacheFile = haneul.dataDir().resolve("state/elasticache/000000000000/us-east-1.json");
        Files.write(cacheFile, new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 'g', 'a', 'r', 'b', 'a', 'g', 'e'});
        haneul.restart();

        JsonNode health = health();
        assertThat(health.path("status").asText()).isEqualTo("degraded");
        JsonNode problems = health.path("stateProblems");
        assertThat(problems).hasSize(2);
        JsonNode rds = find(problems, rdsFile);
        assertThat(rds.path("service").asText()).isEqualTo("rds");
        assertThat(rds.path("summary").asText()).isEqualTo("dropped: clusters board-db");
        assertThat(Path.of(rds.path("preservedAs").asText())).exists().hasContent(Files.readString(rdsFile));
        JsonNode cache = find(problems, cacheFile);
        assertThat(cache.path("summary").asText()).isEqualTo("no resource could be read from it");
        assertThat(Path.of(cache.path("preservedAs").asText())).exists();
    }

    @Test
    @Order(4)
    void aGroupWhoseEngineCannotComeBackSaysSoInsteadOfAvailable() throws Exception {
        ElastiCacheClient cache = haneul.client(ElastiCacheClient.builder());
        cache.createReplicationGroup(r -> r.replicationGroupId("fragile").replicationGroupDescription("fragile")
                .numCacheClusters(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> cache.describeReplicationGroups(r -> r.replicationGroupId(
                "fragile")).replicationGroups().getFirst().status().equals("available"));
        String node = cache.describeReplicationGroups(r -> r.replicationGroupId("fragile")).replicationGroups()
                .getFirst().memberClusters().getFirst();
        haneul.server().close();
        Path engineDir = haneul.dataDir().resolve("engines/elasticache/000000000000-us-east-1").resolve(node);
        deleteRecursively(engineDir);
        Files.writeString(engineDir, "a file where the node's engine directory was");
        haneul.restart();

        await().atMost(Duration.ofSeconds(60)).until(() -> cache.describeReplicationGroups(r -> r.replicationGroupId(
                "fragile")).replicationGroups().getFirst().status().equals("create-failed"));
        assertThat(cache.describeCacheClusters(r -> r.cacheClusterId(node)).cacheClusters().getFirst()
                .cacheClusterStatus()).isEqualTo("restore-failed");
        JsonNode elasticache = health().path("services").path("elasticache");
        assertThat(elasticache.path("state").asText()).isEqualTo("degraded");
        assertThat(elasticache.path("detail").asText()).contains("fragile could not be brought back");
        cache.deleteReplicationGroup(r -> r.replicationGroupId("fragile"));
    }

    private static JsonNode health() throws Exception {
        return new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(
                URI.create(haneul.endpoint() + "/_haneul/health")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static JsonNode find(JsonNode problems, Path file) {
        for (JsonNode problem : problems) {
            if (problem.path("file").asText().equals(file.toString())) {
                return problem;
            }
        }
        throw new AssertionError("no state problem for " + file + " in " + problems);
    }

    private static DBCluster createCluster(RdsClient rds) {
        return rds.createDBCluster(r -> r.dbClusterIdentifier("board-db").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret99")).dbCluster();
    }

    private static LoadBalancer createLoadBalancer(ElasticLoadBalancingV2Client elb) {
        return elb.createLoadBalancer(r -> r.name("web").subnets("subnet-0a1b2c3d", "subnet-4e5f6a7b"))
                .loadBalancers().getFirst();
    }

    private static void assertUnavailable(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            assertThat(e.awsErrorDetails().errorMessage()).contains("could not save this change");
        });
    }

    private static String endpointAllocations() throws IOException {
        return Files.readString(haneul.dataDir().resolve("state/haneul/endpoints.json"));
    }

    /** Moves {@code dir} aside (if it exists) and puts a regular file in its place. */
    private static void breakDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            Files.move(dir, aside(dir));
        }
        Files.writeString(dir, "a file where Haneul's directory was");
    }

    private static void repairDirectory(Path dir) throws IOException {
        Files.delete(dir);
        if (Files.exists(aside(dir))) {
            Files.move(aside(dir), dir);
        }
    }

    private static Path aside(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".aside");
    }
}

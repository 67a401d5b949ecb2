package dev.haneul.it.elasticache;

import static dev.haneul.it.elasticache.Caches.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.testing.HaneulExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.AuthTokenUpdateStrategyType;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.NodeGroupMember;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.SourceType;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * A replication group of a primary and two replicas through the AWS SDK, used through every
 * endpoint with redis-cli and Lettuce; TestFailover, a manual switch, replica counts, AUTH token
 * rotation and deletion.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElastiCacheEndpointsIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static ElastiCacheClient client;
    private static ReplicationGroup group;

    @BeforeAll
    static void createGroup() {
        client = haneul.client(ElastiCacheClient.builder());
        ReplicationGroup created = client.createReplicationGroup(r -> r.replicationGroupId("Sessions")
                .replicationGroupDescription("web sessions").engine("redis").cacheNodeType("cache.t3.micro")
                .numCacheClusters(3).automaticFailoverEnabled(true).multiAZEnabled(true)
                .tags(Tag.builder().key("app").value("board").build())).replicationGroup();
        assertThat(created.status()).isEqualTo("creating");
        assertThat(created.replicationGroupId()).isEqualTo("sessions");
        assertThat(created.memberClusters()).containsExactly("sessions-001", "sessions-002", "sessions-003");
        assertThat(created.automaticFailoverAsString()).isEqualTo("enabling");
        group = Caches.awaitAvailable(client, "sessions");
    }

    @AfterAll
    static void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    @Order(1)
    void theGroupHasAPrimaryAReaderAndOneEndpointPerNodeEachOnItsOwnAddress() {
        NodeGroup nodeGroup = Caches.nodeGroup(group);
        assertThat(group.automaticFailoverAsString()).isEqualTo("enabled");
        assertThat(group.multiAZAsString()).isEqualTo("enabled");
        assertThat(group.clusterEnabled()).isFalse();
        assertThat(group.engine()).isEqualTo("redis");
        assertThat(group.arn()).isEqualTo("arn:aws:elasticache:us-east-1:000000000000:replicationgroup:sessions");
        assertThat(nodeGroup.nodeGroupId()).isEqualTo("0001");
        assertThat(nodeGroup.primaryEndpoint().port()).isEqualTo(6379);
        assertThat(nodeGroup.readerEndpoint().port()).isEqualTo(6379);
        assertThat(nodeGroup.nodeGroupMembers()).extracting(NodeGroupMember::currentRole)
                .containsExactly("primary", "replica", "replica");
        Set<String> addresses = new HashSet<>();
        addresses.add(nodeGroup.primaryEndpoint().address());
        addresses.add(nodeGroup.readerEndpoint().address());
        nodeGroup.nodeGroupMembers().forEach(m -> addresses.add(m.readEndpoint().address()));
        assertThat(addresses).hasSize(5).allMatch(a -> a.startsWith("127."));

        List<CacheCluster> clusters = client.describeCacheClusters(r -> r.showCacheNodeInfo(true)).cacheClusters();
        assertThat(clusters).extracting(CacheCluster::cacheClusterId)
                .containsExactly("sessions-001", "sessions-002", "sessions-003");
        assertThat(clusters.get(1).cacheNodes().get(0).endpoint())
                .isEqualTo(nodeGroup.nodeGroupMembers().get(1).readEndpoint());
        assertThat(clusters.get(0).replicationGroupId()).isEqualTo("sessions");
        assertThat(client.listTagsForResource(r -> r.resourceName(group.arn())).tagList())
                .singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("app=board"));
    }

    @Test
    @Order(1)
    void healthCountsTheResourcesAndListsTheEndpoints() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                haneul.endpoint().resolve("/_haneul/health")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode health = new ObjectMapper().readTree(response.body());
        JsonNode elasticache = health.path("services").path("elasticache");
        assertThat(elasticache.path("state").asText()).isEqualTo("running");
        assertThat(elasticache.path("resources").path("replicationGroups").asInt()).isEqualTo(1);
        assertThat(elasticache.path("resources").path("nodes").asInt()).isEqualTo(3);
        List<String> endpoints = new ArrayList<>();
        health.path("endpoints").forEach(e -> {
            if (e.path("service").asText().equals("elasticache")) {
                endpoints.add(e.path("role").asText() + " " + e.path("address").asText());
            }
        });
        assertThat(endpoints).contains("primary " + Caches.nodeGroup(group).primaryEndpoint().address() + ":6379",
                "reader " + Caches.nodeGroup(group).readerEndpoint().address() + ":6379").hasSize(5);
    }

    @Test
    @Order(2)
    void redisCliWorksThroughEveryEndpointAndTheReaderRefusesWrites() throws Exception {
        assumeThat(Caches.redisCliInstalled()).as("redis-cli is installed").isTrue();
        NodeGroup nodeGroup = Caches.nodeGroup(group);
        assertThat(Caches.redisCli(nodeGroup.primaryEndpoint(), "SET", "cli:key", "hello")).isEqualTo("OK");
        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(Caches.redisCli(nodeGroup.readerEndpoint(), "GET", "cli:key")).isEqualTo("hello"));
        for (NodeGroupMember member : nodeGroup.nodeGroupMembers()) {
            await().atMost(DEADLINE).untilAsserted(() ->
                    assertThat(Caches.redisCli(member.readEndpoint(), "GET", "cli:key")).isEqualTo("hello"));
        }
        assertThat(Caches.redisCli(nodeGroup.readerEndpoint(), "SET", "cli:key", "nope"))
                .isEqualTo("READONLY You can't write against a read only replica.");
        assertThat(Caches.redisCli(nodeGroup.primaryEndpoint(), "CONFIG", "GET", "maxmemory"))
                .startsWith("ERR unknown command").containsIgnoringCase("config");
        assertThat(Caches.redisCli(nodeGroup.primaryEndpoint(), "REPLICAOF", "NO", "ONE"))
                .startsWith("ERR unknown command");
    }

    @Test
    @Order(3)
    void lettuceWorksThroughEveryEndpointAndTheReaderRoundRobinsOverReplicas() {
        NodeGroup nodeGroup = Caches.nodeGroup(group);
        RedisClient primary = Caches.lettuce(nodeGroup.primaryEndpoint(), null);
        RedisClient reader = Caches.lettuce(nodeGroup.readerEndpoint(), null);
        try (StatefulRedisConnection<String, String> writes = primary.connect()) {
            RedisCommands<String, String> commands = writes.sync();
            assertThat(commands.set("lettuce:key", "v1")).isEqualTo("OK");
            assertThat(commands.get("lettuce:key")).isEqualTo("v1");
            String primaryRunId = runId(commands);

            Set<String> readerRunIds = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                try (StatefulRedisConnection<String, String> reads = reader.connect()) {
                    await().atMost(DEADLINE).until(() -> "v1".equals(reads.sync().get("lettuce:key")));
                    readerRunIds.add(runId(reads.sync()));
                    RedisCommandExecutionException refused = catchThrowableOfType(RedisCommandExecutionException.class,
                            () -> reads.sync().set("lettuce:key", "v2"));
                    assertThat(refused).hasMessageStartingWith("READONLY");
                }
            }
            assertThat(readerRunIds).hasSize(2).doesNotContain(primaryRunId);
            for (NodeGroupMember member : nodeGroup.nodeGroupMembers()) {
                RedisClient node = Caches.lettuce(member.readEndpoint(), null);
                try (StatefulRedisConnection<String, String> connection = node.connect()) {
                    await().atMost(DEADLINE).until(() -> "v1".equals(connection.sync().get("lettuce:key")));
                    assertThat(runId(connection.sync()).equals(primaryRunId))
                            .isEqualTo(member.currentRole().equals("primary"));
                } finally {
                    node.shutdown();
                }
            }
        } finally {
            primary.shutdown();
            reader.shutdown();
        }
    }

    @Test
    @Order(4)
    void testFailoverMakesAReplicaThePrimaryAndThePrimaryEndpointFollows() throws Exception {
        String before = Caches.primaryId(group);
        ReplicationGroup answered = client.testFailover(r -> r.replicationGroupId("sessions").nodeGroupId("0001"))
                .replicationGroup();
        assertThat(answered.replicationGroupId()).isEqualTo("sessions");
        await().atMost(DEADLINE).until(() -> !Caches.primaryId(Caches.describe(client, "sessions")).equals(before));
        // The group stays available; the old primary restarts as a replica, which its events tell.
        await().atMost(DEADLINE).until(() -> client.describeEvents(r -> r.sourceType(SourceType.CACHE_CLUSTER)
                .sourceIdentifier(before)).events().stream()
                .anyMatch(e -> e.message().equals("Finished recovery for cache nodes 0001")));
        group = Caches.awaitAvailable(client, "sessions");
        String after = Caches.primaryId(group);
        assertThat(after).isNotEqualTo(before);
        assertThat(Caches.nodeGroup(group).nodeGroupMembers()).filteredOn(m -> m.currentRole().equals("primary"))
                .hasSize(1);

        Endpoint primaryEndpoint = Caches.nodeGroup(group).primaryEndpoint();
        Endpoint oldPrimary = Caches.nodeGroup(group).nodeGroupMembers().stream()
                .filter(m -> m.cacheClusterId().equals(before)).findFirst().orElseThrow().readEndpoint();
        RedisClient redis = Caches.lettuce(primaryEndpoint, null);
        RedisClient old = Caches.lettuce(oldPrimary, null);
        RedisClient reader = Caches.lettuce(Caches.nodeGroup(group).readerEndpoint(), null);
        try (StatefulRedisConnection<String, String> oldConnection = old.connect()) {
            String oldRunId = runId(oldConnection.sync());
            Set<String> readerRunIds = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                try (StatefulRedisConnection<String, String> reads = reader.connect()) {
                    readerRunIds.add(runId(reads.sync()));
                }
            }
            assertThat(readerRunIds).as("the recovered old primary serves reads").hasSize(2).contains(oldRunId);
        } finally {
            reader.shutdown();
        }
        try (StatefulRedisConnection<String, String> connection = redis.connect();
             StatefulRedisConnection<String, String> oldConnection = old.connect()) {
            assertThat(connection.sync().get("lettuce:key")).as("data survived the failover").isEqualTo("v1");
            assertThat(connection.sync().set("after:failover", "yes")).isEqualTo("OK");
            await().atMost(DEADLINE).until(() -> "yes".equals(oldConnection.sync().get("after:failover")));
            assertThat(catchThrowableOfType(RedisCommandExecutionException.class,
                    () -> oldConnection.sync().set("x", "y"))).hasMessageStartingWith("READONLY");
        } finally {
            redis.shutdown();
            old.shutdown();
        }
        assertThat(client.describeEvents(r -> r.sourceType(SourceType.REPLICATION_GROUP).sourceIdentifier("sessions"))
                .events()).extracting(e -> e.message())
                .contains("Test Failover API called for node group 0001",
                        "Failover from primary node " + before + " to replica node " + after + " completed");
    }

    @Test
    @Order(5)
    void primaryClusterIdSwitchesThePrimaryBack() {
        String target = "sessions-001";
        client.modifyReplicationGroup(r -> r.replicationGroupId("sessions").primaryClusterId(target).applyImmediately(true));
        await().atMost(DEADLINE).until(() -> Caches.primaryId(Caches.describe(client, "sessions")).equals(target));
        group = Caches.awaitAvailable(client, "sessions");
        assertThat(Caches.primaryId(group)).isEqualTo(target);
    }

    @Test
    @Order(6)
    void replicasComeAndGo() {
        ReplicationGroup increased = client.increaseReplicaCount(r -> r.replicationGroupId("sessions")
                .newReplicaCount(3).applyImmediately(true)).replicationGroup();
        assertThat(increased.status()).isEqualTo("modifying");
        assertThat(increased.memberClusters()).contains("sessions-004");
        group = Caches.awaitAvailable(client, "sessions");
        assertThat(Caches.nodeGroup(group).nodeGroupMembers()).hasSize(4);

        client.decreaseReplicaCount(r -> r.replicationGroupId("sessions").replicasToRemove("sessions-004")
                .applyImmediately(true));
        group = Caches.awaitAvailable(client, "sessions");
        assertThat(group.memberClusters()).containsExactly("sessions-001", "sessions-002", "sessions-003");
    }

    @Test
    @Order(7)
    void authTokensAreRequiredAndRotate() throws Exception {
        client.createReplicationGroup(r -> r.replicationGroupId("secured").replicationGroupDescription("auth")
                .numCacheClusters(2).authToken("first-token-0123456789").transitEncryptionEnabled(false));
        ReplicationGroup secured = Caches.awaitAvailable(client, "secured");
        assertThat(secured.authTokenEnabled()).isTrue();
        Endpoint primary = Caches.nodeGroup(secured).primaryEndpoint();
        Endpoint reader = Caches.nodeGroup(secured).readerEndpoint();
        assertThat(Caches.redisCli(primary, "SET", "k", "v")).startsWith("NOAUTH");
        assertThat(Caches.redisCli(primary, "--no-auth-warning", "-a", "first-token-0123456789", "SET", "k", "v"))
                .isEqualTo("OK");

        client.modifyReplicationGroup(r -> r.replicationGroupId("secured").authToken("second-token-0123456789")
                .authTokenUpdateStrategy(AuthTokenUpdateStrategyType.ROTATE).applyImmediately(true));
        Caches.awaitAvailable(client, "secured");
        assertThat(Caches.redisCli(primary, "--no-auth-warning", "-a", "first-token-0123456789", "GET", "k")).isEqualTo("v");
        // Replication is asynchronous, as on ElastiCache: the replica has k once it has caught up.
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                Caches.redisCli(reader, "--no-auth-warning", "-a", "second-token-0123456789", "GET", "k")).isEqualTo("v"));

        client.modifyReplicationGroup(r -> r.replicationGroupId("secured").authToken("second-token-0123456789")
                .authTokenUpdateStrategy(AuthTokenUpdateStrategyType.SET).applyImmediately(true));
        Caches.awaitAvailable(client, "secured");
        assertThat(Caches.redisCli(primary, "--no-auth-warning", "-a", "first-token-0123456789", "GET", "k"))
                .contains("WRONGPASS");
        assertThat(Caches.redisCli(primary, "--no-auth-warning", "-a", "second-token-0123456789", "SET", "k2", "v2"))
                .isEqualTo("OK");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                Caches.redisCli(reader, "--no-auth-warning", "-a", "second-token-0123456789", "GET", "k2")).isEqualTo("v2"));

        client.deleteReplicationGroup(r -> r.replicationGroupId("secured"));
        Caches.awaitDeleted(client, "secured");
    }

    @Test
    @Order(8)
    void deletionStopsEverythingAndTheDeletedWaiterReturns() {
        ReplicationGroup deleting = client.deleteReplicationGroup(r -> r.replicationGroupId("sessions")).replicationGroup();
        assertThat(deleting.status()).isEqualTo("deleting");
        Caches.awaitDeleted(client, "sessions");
        assertThat(client.describeReplicationGroups().replicationGroups()).isEmpty();
        await().atMost(DEADLINE).until(() -> Caches.enginePids(haneul.dataDir()).isEmpty());
    }

    private static String runId(RedisCommands<String, String> commands) {
        return commands.info("server").lines().filter(l -> l.startsWith("run_id:")).findFirst().orElseThrow();
    }
}

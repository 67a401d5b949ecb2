package dev.haneul.it.elasticache;

import static dev.haneul.it.elasticache.Caches.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsResponse;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * Bad input gets ElastiCache's exact error codes and statuses; a stand-alone cache cluster;
 * paging; tags.
 */
class ElastiCacheApiIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static ElastiCacheClient client;

    @BeforeAll
    static void createGroup() {
        client = haneul.client(ElastiCacheClient.builder());
        client.createReplicationGroup(r -> r.replicationGroupId("existing").replicationGroupDescription("d")
                .numCacheClusters(2));
        Caches.awaitAvailable(client, "existing");
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void unknownResourcesAreNotFound() {
        assertError(() -> client.describeReplicationGroups(r -> r.replicationGroupId("nope")),
                "ReplicationGroupNotFoundFault", 404);
        assertError(() -> client.describeCacheClusters(r -> r.cacheClusterId("nope")), "CacheClusterNotFound", 404);
        assertError(() -> client.deleteReplicationGroup(r -> r.replicationGroupId("nope")),
                "ReplicationGroupNotFoundFault", 404);
        assertError(() -> client.testFailover(r -> r.replicationGroupId("nope").nodeGroupId("0001")),
                "ReplicationGroupNotFoundFault", 404);
        assertError(() -> client.testFailover(r -> r.replicationGroupId("existing").nodeGroupId("0002")),
                "NodeGroupNotFoundFault", 404);
        assertError(() -> client.deleteCacheCluster(r -> r.cacheClusterId("nope")), "CacheClusterNotFound", 404);
        assertError(() -> client.listTagsForResource(r -> r.resourceName("not-an-arn")), "InvalidARN", 400);
        assertError(() -> client.listTagsForResource(r -> r.resourceName(
                "arn:aws:elasticache:us-east-1:000000000000:replicationgroup:nope")), "ReplicationGroupNotFoundFault", 404);
    }

    @Test
    void invalidRequestsGetTypedParameterErrors() {
        assertError(() -> client.createReplicationGroup(r -> r.replicationGroupId("existing")
                .replicationGroupDescription("d")), "ReplicationGroupAlreadyExists", 400);
        assertError(() -> client.createReplicationGroup(r -> r.replicationGroupId("1-bad")
                .replicationGroupDescription("d")), "InvalidParameterValue", 400);
        assertError(() -> client.createReplicationGroup(r -> r.replicationGroupId("double--hyphen")
                .replicationGroupDescription("d")), "InvalidParameterValue", 400);
        assertError(() -> client.createReplicationGroup(r -> r.replicationGroupId("lonely")
                .replicationGroupDescription("d").automaticFailoverEnabled(true).numCacheClusters(1)),
                "InvalidParameterCombination", 400);
        assertError(() -> client.createReplicationGroup(r -> r.replicationGroupId("lonely")
                .replicationGroupDescription("d").multiAZEnabled(true).numCacheClusters(2)),
                "InvalidParameterCombination", 400);
        assertError(() -> client.createReplicationGroup(r -> r.replicationGroupId("crowd")
                .replicationGroupDescription("d").numCacheClusters(7)), "InvalidParameterValue", 400);
        assertError(() -> client.createReplicationGroup(r -> r.replicationGroupId("short")
                .replicationGroupDescription("d").authToken("tooshort")), "InvalidParameterValue", 400);
        assertError(() -> client.createReplicationGroup(r -> r.replicationGroupId("mixed")
                .replicationGroupDescription("d").numCacheClusters(3).replicasPerNodeGroup(1)),
                "InvalidParameterCombination", 400);
        assertError(() -> client.createReplicationGroup(r -> r.replicationGroupId("nodesc")), "MissingParameter", 400);
        assertError(() -> client.describeReplicationGroups(r -> r.maxRecords(5)), "InvalidParameterValue", 400);
        assertError(() -> client.describeReplicationGroups(r -> r.marker("bogus")), "InvalidParameterValue", 400);
        assertError(() -> client.testFailover(r -> r.replicationGroupId("existing").nodeGroupId("0001")),
                "InvalidReplicationGroupState", 400);
        assertError(() -> client.decreaseReplicaCount(r -> r.replicationGroupId("existing").newReplicaCount(1)
                .applyImmediately(true)), "InvalidParameterValue", 400);
        assertError(() -> client.increaseReplicaCount(r -> r.replicationGroupId("existing").newReplicaCount(6)
                .applyImmediately(true)), "InvalidParameterValue", 400);
        assertError(() -> client.modifyReplicationGroup(r -> r.replicationGroupId("existing")
                .authTokenUpdateStrategy("SET").authToken("a-token-of-16-chars").applyImmediately(true)),
                "InvalidParameterCombination", 400);
        assertError(() -> client.createCacheCluster(r -> r.cacheClusterId("mem").engine("memcached")),
                "NotImplemented", 501);
        assertError(() -> client.createCacheCluster(r -> r.cacheClusterId("two").engine("redis").numCacheNodes(2)),
                "InvalidParameterValue", 400);
        assertError(() -> client.deleteCacheCluster(r -> r.cacheClusterId("existing-001")), "InvalidCacheClusterState", 400);
    }

    @Test
    void aGroupThatIsStillBeingCreatedCannotBeModified() {
        client.createReplicationGroup(r -> r.replicationGroupId("young").replicationGroupDescription("d").numCacheClusters(2));
        assertError(() -> client.modifyReplicationGroup(r -> r.replicationGroupId("young").replicationGroupDescription("x")
                .applyImmediately(true)), "InvalidReplicationGroupState", 400);
        Caches.awaitAvailable(client, "young");
        client.deleteReplicationGroup(r -> r.replicationGroupId("young"));
        Caches.awaitDeleted(client, "young");
    }

    @Test
    void aStandAloneCacheClusterIsOneNodeWithItsOwnEndpoint() throws Exception {
        CacheCluster created = client.createCacheCluster(r -> r.cacheClusterId("solo").engine("redis")
                .cacheNodeType("cache.t3.small").numCacheNodes(1).tags(Tag.builder().key("k").value("v").build()))
                .cacheCluster();
        assertThat(created.cacheClusterStatus()).isEqualTo("creating");
        client.waiter().waitUntilCacheClusterAvailable(r -> r.cacheClusterId("solo"), w -> w.maxAttempts(600)
                .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100))));
        CacheCluster solo = client.describeCacheClusters(r -> r.cacheClusterId("solo").showCacheNodeInfo(true))
                .cacheClusters().get(0);
        assertThat(solo.replicationGroupId()).isNull();
        assertThat(solo.cacheNodes()).singleElement().satisfies(node -> {
            assertThat(node.cacheNodeId()).isEqualTo("0001");
            assertThat(node.endpoint().port()).isEqualTo(6379);
        });
        assertThat(client.describeCacheClusters(r -> r.showCacheClustersNotInReplicationGroups(true)).cacheClusters())
                .extracting(CacheCluster::cacheClusterId).containsExactly("solo");
        Endpoint endpoint = solo.cacheNodes().get(0).endpoint();
        if (Caches.redisCliInstalled()) {
            assertThat(Caches.redisCli(endpoint, "SET", "solo", "1")).isEqualTo("OK");
            assertThat(Caches.redisCli(endpoint, "GET", "solo")).isEqualTo("1");
        }
        assertThat(client.listTagsForResource(r -> r.resourceName(solo.arn())).tagList()).extracting(Tag::key)
                .containsExactly("k");
        assertThat(client.deleteCacheCluster(r -> r.cacheClusterId("solo")).cacheCluster().cacheClusterStatus())
                .isEqualTo("deleting");
        await().atMost(DEADLINE).until(() -> client.describeCacheClusters().cacheClusters().stream()
                .noneMatch(c -> c.cacheClusterId().equals("solo")));
    }

    @Test
    void aCacheClusterCreatedIntoAGroupIsANewReplica() {
        client.createCacheCluster(r -> r.cacheClusterId("existing-extra").replicationGroupId("existing"));
        ReplicationGroup group = Caches.awaitAvailable(client, "existing");
        assertThat(group.memberClusters()).contains("existing-extra");
        assertThat(Caches.nodeGroup(group).nodeGroupMembers()).filteredOn(m -> m.cacheClusterId().equals("existing-extra"))
                .singleElement().satisfies(m -> assertThat(m.currentRole()).isEqualTo("replica"));
        client.deleteCacheCluster(r -> r.cacheClusterId("existing-extra"));
        await().atMost(DEADLINE).until(() -> !Caches.describe(client, "existing").memberClusters().contains("existing-extra"));
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String arn = Caches.describe(client, "existing").arn();
        client.addTagsToResource(r -> r.resourceName(arn).tags(Tag.builder().key("env").value("dev").build(),
                Tag.builder().key("team").value("web").build()));
        assertThat(client.listTagsForResource(r -> r.resourceName(arn)).tagList()).extracting(Tag::key)
                .containsExactly("env", "team");
        assertThat(client.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("env")).tagList()).extracting(Tag::key)
                .containsExactly("team");
        assertError(() -> client.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("env")), "TagNotFound", 404);
    }

    @Test
    void eventsArePagedNewestFirst() {
        List<Event> all = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            DescribeEventsResponse page = client.describeEvents(r -> r.maxRecords(20).marker(from));
            assertThat(page.events().size()).isLessThanOrEqualTo(20);
            all.addAll(page.events());
            marker = page.marker();
        } while (marker != null);
        assertThat(all).isNotEmpty();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).date()).isBeforeOrEqualTo(all.get(i - 1).date());
        }
        assertThat(all).extracting(Event::message).contains("Replication group existing created");
        Set<String> sources = new HashSet<>();
        all.forEach(e -> sources.add(e.sourceTypeAsString()));
        assertThat(sources).isSubsetOf("replication-group", "cache-cluster");
    }

    @Test
    void aPortHeldOnAllAddressesMovesTheWholeGroupToAFreePort() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("0.0.0.0", 0));
            int taken = squatter.getLocalPort();
            client.createReplicationGroup(r -> r.replicationGroupId("moved").replicationGroupDescription("d")
                    .numCacheClusters(2).port(taken));
            ReplicationGroup group = Caches.awaitAvailable(client, "moved");
            int port = Caches.nodeGroup(group).primaryEndpoint().port();
            assertThat(port).isNotEqualTo(taken);
            assertThat(Caches.nodeGroup(group).readerEndpoint().port()).isEqualTo(port);
            assertThat(Caches.nodeGroup(group).nodeGroupMembers()).allSatisfy(m -> assertThat(m.readEndpoint().port())
                    .isEqualTo(port));
            RedisClient redis = Caches.lettuce(Caches.nodeGroup(group).primaryEndpoint(), null);
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
            } finally {
                redis.shutdown();
            }
            client.deleteReplicationGroup(r -> r.replicationGroupId("moved"));
            Caches.awaitDeleted(client, "moved");
        }
    }

    @Test
    void theAwsCliReportsErrorsWithTheirCode() {
        assumeThat(AwsCli.binary()).as("the AWS CLI is installed").isPresent();
        AwsCliResult result = haneul.awsCli().run("elasticache", "describe-replication-groups",
                "--replication-group-id", "missing");
        assertThat(result.exitCode()).isEqualTo(254);
        assertThat(result.stderr()).contains("(ReplicationGroupNotFoundFault)");
    }

    private static void assertError(Runnable call, String code, int status) {
        ElastiCacheException error = catchThrowableOfType(ElastiCacheException.class, call::run);
        assertThat(error).as("expected %s", code).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(error.statusCode()).isEqualTo(status);
        assertThat(error.awsErrorDetails().errorMessage()).isNotBlank();
    }
}

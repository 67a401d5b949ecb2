package dev.haneul.it.elasticache;

import static dev.haneul.it.elasticache.Caches.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * A Haneul server in its own JVM, killed with SIGKILL and stopped cleanly: the configuration always
 * survives; the data survives both (running engines are adopted after a SIGKILL, a clean stop
 * saves a snapshot that the primary loads at the next start), and a primary that died while
 * Haneul was down is failed over when it comes back; no engine is left over or doubled.
 */
class ElastiCachePersistenceIT {

    @TempDir
    Path dataDir;

    @Test
    void configurationAndDataSurviveASigkillAndACleanStop() throws Exception {
        try (HaneulProcess haneul = HaneulProcess.create(dataDir, Map.of()).start()) {
            ReplicationGroup created;
            try (ElastiCacheClient client = client(haneul.endpoint())) {
                client.createReplicationGroup(r -> r.replicationGroupId("keep").replicationGroupDescription("survives")
                        .numCacheClusters(2).automaticFailoverEnabled(true).port(6380));
                created = Caches.awaitAvailable(client, "keep");
            }
            write(created, 500);
            List<Long> enginesBefore = Caches.enginePids(dataDir);
            assertThat(enginesBefore).hasSize(2);

            haneul.kill();
            assertThat(enginesBefore).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            haneul.start();
            try (ElastiCacheClient client = client(haneul.endpoint())) {
                ReplicationGroup adopted = Caches.awaitAvailable(client, "keep");
                assertSameConfiguration(adopted, created);
                await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> assertThat(read(adopted, 500)).isEqualTo(500));
            }
            assertThat(Set.copyOf(Caches.enginePids(dataDir))).as("adopted, not started twice")
                    .isEqualTo(Set.copyOf(enginesBefore));

            // The primary's engine dies while Haneul is down: Haneul fails over as it comes back.
            haneul.kill();
            Caches.killEngine(dataDir, "keep-001");
            haneul.start();
            try (ElastiCacheClient client = client(haneul.endpoint())) {
                await().atMost(DEADLINE).until(() -> Caches.primaryId(Caches.describe(client, "keep")).equals("keep-002"));
                ReplicationGroup failedOver = Caches.awaitAvailable(client, "keep");
                assertSameConfiguration(failedOver, created);
                await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> assertThat(read(failedOver, 500)).isEqualTo(500));
            }
            assertThat(Caches.enginePids(dataDir)).hasSize(2);

            haneul.stop();
            await().atMost(DEADLINE).until(() -> Caches.enginePids(dataDir).isEmpty());
            haneul.start();
            try (ElastiCacheClient client = client(haneul.endpoint())) {
                ReplicationGroup restarted = Caches.awaitAvailable(client, "keep");
                assertSameConfiguration(restarted, created);
                await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> assertThat(read(restarted, 500)).isEqualTo(500));
                assertThat(Caches.enginePids(dataDir)).hasSize(2).doesNotContainAnyElementsOf(enginesBefore);
                client.deleteReplicationGroup(r -> r.replicationGroupId("keep"));
                Caches.awaitDeleted(client, "keep");
            }
            await().atMost(DEADLINE).until(() -> Caches.enginePids(dataDir).isEmpty());
        }
    }

    /** The same endpoints (roles may have changed). */
    private static void assertSameConfiguration(ReplicationGroup now, ReplicationGroup before) {
        assertThat(Caches.nodeGroup(now).primaryEndpoint()).isEqualTo(Caches.nodeGroup(before).primaryEndpoint());
        assertThat(Caches.nodeGroup(now).readerEndpoint()).isEqualTo(Caches.nodeGroup(before).readerEndpoint());
        assertThat(Caches.nodeGroup(now).nodeGroupMembers()).extracting(m -> m.cacheClusterId() + "@" + m.readEndpoint())
                .isEqualTo(Caches.nodeGroup(before).nodeGroupMembers().stream()
                        .map(m -> m.cacheClusterId() + "@" + m.readEndpoint()).toList());
        assertThat(now.automaticFailoverAsString()).isEqualTo("enabled");
        assertThat(now.description()).isEqualTo("survives");
        assertThat(Caches.nodeGroup(now).primaryEndpoint().port()).isEqualTo(6380);
    }

    private static void write(ReplicationGroup group, int count) {
        RedisClient redis = Caches.lettuce(Caches.nodeGroup(group).primaryEndpoint(), null);
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            Map<String, String> values = new HashMap<>();
            IntStream.range(0, count).forEach(i -> values.put("key:" + i, "value-" + i));
            connection.sync().mset(values);
        } finally {
            redis.shutdown();
        }
    }

    /** How many of the keys written by {@link #write} read back, through the reader endpoint too. */
    private static long read(ReplicationGroup group, int count) {
        RedisClient primary = Caches.lettuce(Caches.nodeGroup(group).primaryEndpoint(), null);
        RedisClient reader = Caches.lettuce(Caches.nodeGroup(group).readerEndpoint(), null);
        try (StatefulRedisConnection<String, String> writes = primary.connect();
             StatefulRedisConnection<String, String> reads = reader.connect()) {
            String[] keys = IntStream.range(0, count).mapToObj(i -> "key:" + i).toArray(String[]::new);
            assertThat(reads.sync().mget(keys)).allMatch(kv -> kv.hasValue());
            return writes.sync().mget(keys).stream().filter(kv -> kv.getValue().equals("value-" + kv.getKey().substring(4)))
                    .count();
        } finally {
            primary.shutdown();
            reader.shutdown();
        }
    }

    private static ElastiCacheClient client(URI endpoint) {
        return ElastiCacheClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}

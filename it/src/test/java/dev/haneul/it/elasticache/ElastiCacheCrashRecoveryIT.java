package dev.haneul.it.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * Issue 11 for ElastiCache: Haneul killed with SIGKILL, and one replica's engine cannot come back
 * (it died meanwhile and its directory no longer takes a config file). After the restart the
 * primary and the other replica serve through the primary and reader endpoints within seconds;
 * the broken node never holds them back, and an event names it.
 */
class ElastiCacheCrashRecoveryIT {

    private static final Duration SERVING_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    @Test
    void aReplicaThatCannotComeBackDoesNotHoldTheOthersEndpoints() throws Exception {
        try (HaneulProcess haneul = HaneulProcess.create(dataDir, Map.of()).start()) {
            ReplicationGroup created;
            try (ElastiCacheClient client = client(haneul.endpoint())) {
                client.createReplicationGroup(r -> r.replicationGroupId("held").replicationGroupDescription("held")
                        .numCacheClusters(3).automaticFailoverEnabled(true));
                created = Caches.awaitAvailable(client, "held");
            }
            call(Caches.nodeGroup(created).primaryEndpoint(), "kept");

            haneul.kill();
            Caches.killEngine(dataDir, "held-003");
            Path config = Caches.engineDir(dataDir, "held-003").resolve("redis.conf");
            Files.deleteIfExists(config);
            Files.createDirectories(config); // the next start cannot write its config

            long start = System.nanoTime();
            haneul.start();
            await().atMost(SERVING_WITHIN).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                    "kept".equals(get(Caches.nodeGroup(created).primaryEndpoint()))
                            && "kept".equals(get(Caches.nodeGroup(created).readerEndpoint())));
            System.out.printf("elasticache crash recovery: primary and reader endpoints serving %d ms after the "
                    + "restart began, one replica broken%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
            try (ElastiCacheClient client = client(haneul.endpoint())) {
                await().atMost(Caches.DEADLINE).until(() -> client.describeEvents(r -> r.duration(60)).events()
                        .stream().map(Event::message).anyMatch(m -> m.contains("held-003")
                                && m.contains("could not be started")));
            }
            Files.delete(config);
            haneul.stop();
        }
        await().atMost(Caches.DEADLINE).until(() -> Caches.enginePids(dataDir).isEmpty());
    }

    private static void call(Endpoint endpoint, String value) {
        RedisClient redis = Caches.lettuce(endpoint, null);
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            connection.sync().set("key", value);
        } finally {
            redis.shutdown();
        }
    }

    private static String get(Endpoint endpoint) {
        RedisClient redis = Caches.lettuce(endpoint, null);
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            return connection.sync().get("key");
        } finally {
            redis.shutdown();
        }
    }

    private static ElastiCacheClient client(URI endpoint) {
        return ElastiCacheClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}

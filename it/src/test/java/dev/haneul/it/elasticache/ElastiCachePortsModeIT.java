package dev.haneul.it.elasticache;

import static dev.haneul.it.elasticache.Caches.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/** {@code HANEUL_ENDPOINT_MODE=ports} (loopback without 127/8, as on macOS): one port per endpoint on 127.0.0.1. */
class ElastiCachePortsModeIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().with("HANEUL_ENDPOINT_MODE", "ports");

    @Test
    void everyEndpointIsItsOwnPortOnLocalhost() {
        try (ElastiCacheClient client = haneul.client(ElastiCacheClient.builder())) {
            client.createReplicationGroup(r -> r.replicationGroupId("mac").replicationGroupDescription("ports mode")
                    .numCacheClusters(2).port(16379));
            ReplicationGroup group = Caches.awaitAvailable(client, "mac");
            NodeGroup nodeGroup = Caches.nodeGroup(group);
            Set<Integer> ports = new HashSet<>();
            ports.add(nodeGroup.primaryEndpoint().port());
            ports.add(nodeGroup.readerEndpoint().port());
            nodeGroup.nodeGroupMembers().forEach(m -> ports.add(m.readEndpoint().port()));
            assertThat(ports).hasSize(4);
            assertThat(nodeGroup.primaryEndpoint().address()).isEqualTo("127.0.0.1");
            assertThat(nodeGroup.primaryEndpoint().port()).as("the first endpoint gets the group's port").isEqualTo(16379);

            write(nodeGroup.primaryEndpoint(), "mode", "ports");
            Endpoint reader = nodeGroup.readerEndpoint();
            RedisClient redis = Caches.lettuce(reader, null);
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                await().atMost(DEADLINE).until(() -> "ports".equals(connection.sync().get("mode")));
            } finally {
                redis.shutdown();
            }
            client.deleteReplicationGroup(r -> r.replicationGroupId("mac"));
            Caches.awaitDeleted(client, "mac");
        }
    }

    private static void write(Endpoint endpoint, String key, String value) {
        RedisClient redis = Caches.lettuce(endpoint, null);
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            connection.sync().set(key, value);
        } finally {
            redis.shutdown();
        }
    }
}

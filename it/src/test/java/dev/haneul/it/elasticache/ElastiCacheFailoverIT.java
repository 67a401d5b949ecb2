package dev.haneul.it.elasticache;

import static dev.haneul.it.elasticache.Caches.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/**
 * A session store under load when its primary's engine is killed: with automatic failover the
 * primary endpoint moves to the most advanced replica and the sessions survive; without it the
 * primary comes back in place, empty, as ElastiCache replaces a failed node.
 */
class ElastiCacheFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(ElastiCacheFailoverIT.class);

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static ElastiCacheClient client;

    @BeforeAll
    static void client() {
        client = haneul.client(ElastiCacheClient.builder());
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void sessionsWrittenMoreThanASecondBeforeThePrimaryDiesSurviveTheFailover() throws Exception {
        client.createReplicationGroup(r -> r.replicationGroupId("web").replicationGroupDescription("sessions")
                .numCacheClusters(3).automaticFailoverEnabled(true));
        ReplicationGroup group = Caches.awaitAvailable(client, "web");
        String oldPrimary = Caches.primaryId(group);
        Endpoint primaryEndpoint = Caches.nodeGroup(group).primaryEndpoint();

        // The session workload: SET with a TTL, then GET it back, as a web app stores its sessions.
        Map<Integer, Long> acknowledged = new ConcurrentHashMap<>();
        AtomicLong firstWriteAfterKill = new AtomicLong();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> failures = new ArrayList<>();
        RedisClient redis = Caches.lettuce(primaryEndpoint, null);
        Thread writer = Thread.ofVirtual().start(() -> {
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                RedisCommands<String, String> sessions = connection.sync();
                for (int i = 0; running.get(); i++) {
                    try {
                        sessions.set("session:" + i, "user-" + i, SetArgs.Builder.ex(600));
                        long now = System.nanoTime();
                        acknowledged.put(i, now);
                        if (now > killedAt.get()) {
                            firstWriteAfterKill.compareAndSet(0, now);
                        }
                        assertThat(sessions.get("session:" + i)).isEqualTo("user-" + i);
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }
            }
        });
        try {
            await().atMost(DEADLINE).until(() -> acknowledged.size() > 300);
            long pid = Caches.enginePid(haneul.dataDir(), oldPrimary);
            killedAt.set(System.nanoTime());
            Caches.killEngine(haneul.dataDir(), oldPrimary);
            await().atMost(DEADLINE).until(() -> firstWriteAfterKill.get() != 0);
            Duration failover = Duration.ofNanos(firstWriteAfterKill.get() - killedAt.get());
            log.info("killed primary {} (pid {}): first acknowledged write through the primary endpoint after {} ms, "
                    + "{} command(s) failed meanwhile", oldPrimary, pid, failover.toMillis(), failures.size());
            assertThat(failover).isLessThan(Duration.ofSeconds(5));
            await().atMost(DEADLINE).until(() -> acknowledged.values().stream().filter(t -> t > killedAt.get()).count() > 100);
        } finally {
            running.set(false);
            writer.join();
        }

        ReplicationGroup after = Caches.awaitAvailable(client, "web");
        String newPrimary = Caches.primaryId(after);
        assertThat(newPrimary).isNotEqualTo(oldPrimary);
        long beforeKill = killedAt.get() - Duration.ofSeconds(1).toNanos();
        List<Integer> mustSurvive = acknowledged.entrySet().stream().filter(e -> e.getValue() < beforeKill)
                .map(Map.Entry::getKey).sorted().toList();
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            RedisCommands<String, String> sessions = connection.sync();
            List<Integer> lost = mustSurvive.stream().filter(i -> !("user-" + i).equals(sessions.get("session:" + i)))
                    .toList();
            assertThat(lost).as("sessions acknowledged more than 1 s before the kill (%d of them)", mustSurvive.size())
                    .isEmpty();
            assertThat(sessions.ttl("session:0")).isBetween(1L, 600L);
        } finally {
            redis.shutdown();
        }
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(Caches.nodeGroup(Caches.describe(client, "web"))
                .nodeGroupMembers()).filteredOn(m -> m.cacheClusterId().equals(oldPrimary))
                .singleElement().satisfies(m -> assertThat(m.currentRole()).isEqualTo("replica")));
        assertThat(client.describeEvents(r -> r.sourceType(SourceType.REPLICATION_GROUP).sourceIdentifier("web"))
                .events()).extracting(e -> e.message())
                .contains("Failover from primary node " + oldPrimary + " to replica node " + newPrimary + " completed");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.describeEvents(r -> r
                .sourceType(SourceType.CACHE_CLUSTER).sourceIdentifier(oldPrimary)).events())
                .extracting(e -> e.message()).contains("Finished recovery for cache nodes 0001"));
    }

    @Test
    void withoutAutomaticFailoverADeadPrimaryIsReplacedInPlaceAndEmpty() throws Exception {
        client.createReplicationGroup(r -> r.replicationGroupId("plain").replicationGroupDescription("no failover")
                .numCacheClusters(2));
        ReplicationGroup group = Caches.awaitAvailable(client, "plain");
        assertThat(group.automaticFailoverAsString()).isEqualTo("disabled");
        Endpoint primaryEndpoint = Caches.nodeGroup(group).primaryEndpoint();
        RedisClient redis = Caches.lettuce(primaryEndpoint, null);
        try {
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                connection.sync().set("before", "crash");
            }
            long pid = Caches.killEngine(haneul.dataDir(), "plain-001");
            await().atMost(DEADLINE).ignoreExceptions().until(() -> {
                try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                    return "OK".equals(connection.sync().set("after", "crash"));
                }
            });
            assertThat(Caches.enginePid(haneul.dataDir(), "plain-001")).isNotEqualTo(pid);
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                assertThat(connection.sync().get("before")).as("the replaced primary starts empty").isNull();
            }
        } finally {
            redis.shutdown();
        }
        assertThat(Caches.primaryId(Caches.describe(client, "plain"))).isEqualTo("plain-001");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.describeEvents(r -> r
                .sourceType(SourceType.REPLICATION_GROUP).sourceIdentifier("plain")).events())
                .extracting(e -> e.message()).anyMatch(m -> m.contains("replaced in place")));
    }
}

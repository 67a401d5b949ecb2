package dev.haneul.elasticache.api;

import static dev.haneul.elasticache.api.ProviderFixture.CONTEXT;
import static dev.haneul.elasticache.api.ProviderFixture.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.api.ServiceHealth;
import dev.haneul.elasticache.model.GroupStatus;
import dev.haneul.elasticache.model.NodeStatus;
import dev.haneul.elasticache.runtime.CacheKey;
import dev.haneul.elasticache.runtime.CacheRuntime.Outcome;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountRequest;

/** What a restarted provider does with the state it finds: bring back, drop half-added members, finish deletions. */
class RecoveryTest {

    @TempDir
    Path dir;

    @Test
    void everyResourceIsBroughtBackAndHealthSaysWhenItIs() {
        ProviderFixture fixture = new ProviderFixture(dir);
        fixture.createGroup("sessions", 2);
        fixture.provider.clusters.create(CONTEXT, CreateCacheClusterRequest.builder().cacheClusterId("cache1").build());

        ElastiCacheProvider restarted = fixture.open();
        FakeCacheRuntime runtime = fixture.lastRuntime();
        runtime.hold = true;
        restarted.start();
        assertThat(runtime.claimed).containsExactlyInAnyOrder(CacheKey.group(SCOPE, "sessions"),
                CacheKey.cluster(SCOPE, "cache1"));
        assertThat(runtime.applied).hasSize(2);
        assertThat(restarted.health().state()).isEqualTo("starting");
        runtime.release();
        assertThat(restarted.health().state()).isEqualTo("running");
        assertThat(restarted.health().resources()).containsEntry("replicationGroups", 1).containsEntry("nodes", 3);
    }

    @Test
    void membersHalfAddedWhenHaneulStoppedAreDropped() {
        ProviderFixture fixture = new ProviderFixture(dir);
        fixture.createGroup("sessions", 2);
        fixture.runtime.hold = true;
        fixture.provider.replicas.increase(CONTEXT, IncreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .newReplicaCount(2).applyImmediately(true).build());

        ElastiCacheProvider restarted = fixture.open();
        restarted.start();
        FakeCacheRuntime runtime = fixture.lastRuntime();
        assertThat(runtime.lastApplied().nodeIds()).containsExactly("sessions-001", "sessions-002");
        assertThat(runtime.lastApplied().discard()).containsExactly("sessions-003");
        assertThat(restarted.store.group(SCOPE, "sessions").status()).isEqualTo(GroupStatus.AVAILABLE);
        assertThat(restarted.store.group(SCOPE, "sessions").memberIds()).containsExactly("sessions-001", "sessions-002");
    }

    @Test
    void aDeletionCutShortIsFinished() {
        ProviderFixture fixture = new ProviderFixture(dir);
        fixture.createGroup("sessions", 1);
        fixture.runtime.hold = true;
        fixture.provider.groups.delete(CONTEXT, DeleteReplicationGroupRequest.builder().replicationGroupId("sessions")
                .build());

        ElastiCacheProvider restarted = fixture.open();
        restarted.start();
        assertThat(fixture.lastRuntime().removed).containsExactly(CacheKey.group(SCOPE, "sessions"));
        boolean gone = restarted.store.read(SCOPE, state -> state.replicationGroups().isEmpty());
        assertThat(gone).isTrue();
    }

    @Test
    void whatCannotBeBroughtBackIsFailedAndHealthIsDegraded() {
        ProviderFixture fixture = new ProviderFixture(dir);
        fixture.createGroup("sessions", 2);
        fixture.provider.clusters.create(CONTEXT, CreateCacheClusterRequest.builder().cacheClusterId("cache1").build());

        ElastiCacheProvider restarted = fixture.open();
        fixture.lastRuntime().outcome = Outcome.failed(new NoSuchFileException("/data/dump.rdb"));
        restarted.start();
        assertThat(restarted.store.group(SCOPE, "sessions").status()).isEqualTo(GroupStatus.CREATE_FAILED);
        assertThat(restarted.store.group(SCOPE, "sessions").members()).allMatch(m -> m.status() == NodeStatus.RESTORE_FAILED);
        assertThat(restarted.store.cluster(SCOPE, "cache1").status()).isEqualTo(NodeStatus.RESTORE_FAILED);
        ServiceHealth health = restarted.health();
        assertThat(health.state()).isEqualTo("degraded");
        assertThat(health.detail()).contains("sessions could not be brought back (NoSuchFileException: /data/dump.rdb)");
    }

    @Test
    void closeClosesTheRuntime() {
        ProviderFixture fixture = new ProviderFixture(dir);
        fixture.provider.close();
        assertThat(fixture.runtime.closed).isTrue();
    }
}

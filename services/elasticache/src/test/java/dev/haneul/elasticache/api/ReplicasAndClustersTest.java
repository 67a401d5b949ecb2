package dev.haneul.elasticache.api;

import static dev.haneul.elasticache.api.ProviderFixture.CONTEXT;
import static dev.haneul.elasticache.api.ProviderFixture.SCOPE;
import static dev.haneul.elasticache.api.ProviderFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.elasticache.model.GroupStatus;
import dev.haneul.elasticache.model.NodeStatus;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import dev.haneul.elasticache.runtime.CacheRuntime.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.DecreaseReplicaCountRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.IncreaseReplicaCountRequest;

/** Replicas of a group and stand-alone cache clusters: counts, names, and which node may go. */
class ReplicasAndClustersTest {

    @TempDir
    Path dir;
    private ProviderFixture fixture;
    private Replicas replicas;
    private CacheClusters clusters;
    private FakeCacheRuntime runtime;

    @BeforeEach
    void setUp() {
        fixture = new ProviderFixture(dir);
        replicas = fixture.provider.replicas;
        clusters = fixture.provider.clusters;
        runtime = fixture.runtime;
    }

    @Test
    void increaseAddsTheNextMembersUpToFiveReplicas() {
        fixture.createGroup("sessions", 2);
        runtime.hold = true;
        replicas.increase(CONTEXT, IncreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .newReplicaCount(3).applyImmediately(true).build());
        ReplicationGroupRecord group = fixture.group("sessions");
        assertThat(group.status()).isEqualTo(GroupStatus.MODIFYING);
        assertThat(group.memberIds()).containsExactly("sessions-001", "sessions-002", "sessions-003", "sessions-004");
        assertThat(group.member("sessions-004").orElseThrow().status()).isEqualTo(NodeStatus.CREATING);
        assertThat(runtime.lastApplied().nodeIds()).hasSize(4);
        runtime.release();
        assertThat(fixture.group("sessions").members()).allMatch(m -> m.status() == NodeStatus.AVAILABLE);
        assertError(() -> replicas.increase(CONTEXT, IncreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .newReplicaCount(3).applyImmediately(true).build()), "InvalidParameterValue", 400);
        assertError(() -> replicas.increase(CONTEXT, IncreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .newReplicaCount(6).applyImmediately(true).build()), "InvalidParameterValue", 400);
        assertError(() -> replicas.increase(CONTEXT, IncreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .applyImmediately(true).build()), "InvalidParameterCombination", 400);
    }

    @Test
    void decreaseRemovesTheNewestOrTheNamedReplicasButNeverThePrimary() {
        fixture.createGroup("sessions", 4);
        runtime.hold = true;
        replicas.decrease(CONTEXT, DecreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .newReplicaCount(2).applyImmediately(true).build());
        assertThat(fixture.group("sessions").member("sessions-004").orElseThrow().status()).isEqualTo(NodeStatus.DELETING);
        assertThat(runtime.lastApplied().nodeIds()).containsExactly("sessions-001", "sessions-002", "sessions-003");
        runtime.release();
        assertThat(fixture.group("sessions").memberIds()).containsExactly("sessions-001", "sessions-002", "sessions-003");
        assertError(() -> replicas.decrease(CONTEXT, DecreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .replicasToRemove("sessions-001").applyImmediately(true).build()), "InvalidParameterValue", 400);
        assertError(() -> replicas.decrease(CONTEXT, DecreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .replicasToRemove("other-002").applyImmediately(true).build()), "CacheClusterNotFound", 404);
        assertError(() -> replicas.decrease(CONTEXT, DecreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .replicasToRemove("sessions-002").newReplicaCount(0).applyImmediately(true).build()),
                "InvalidParameterCombination", 400);
        assertError(() -> replicas.decrease(CONTEXT, DecreaseReplicaCountRequest.builder().replicationGroupId("sessions")
                .newReplicaCount(0).applyImmediately(true).build()), "InvalidParameterValue", 400);
    }

    @Test
    void aReplicaIsAddedAndDeletedAsACacheCluster() {
        fixture.createGroup("sessions", 2);
        CacheCluster added = clusters.create(CONTEXT, CreateCacheClusterRequest.builder().cacheClusterId("Extra")
                .replicationGroupId("sessions").build()).cacheCluster();
        assertThat(added.cacheClusterId()).isEqualTo("extra");
        assertThat(added.replicationGroupId()).isEqualTo("sessions");
        assertThat(added.arn()).isEqualTo("arn:aws:elasticache:us-east-1:000000000000:cluster:extra");
        assertThat(fixture.group("sessions").memberIds()).contains("extra");
        assertError(() -> clusters.delete(CONTEXT, DeleteCacheClusterRequest.builder().cacheClusterId("sessions-001")
                .build()), "InvalidCacheClusterState", 400);
        runtime.hold = true;
        CacheCluster deleting = clusters.delete(CONTEXT, DeleteCacheClusterRequest.builder().cacheClusterId("extra")
                .build()).cacheCluster();
        assertThat(deleting.cacheClusterStatus()).isEqualTo("deleting");
        runtime.release();
        assertThat(fixture.group("sessions").memberIds()).doesNotContain("extra");
    }

    @Test
    void aGroupHoldsAtMostSixNodes() {
        fixture.createGroup("full", 6);
        assertError(() -> clusters.create(CONTEXT, CreateCacheClusterRequest.builder().cacheClusterId("seventh")
                .replicationGroupId("full").build()), "NodeQuotaForClusterExceeded", 400);
    }

    @Test
    void aStandAloneClusterHasOneNodeAndGoesThroughItsLifecycle() {
        runtime.hold = true;
        CacheCluster created = clusters.create(CONTEXT, CreateCacheClusterRequest.builder().cacheClusterId("cache1")
                .build()).cacheCluster();
        assertThat(created.cacheClusterStatus()).isEqualTo("creating");
        assertThat(created.numCacheNodes()).isEqualTo(1);
        assertThat(runtime.lastApplied().nodeIds()).containsExactly("cache1");
        assertError(() -> clusters.delete(CONTEXT, DeleteCacheClusterRequest.builder().cacheClusterId("cache1").build()),
                "InvalidCacheClusterState", 400);
        runtime.release();
        assertThat(fixture.provider.store.cluster(SCOPE, "cache1").status()).isEqualTo(NodeStatus.AVAILABLE);
        assertError(() -> clusters.create(CONTEXT, CreateCacheClusterRequest.builder().cacheClusterId("cache2")
                .numCacheNodes(2).build()), "InvalidParameterValue", 400);
        assertError(() -> clusters.create(CONTEXT, CreateCacheClusterRequest.builder().cacheClusterId("cache1")
                .build()), "CacheClusterAlreadyExists", 400);
        clusters.delete(CONTEXT, DeleteCacheClusterRequest.builder().cacheClusterId("cache1").build());
        runtime.release();
        assertError(() -> clusters.delete(CONTEXT, DeleteCacheClusterRequest.builder().cacheClusterId("cache1").build()),
                "CacheClusterNotFound", 404);
    }

    @Test
    void aClusterThatCannotStartIsCreateFailed() {
        runtime.outcome = Outcome.failed(new IOException("no redis-server"));
        clusters.create(CONTEXT, CreateCacheClusterRequest.builder().cacheClusterId("cache1").build());
        assertThat(fixture.provider.store.cluster(SCOPE, "cache1").status()).isEqualTo(NodeStatus.CREATE_FAILED);
    }

    @Test
    void describeListsMembersThenStandAloneClusters() {
        fixture.createGroup("sessions", 2);
        clusters.create(CONTEXT, CreateCacheClusterRequest.builder().cacheClusterId("cache1").build());
        assertThat(clusters.describe(CONTEXT, DescribeCacheClustersRequest.builder().build()).cacheClusters())
                .extracting(CacheCluster::cacheClusterId).containsExactly("sessions-001", "sessions-002", "cache1");
        assertThat(clusters.describe(CONTEXT, DescribeCacheClustersRequest.builder()
                .showCacheClustersNotInReplicationGroups(true).build()).cacheClusters())
                .extracting(CacheCluster::cacheClusterId).containsExactly("cache1");
        assertThat(clusters.describe(CONTEXT, DescribeCacheClustersRequest.builder().cacheClusterId("SESSIONS-002")
                .showCacheNodeInfo(true).build()).cacheClusters().get(0).cacheNodes()).hasSize(1);
        assertError(() -> clusters.describe(CONTEXT, DescribeCacheClustersRequest.builder().cacheClusterId("nope")
                .build()), "CacheClusterNotFound", 404);
        assertError(() -> clusters.describe(CONTEXT, DescribeCacheClustersRequest.builder().maxRecords(19).build()),
                "InvalidParameterValue", 400);
    }
}

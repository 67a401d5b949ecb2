package dev.haneul.elasticache.api;

import static dev.haneul.elasticache.api.ProviderFixture.CONTEXT;
import static dev.haneul.elasticache.api.ProviderFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.elasticache.model.FailoverStatus;
import dev.haneul.elasticache.model.GroupStatus;
import dev.haneul.elasticache.model.NodeStatus;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import dev.haneul.elasticache.runtime.CacheConfig;
import dev.haneul.elasticache.runtime.CacheKey;
import dev.haneul.elasticache.runtime.CacheRuntime.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DeleteReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.SourceType;
import software.amazon.awssdk.services.elasticache.model.TestFailoverRequest;

/** Replication groups: what a create, modify, failover or delete accepts, and the statuses it moves through. */
class ReplicationGroupsTest {

    @TempDir
    Path dir;
    private ProviderFixture fixture;
    private ReplicationGroups groups;
    private FakeCacheRuntime runtime;

    @BeforeEach
    void setUp() {
        fixture = new ProviderFixture(dir);
        groups = fixture.provider.groups;
        runtime = fixture.runtime;
    }

    private static CreateReplicationGroupRequest.Builder create(String id) {
        return CreateReplicationGroupRequest.builder().replicationGroupId(id).replicationGroupDescription("d");
    }

    @Test
    void aCreatedGroupIsCreatingUntilTheRuntimeIsDoneThenAvailable() {
        runtime.hold = true;
        ReplicationGroup answered = groups.create(CONTEXT, create("Sessions").numCacheClusters(2)
                .automaticFailoverEnabled(true).build()).replicationGroup();
        assertThat(answered.replicationGroupId()).isEqualTo("sessions");
        assertThat(answered.status()).isEqualTo("creating");
        assertThat(answered.memberClusters()).containsExactly("sessions-001", "sessions-002");
        assertThat(answered.automaticFailover().toString()).isEqualTo("enabling");
        assertThat(answered.nodeGroups()).isEmpty();
        assertThat(answered.arn()).isEqualTo("arn:aws:elasticache:us-east-1:000000000000:replicationgroup:sessions");
        CacheConfig config = runtime.lastApplied();
        assertThat(config.primaryId()).isEqualTo("sessions-001");
        assertThat(config.replicaIds()).containsExactly("sessions-002");
        assertThat(config.automaticFailover()).isTrue();
        assertThat(config.port()).isEqualTo(6379);

        runtime.release();
        ReplicationGroupRecord group = fixture.group("sessions");
        assertThat(group.status()).isEqualTo(GroupStatus.AVAILABLE);
        assertThat(group.automaticFailover()).isEqualTo(FailoverStatus.ENABLED);
        assertThat(group.members()).allMatch(m -> m.status() == NodeStatus.AVAILABLE);
        List<String> messages = fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder().build())
                .events().stream().map(Event::message).toList();
        assertThat(messages).contains("Replication group sessions created", "Cache cluster created",
                "Automatic failover has been turned on for replication group sessions");
    }

    @Test
    void aGroupWhoseEnginesFailIsCreateFailedAndCanBeDeleted() {
        runtime.outcome = Outcome.failed(new IOException("redis-server did not start"));
        groups.create(CONTEXT, create("broken").build());
        assertThat(fixture.group("broken").status()).isEqualTo(GroupStatus.CREATE_FAILED);
        runtime.outcome = Outcome.DONE;
        groups.delete(CONTEXT, DeleteReplicationGroupRequest.builder().replicationGroupId("broken").build());
        assertError(() -> fixture.group("broken"), "ReplicationGroupNotFoundFault", 404);
    }

    @Test
    void createRefusesWhatElastiCacheRefuses() {
        assertError(() -> groups.create(CONTEXT, create("1bad").build()), "InvalidParameterValue", 400);
        assertError(() -> groups.create(CONTEXT, create("ok").numCacheClusters(7).build()), "InvalidParameterValue", 400);
        assertError(() -> groups.create(CONTEXT, create("ok").numCacheClusters(0).build()), "InvalidParameterValue", 400);
        assertError(() -> groups.create(CONTEXT, create("ok").numCacheClusters(2).replicasPerNodeGroup(2).build()),
                "InvalidParameterCombination", 400);
        assertError(() -> groups.create(CONTEXT, create("ok").automaticFailoverEnabled(true).build()),
                "InvalidParameterCombination", 400);
        assertError(() -> groups.create(CONTEXT, create("ok").numCacheClusters(2).multiAZEnabled(true).build()),
                "InvalidParameterCombination", 400);
        assertError(() -> groups.create(CONTEXT, create("ok").authToken("short").build()), "InvalidParameterValue", 400);
        assertError(() -> groups.create(CONTEXT, create("ok").port(70000).build()), "InvalidParameterValue", 400);
        assertError(() -> groups.create(CONTEXT, create("ok").engine("mysql").build()), "InvalidParameterValue", 400);
        assertError(() -> groups.create(CONTEXT, create("ok").cacheParameterGroupName("mine").build()),
                "CacheParameterGroupNotFound", 404);
        assertThat(runtime.applied).isEmpty();
    }

    @Test
    void whatHaneulDoesNotEmulateIsNotImplemented() {
        assertError(() -> groups.create(CONTEXT, create("ok").engine("memcached").build()), "NotImplemented", 501);
        assertError(() -> groups.create(CONTEXT, create("ok").numNodeGroups(2).build()), "NotImplemented", 501);
        assertError(() -> groups.create(CONTEXT, create("ok").transitEncryptionEnabled(true).build()), "NotImplemented", 501);
        assertError(() -> groups.create(CONTEXT, create("ok").snapshotName("s").build()), "NotImplemented", 501);
    }

    @Test
    void idsAreUniqueAcrossGroupsAndTheirMembers() {
        fixture.createGroup("sessions", 1);
        assertError(() -> fixture.createGroup("sessions", 1), "ReplicationGroupAlreadyExists", 400);
        assertError(() -> fixture.provider.clusters.create(CONTEXT,
                        CreateCacheClusterRequest.builder()
                                .cacheClusterId("sessions-001").build()),
                "CacheClusterAlreadyExists", 400);
    }

    @Test
    void aGroupBeingChangedRefusesOtherChanges() {
        fixture.createGroup("sessions", 2);
        runtime.hold = true;
        groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("sessions")
                .replicationGroupDescription("new").build());
        assertThat(fixture.group("sessions").status()).isEqualTo(GroupStatus.MODIFYING);
        assertError(() -> groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("sessions")
                .replicationGroupDescription("again").build()), "InvalidReplicationGroupState", 400);
        assertError(() -> groups.delete(CONTEXT, DeleteReplicationGroupRequest.builder().replicationGroupId("sessions")
                .build()), "InvalidReplicationGroupState", 400);
        assertError(() -> groups.testFailover(CONTEXT, TestFailoverRequest.builder().replicationGroupId("sessions")
                .nodeGroupId("0001").build()), "InvalidReplicationGroupState", 400);
        runtime.release();
        ReplicationGroupRecord group = fixture.group("sessions");
        assertThat(group.status()).isEqualTo(GroupStatus.AVAILABLE);
        assertThat(group.description()).isEqualTo("new");
    }

    @Test
    void turningAutomaticFailoverOffIsPendingUntilApplied() {
        fixture.createGroup("sessions", 2);
        runtime.hold = true;
        ReplicationGroup answered = groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder()
                .replicationGroupId("sessions").automaticFailoverEnabled(false).build()).replicationGroup();
        assertThat(answered.automaticFailover().toString()).isEqualTo("disabling");
        assertThat(answered.pendingModifiedValues().automaticFailoverStatus().toString()).isEqualTo("disabled");
        assertThat(runtime.lastApplied().automaticFailover()).isFalse();
        runtime.release();
        assertThat(fixture.group("sessions").automaticFailover()).isEqualTo(FailoverStatus.DISABLED);
        assertError(() -> groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("sessions")
                .multiAZEnabled(true).build()), "InvalidParameterCombination", 400);
    }

    @Test
    void authTokensRotateThenSetOrDelete() {
        groups.create(CONTEXT, create("secure").authToken("first-token-0123456").build());
        assertThat(fixture.group("secure").authTokens()).containsExactly("first-token-0123456");
        groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("secure")
                .authToken("second-token-012345").authTokenUpdateStrategy("ROTATE").build());
        assertThat(runtime.lastApplied().authTokens()).containsExactly("second-token-012345", "first-token-0123456");
        groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("secure")
                .authToken("second-token-012345").authTokenUpdateStrategy("SET").build());
        assertThat(runtime.lastApplied().authTokens()).containsExactly("second-token-012345");
        assertThat(fixture.group("secure").pendingAuthTokenStatus()).isNull();
        assertError(() -> groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("secure")
                .authToken("third-token-0123456").authTokenUpdateStrategy("DELETE").build()),
                "InvalidParameterCombination", 400);
        assertError(() -> groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("secure")
                .authTokenUpdateStrategy("ROTATE").build()), "InvalidParameterCombination", 400);
        groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("secure")
                .authTokenUpdateStrategy("DELETE").build());
        assertThat(runtime.lastApplied().authTokens()).isEmpty();
    }

    @Test
    void setNeedsAGroupWithAuth() {
        fixture.createGroup("open", 1);
        assertError(() -> groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("open")
                .authToken("second-token-012345").authTokenUpdateStrategy("SET").build()),
                "InvalidParameterCombination", 400);
    }

    @Test
    void aNewPrimaryIsAPlannedSwitchToAMember() {
        fixture.createGroup("sessions", 3);
        groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("sessions")
                .primaryClusterId("sessions-003").build());
        assertThat(runtime.lastApplied().switchTo()).isEqualTo("sessions-003");
        assertError(() -> groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("sessions")
                .primaryClusterId("other-001").build()), "CacheClusterNotFound", 404);
        groups.modify(CONTEXT, ModifyReplicationGroupRequest.builder().replicationGroupId("sessions")
                .replicationGroupDescription("no switch").build());
        assertThat(runtime.lastApplied().switchTo()).isNull();
    }

    @Test
    void theRuntimesNewPrimaryAndPortArePersisted() {
        fixture.createGroup("sessions", 2);
        runtime.observer.primaryChanged(CacheKey.group(ProviderFixture.SCOPE,
                "sessions"), "sessions-002");
        runtime.observer.portMoved(CacheKey.group(ProviderFixture.SCOPE,
                "sessions"), 16379);
        ReplicationGroupRecord group = fixture.group("sessions");
        assertThat(group.primaryId()).isEqualTo("sessions-002");
        assertThat(group.port()).isEqualTo(16379);
        assertThat(group.replicaIds()).containsExactly("sessions-001");
    }

    @Test
    void testFailoverNeedsNodeGroup0001AndAutomaticFailover() {
        fixture.createGroup("single", 1);
        fixture.createGroup("pair", 2);
        assertError(() -> groups.testFailover(CONTEXT, TestFailoverRequest.builder().replicationGroupId("pair")
                .nodeGroupId("0002").build()), "NodeGroupNotFoundFault", 404);
        assertError(() -> groups.testFailover(CONTEXT, TestFailoverRequest.builder().replicationGroupId("single")
                .nodeGroupId("0001").build()), "InvalidReplicationGroupState", 400);
        assertError(() -> groups.testFailover(CONTEXT, TestFailoverRequest.builder().replicationGroupId("nope")
                .nodeGroupId("0001").build()), "ReplicationGroupNotFoundFault", 404);
        runtime.outcome = Outcome.UNCHANGED;
        groups.testFailover(CONTEXT, TestFailoverRequest.builder().replicationGroupId("pair").nodeGroupId("0001").build());
        assertThat(runtime.failovers).hasSize(1);
        List<String> messages = fixture.provider.events.describe(CONTEXT, DescribeEventsRequest.builder()
                .sourceType(SourceType.REPLICATION_GROUP).sourceIdentifier("pair").build())
                .events().stream().map(Event::message).toList();
        assertThat(messages).contains("Test Failover API called for node group 0001",
                "Test failover of node group 0001 found no available replica");
    }

    @Test
    void describeFindsOneOrPagesThroughAll() {
        for (int i = 0; i < 25; i++) {
            fixture.createGroup("g" + (char) ('a' + i), 1);
        }
        var first = groups.describe(CONTEXT, DescribeReplicationGroupsRequest.builder().maxRecords(20).build());
        assertThat(first.replicationGroups()).hasSize(20);
        var second = groups.describe(CONTEXT, DescribeReplicationGroupsRequest.builder().maxRecords(20)
                .marker(first.marker()).build());
        assertThat(second.replicationGroups()).hasSize(5);
        assertThat(second.marker()).isNull();
        assertThat(groups.describe(CONTEXT, DescribeReplicationGroupsRequest.builder().replicationGroupId("GB").build())
                .replicationGroups()).extracting(ReplicationGroup::replicationGroupId).containsExactly("gb");
        assertError(() -> groups.describe(CONTEXT, DescribeReplicationGroupsRequest.builder().replicationGroupId("zz")
                .build()), "ReplicationGroupNotFoundFault", 404);
        assertError(() -> groups.describe(CONTEXT, DescribeReplicationGroupsRequest.builder().maxRecords(101).build()),
                "InvalidParameterValue", 400);
        assertError(() -> groups.describe(CONTEXT, DescribeReplicationGroupsRequest.builder().marker("nope").build()),
                "InvalidParameterValue", 400);
    }

    @Test
    void deleteForgetsTheGroupOnceTheRuntimeRemovedIt() {
        fixture.createGroup("sessions", 2);
        runtime.hold = true;
        ReplicationGroup answered = groups.delete(CONTEXT, DeleteReplicationGroupRequest.builder()
                .replicationGroupId("sessions").build()).replicationGroup();
        assertThat(answered.status()).isEqualTo("deleting");
        assertThat(fixture.group("sessions").members()).allMatch(m -> m.status() == NodeStatus.DELETING);
        runtime.release();
        assertThat(runtime.removed).hasSize(1);
        assertError(() -> fixture.group("sessions"), "ReplicationGroupNotFoundFault", 404);
        assertError(() -> groups.delete(CONTEXT, DeleteReplicationGroupRequest.builder().replicationGroupId("sessions")
                .build()), "ReplicationGroupNotFoundFault", 404);
        assertError(() -> groups.delete(CONTEXT, DeleteReplicationGroupRequest.builder().replicationGroupId("x")
                .retainPrimaryCluster(true).build()), "NotImplemented", 501);
    }
}

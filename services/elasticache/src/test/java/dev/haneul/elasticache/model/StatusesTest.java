package dev.haneul.elasticache.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.state.ScopedStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycles of groups, nodes and automatic failover, and their spelling in state files. */
class StatusesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static ReplicationGroupRecord group(GroupStatus status, FailoverStatus failover) {
        return new ReplicationGroupRecord("g", "d", "redis", "7.0", "cache.t3.micro", 6379, status, failover, false,
                List.of(), null, null, "g-001", List.of(new MemberRecord("g-001", NodeStatus.CREATING, NOW, "us-east-1a")),
                NOW, 0, "06:00-07:00", "arn:aws:elasticache:us-east-1:000000000000:replicationgroup:g",
                "0123456789abcdef0123");
    }

    @Test
    void groupsMoveOnlyAsTheirLifecycleAllows() {
        ReplicationGroupRecord creating = group(GroupStatus.CREATING, FailoverStatus.ENABLING);
        assertThat(creating.withStatus(GroupStatus.AVAILABLE).withStatus(GroupStatus.MODIFYING).status())
                .isEqualTo(GroupStatus.MODIFYING);
        assertThatThrownBy(() -> creating.withStatus(GroupStatus.DELETING)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> creating.withStatus(GroupStatus.MODIFYING)).isInstanceOf(IllegalStateException.class);
        assertThat(GroupStatus.LIFECYCLE.canMove(GroupStatus.CREATE_FAILED, GroupStatus.DELETING)).isTrue();
        assertThat(GroupStatus.LIFECYCLE.canMove(GroupStatus.DELETING, GroupStatus.AVAILABLE)).isFalse();
    }

    @Test
    void nodesMoveOnlyAsTheirLifecycleAllows() {
        MemberRecord member = new MemberRecord("g-001", NodeStatus.DELETING, NOW, "us-east-1a");
        assertThatThrownBy(() -> member.withStatus(NodeStatus.AVAILABLE)).isInstanceOf(IllegalStateException.class);
        assertThat(member.withStatus(NodeStatus.RESTORE_FAILED).status()).isEqualTo(NodeStatus.RESTORE_FAILED);
        assertThat(NodeStatus.LIFECYCLE.canMove(NodeStatus.RESTORE_FAILED, NodeStatus.AVAILABLE)).isTrue();
    }

    @Test
    void automaticFailoverSettlesWhereItWasHeaded() {
        assertThat(FailoverStatus.DISABLED.toward(true)).isEqualTo(FailoverStatus.ENABLING);
        assertThat(FailoverStatus.ENABLED.toward(true)).isEqualTo(FailoverStatus.ENABLED);
        assertThat(FailoverStatus.ENABLED.toward(false)).isEqualTo(FailoverStatus.DISABLING);
        assertThat(FailoverStatus.DISABLING.settled()).isEqualTo(FailoverStatus.DISABLED);
        assertThat(FailoverStatus.ENABLING.on()).isTrue();
        assertThat(FailoverStatus.DISABLING.pending()).isTrue();
        assertThat(group(GroupStatus.CREATING, FailoverStatus.ENABLING).settled().automaticFailover())
                .isEqualTo(FailoverStatus.ENABLED);
    }

    @Test
    void stateFilesSpellStatusesAsTheApiDoes() throws Exception {
        ObjectMapper mapper = ScopedStore.defaultMapper();
        String json = mapper.writeValueAsString(group(GroupStatus.CREATE_FAILED, FailoverStatus.DISABLING));
        assertThat(json).contains("\"create-failed\"", "\"disabling\"", "\"creating\"");
        ReplicationGroupRecord read = mapper.readValue(json, ReplicationGroupRecord.class);
        assertThat(read.status()).isEqualTo(GroupStatus.CREATE_FAILED);
        assertThat(read.members().get(0).status()).isEqualTo(NodeStatus.CREATING);
        assertThat(GroupStatus.of("available")).isEqualTo(GroupStatus.AVAILABLE);
        assertThatThrownBy(() -> NodeStatus.of("melting")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateWrittenBeforeTheKitReadsBack() throws Exception {
        String old = """
                {"replicationGroups":{},"cacheClusters":{},"tags":{},
                 "events":[{"sourceIdentifier":"g","sourceType":"replication-group","message":"m","date":"2026-01-01T00:00:00Z"}]}
                """;
        ElastiCacheState state = ScopedStore.defaultMapper().readValue(old, ElastiCacheState.class);
        assertThat(state.events()).hasSize(1);
        assertThat(state.events().get(0).categories()).isEmpty();
    }
}

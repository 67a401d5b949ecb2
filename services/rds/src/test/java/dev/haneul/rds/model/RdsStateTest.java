package dev.haneul.rds.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import java.nio.file.Path;
import java.time.Instant;
import dev.haneul.core.resource.EventLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdsStateTest {

    @TempDir
    Path tmp;

    private final Scope scope = new Scope("000000000000", "us-east-1");

    @Test
    void stateSurvivesAReopenWithItsRecordsAndCounters() {
        ScopedStore<RdsState> store = ScopedStore.open(tmp, "rds", RdsState.class, RdsState::new);
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        store.write(scope, state -> {
            state.put(new DbCluster("c1", spec(now), ClusterStatus.AVAILABLE, "db-1", 3306, "0-1-5",
                    Map.of("team", "web")));
            state.put(new DbInstance("db-1", "c1", "db.r6g.large", "aurora-mysql", 0, InstanceStatus.AVAILABLE,
                    state.takeServerId(), state.takeSequence(), now, "db-X", "us-east-1a", false, true, Map.of()));
            state.put(new CustomEndpoint("e1", "c1", "ANY", List.of(), List.of("db-1"), EndpointStatus.AVAILABLE,
                    "cluster-endpoint-X", state.takeSequence(), Map.of()));
            state.add(RdsEvents.cluster(scope, "c1", "DB cluster created", "creation", now));
            return null;
        });

        ScopedStore<RdsState> reopened = ScopedStore.open(tmp, "rds", RdsState.class, RdsState::new);
        reopened.read(scope, state -> {
            assertThat(state.cluster("c1")).hasValueSatisfying(c -> {
                assertThat(c.writer()).isEqualTo("db-1");
                assertThat(c.spec().masterPasswordHash()).isEqualTo(PasswordHash.of("secret99"));
                assertThat(c.tags()).containsExactly(Map.entry("team", "web"));
                assertThat(c.status()).isEqualTo(ClusterStatus.AVAILABLE);
            });
            assertThat(state.instancesOf("c1")).extracting(DbInstance::serverId).containsExactly(1);
            assertThat(state.endpointsOf("c1")).singleElement()
                    .satisfies(e -> assertThat(e.excludedMembers()).containsExactly("db-1"));
            assertThat(state.events()).hasSize(1);
            assertThat(state.takeServerId()).isEqualTo(2);
            return null;
        });
    }

    @Test
    void eventsAreCappedOldestFirstAndDeletedInstancesLeaveEndpointLists() {
        RdsState state = new RdsState();
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        state.add(RdsEvents.cluster(scope, "old", "m", "notification", now.minus(EventLog.RETENTION).minusSeconds(1)));
        for (int i = 0; i < 5; i++) {
            state.add(RdsEvents.cluster(scope, "c" + i, "m", "notification", now));
        }
        assertThat(state.events()).hasSize(5);
        assertThat(state.events().getFirst().sourceIdentifier()).isEqualTo("c0");
        CustomEndpoint endpoint = new CustomEndpoint("e", "c", "READER", List.of("a", "b"), List.of(),
                EndpointStatus.AVAILABLE, "r", 1, Map.of());
        assertThat(endpoint.without("a").staticMembers()).containsExactly("b");
    }

    @Test
    void tagsOfEarlierStateFilesAreReadAsTheKitsMap() throws Exception {
        ObjectMapper mapper = ScopedStore.defaultMapper();
        ObjectNode legacy = mapper.valueToTree(new DbInstance("db-1", "c1", "db.r6g.large", "aurora-mysql", 0,
                InstanceStatus.AVAILABLE, 1, 1, Instant.EPOCH, "db-X", "us-east-1a", false, true, Map.of()));
        legacy.set("tags", mapper.readTree("[{\"key\":\"team\",\"value\":\"web\"},{\"key\":\"empty\"}]"));
        DbInstance read = mapper.treeToValue(legacy, DbInstance.class);
        assertThat(read.tags()).containsExactly(Map.entry("team", "web"), Map.entry("empty", ""));
        ObjectNode written = mapper.valueToTree(read);
        assertThat(written.get("tags").toString()).isEqualTo("{\"team\":\"web\",\"empty\":\"\"}");
        assertThat(written.get("status").asText()).isEqualTo("available");
    }

    @Test
    void passwordHashIsMariaDbsNativeHash() {
        // SELECT PASSWORD('secret99') on MariaDB.
        assertThat(PasswordHash.of("secret99")).isEqualTo("*C8307AB9F480070306551AFB5ED295DB47A61284");
    }

    @Test
    void arnsRoundTrip() {
        String arn = Arns.instance(scope, "db-1");
        assertThat(arn).isEqualTo("arn:aws:rds:us-east-1:000000000000:db:db-1");
        assertThat(Arns.parse(arn)).contains(new Arns.Parsed(scope, "db", "db-1"));
        assertThat(Arns.parse("arn:aws:s3:::bucket")).isEmpty();
        assertThat(Arns.parse("arn:aws:rds:us-east-1:000000000000:cluster/c1")).isEmpty();
        assertThat(Arns.parse("arn:aws:rds:us-east-1:12345:cluster:c1")).isEmpty();
        assertThat(Arns.parse("arn:aws:rds:us-east-1:000000000000:cluster-endpoint:e1"))
                .contains(new Arns.Parsed(scope, "cluster-endpoint", "e1"));
    }

    private static ClusterSpec spec(Instant now) {
        return new ClusterSpec("aurora-mysql", "8.0.mysql_aurora.3.08.0", "admin", PasswordHash.of("secret99"), "app",
                now, "cluster-X", "adminpw", false, 1, "07:00-07:30", "sun:05:00-sun:05:30",
                "default.aurora-mysql8.0", "default", List.of(), List.of("us-east-1a"), false, null, false);
    }
}

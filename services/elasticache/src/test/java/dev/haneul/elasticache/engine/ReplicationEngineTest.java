package dev.haneul.elasticache.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.engine.BinarySource;
import dev.haneul.core.engine.EngineResolver;
import dev.haneul.core.process.ProcessSupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real {@code redis-server} processes under one engine: a dead replica comes back as a replica, a
 * planned switch loses no write, AUTH tokens rotate without locking Haneul or the replicas out;
 * with the system's Redis 7 and with the bundled Redis 6.2.
 */
class ReplicationEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private ProcessSupervisor supervisor;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> primaries = new CopyOnWriteArrayList<>();
    private ReplicationEngine engine;

    @BeforeEach
    void setUp() {
        supervisor = new ProcessSupervisor();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (engine != null) {
            engine.destroy();
        }
        supervisor.close();
        ProcessSupervisor.stopOrphans(tmp, Duration.ofSeconds(10));
    }

    private ReplicationEngine engine(List<String> tokens, boolean automaticFailover) {
        return engine(tokens, automaticFailover, BinarySource.SYSTEM);
    }

    /** An engine on {@code source}'s redis-server (the bundled one is unpacked once per build). */
    private ReplicationEngine engine(List<String> tokens, boolean automaticFailover, BinarySource source) {
        EngineResolver engines = new EngineResolver(Path.of("target", "engine-cache").toAbsolutePath(), Map.of(),
                EnumSet.of(source));
        return new ReplicationEngine("elasticache/test", "replication-group", "test", supervisor, engines,
                id -> tmp.resolve(id), id -> "elasticache/" + id, new AdminCommands(AdminCommands.newSecret()), tokens,
                automaticFailover, new EngineListener() {
                    @Override
                    public void topologyChanged(Topology topology) {
                    }

                    @Override
                    public void primaryChanged(String primaryId) {
                        primaries.add(primaryId);
                    }

                    @Override
                    public void event(String sourceType, String sourceId, String message) {
                        events.add(sourceId + ": " + message);
                    }
                });
    }

    @Test
    void aDeadReplicaIsReplacedAsAReplica() throws Exception {
        engine = engine(List.of(), true);
        engine.bringUp("n1", List.of("n2", "n3"));
        assertThat(engine.topology().nodes().values()).allMatch(Topology.NodeState::available);
        long pid = engine.pid("n2").orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(WAIT).until(() -> engine.pid("n2").orElse(pid) != pid
                && engine.topology().nodes().get("n2").available());
        assertThat(engine.primaryId()).isEqualTo("n1");
        assertThat(events).anyMatch(e -> e.contains("n2 failed and was replaced as a replica"));
        assertThat(primaries).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = BinarySource.class, names = {"SYSTEM", "BUNDLED"})
    void aPlannedSwitchLosesNoWriteAndTheOldPrimaryBecomesAReplica(BinarySource source) throws Exception {
        engine = engine(List.of(), true, source);
        engine.bringUp("n1", List.of("n2"));
        int oldPort = engine.topology().nodes().get("n1").port();
        try (RespClient client = RespClient.connect("127.0.0.1", oldPort, WAIT)) {
            for (int i = 0; i < 1000; i++) {
                client.call("SET", "k" + i, "v" + i);
            }
        }
        assertThat(engine.switchover(Optional.empty(), "test")).isTrue();
        assertThat(engine.primaryId()).isEqualTo("n2");
        assertThat(primaries).containsExactly("n2");
        int newPort = engine.topology().nodes().get("n2").port();
        try (RespClient client = RespClient.connect("127.0.0.1", newPort, WAIT)) {
            assertThat(client.call("DBSIZE")).isEqualTo(1000L);
        }
        await().atMost(WAIT).until(() -> engine.topology().nodes().get("n1").available());
        try (RespClient client = RespClient.connect("127.0.0.1", engine.topology().nodes().get("n1").port(), WAIT)) {
            assertThat(client.callString("INFO", "replication")).contains("role:slave");
        }
    }

    @ParameterizedTest
    @EnumSource(value = BinarySource.class, names = {"SYSTEM", "BUNDLED"})
    void rotatedTokensBothWorkUntilTheNewOneIsSet(BinarySource source) throws Exception {
        engine = engine(List.of("old-token-0123456789"), false, source);
        engine.bringUp("n1", List.of("n2"));
        int port = engine.topology().nodes().get("n1").port();
        engine.setAuthTokens(List.of("new-token-0123456789", "old-token-0123456789"));
        assertThat(auth(port, "old-token-0123456789")).isEqualTo("OK");
        assertThat(auth(port, "new-token-0123456789")).isEqualTo("OK");
        engine.setAuthTokens(List.of("new-token-0123456789"));
        assertThat(auth(port, "old-token-0123456789")).startsWith("WRONGPASS");
        // The replica still replicates: masterauth moved to the new token before the old one went.
        try (RespClient client = RespClient.connect("127.0.0.1", port, WAIT)) {
            client.call("AUTH", "new-token-0123456789");
            client.call("SET", "after", "rotation");
        }
        int replica = engine.topology().nodes().get("n2").port();
        await().atMost(WAIT).until(() -> {
            try (RespClient client = RespClient.connect("127.0.0.1", replica, WAIT)) {
                client.call("AUTH", "new-token-0123456789");
                return "rotation".equals(client.call("GET", "after"));
            }
        });
        engine.setAuthTokens(List.of());
        try (RespClient client = RespClient.connect("127.0.0.1", port, WAIT)) {
            assertThat(client.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void destroyRemovesEveryNodeDirectory() throws Exception {
        engine = engine(List.of(), false);
        engine.bringUp("solo", List.of());
        assertThat(tmp.resolve("solo").resolve("redis.conf")).exists();
        assertThat(Files.readString(tmp.resolve("solo").resolve("redis.conf"))).contains("rename-command CONFIG");
        engine.destroy();
        engine = null;
        assertThat(tmp.resolve("solo")).doesNotExist();
    }

    private static String auth(int port, String token) throws IOException {
        try (RespClient client = RespClient.connect("127.0.0.1", port, WAIT)) {
            return client.callString("AUTH", token);
        } catch (RespClient.RespError e) {
            return e.getMessage();
        }
    }
}

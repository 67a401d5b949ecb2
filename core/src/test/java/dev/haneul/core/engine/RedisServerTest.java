package dev.haneul.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.process.ProcessExit;
import dev.haneul.core.process.ProcessListener;
import dev.haneul.core.process.ProcessStartException;
import dev.haneul.core.process.ProcessState;
import dev.haneul.core.process.ProcessSupervisor;
import dev.haneul.core.process.RestartPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Real redis-server processes, from the system packages and from the bundled artifact. */
class RedisServerTest {

    private static final Logger log = LoggerFactory.getLogger(RedisServerTest.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private ProcessSupervisor supervisor;

    @BeforeEach
    void setUp() {
        supervisor = new ProcessSupervisor();
    }

    @AfterEach
    void tearDown() throws IOException {
        supervisor.close();
        ProcessSupervisor.stopOrphans(tmp, Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @EnumSource(value = BinarySource.class, names = {"SYSTEM", "BUNDLED"})
    void startsOnLoopbackAndAnswersPing(BinarySource source) throws Exception {
        EngineResolver engines = TestEngines.resolver(source);
        RedisBinaries binaries = TestEngines.redisOrSkip(engines);

        RedisServer server = RedisServer.start(supervisor, engines, RedisConfig.builder("elasticache/n1", tmp.resolve("n1")).build());

        assertThat(server.state()).isEqualTo(ProcessState.RUNNING);
        assertThat(server.binaries()).isEqualTo(binaries);
        assertThat(RedisPing.ping(server.host(), server.port(), Duration.ofSeconds(5))).isEqualTo("+PONG");
        assertThatThrownBy(() -> command("127.0.0.2", server.port(), "PING")).isInstanceOf(ConnectException.class);
        assertThat(command(server.host(), server.port(), "CONFIG GET repl-diskless-sync-delay"))
                .contains("repl-diskless-sync-delay", "0");
        assertThat(Files.readString(server.configFile())).contains("set-proc-title no", "save \"\"", "appendonly no");
        long pid = server.pid().orElseThrow();
        assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline"))).contains(server.configFile().toString());
        log.info("{} idle RSS {} MiB", binaries.describe(), TestEngines.rssKib(pid) / 1024);

        server.stop();

        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(server.state()).isEqualTo(ProcessState.STOPPED);
        assertThat(Files.readString(server.logFile())).contains("Ready to accept connections");
    }

    @Test
    void aPasswordedServerIsReadyOnNoauthAndReplicasFollowTheirPrimary() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.SYSTEM);
        TestEngines.redisOrSkip(engines);
        RedisServer primary = RedisServer.start(supervisor, engines, RedisConfig.builder("elasticache/p", tmp.resolve("p"))
                .requirePass("s3cret \"quoted\"").build());
        RedisServer replica = RedisServer.start(supervisor, engines, RedisConfig.builder("elasticache/r", tmp.resolve("r"))
                .requirePass("s3cret \"quoted\"").masterAuth("s3cret \"quoted\"")
                .replicaOf(primary.host(), primary.port()).build());

        assertThat(RedisPing.ping(primary.host(), primary.port(), Duration.ofSeconds(5))).startsWith("-NOAUTH");
        String auth = "AUTH \"s3cret \\\"quoted\\\"\"";
        assertThat(command(primary.host(), primary.port(), auth, "SET k v")).isEqualTo("+OK\r\n+OK\r\n");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(command(replica.host(), replica.port(), auth, "GET k")).isEqualTo("+OK\r\n$1\r\nv\r\n"));
    }

    @ParameterizedTest
    @EnumSource(value = BinarySource.class, names = {"SYSTEM", "BUNDLED"})
    void aRestartedHaneulAdoptsTheRunningServer(BinarySource source) throws Exception {
        EngineResolver engines = TestEngines.resolver(source);
        TestEngines.redisOrSkip(engines);
        RedisConfig config = RedisConfig.builder("elasticache/adopt", tmp.resolve("adopt")).build();
        RedisServer before = RedisServer.start(supervisor, engines, config);
        long pid = before.pid().orElseThrow();
        command(before.host(), before.port(), "SET survivor yes");
        supervisor = new ProcessSupervisor(); // Haneul SIGKILLed and started again

        RedisServer after = RedisServer.start(supervisor, TestEngines.resolver(source), config);

        assertThat(after.adopted()).isTrue();
        assertThat(after.pid()).hasValue(pid);
        assertThat(after.port()).isEqualTo(before.port());
        assertThat(TestEngines.processesWithArgument(after.configFile().toString())).isEqualTo(1);
        assertThat(command(after.host(), after.port(), "GET survivor")).isEqualTo("$3\r\nyes\r\n");
    }

    @Test
    void crashIsDetectedAndTheRestartPolicyRestartsOnTheSamePort() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.SYSTEM);
        TestEngines.redisOrSkip(engines);
        RedisServer server = RedisServer.start(supervisor, engines, RedisConfig.builder("elasticache/crash", tmp.resolve("crash"))
                .restartPolicy(RestartPolicy.onFailure(3, Duration.ofMillis(20), Duration.ofMillis(100))).build());
        List<ProcessExit> exits = new CopyOnWriteArrayList<>();
        server.process().addListener(new ProcessListener() {
            @Override
            public void onExit(ManagedProcess process, ProcessExit exit) {
                exits.add(exit);
            }
        });
        long pid = server.pid().orElseThrow();

        assertThat(server.process().kill()).isTrue();

        await().atMost(WAIT).until(() -> server.state() == ProcessState.RUNNING && server.pid().orElseThrow() != pid);
        assertThat(exits).singleElement().satisfies(exit -> {
            assertThat(exit.expected()).isFalse();
            assertThat(exit.willRestart()).isTrue();
            assertThat(exit.exitCode()).hasValue(137);
        });
        assertThat(RedisPing.ping(server.host(), server.port(), Duration.ofSeconds(5))).isEqualTo("+PONG");
        assertThat(server.process().restarts()).isEqualTo(1);
    }

    @Test
    void aBadDirectiveFailsWithTheServersOwnError() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.BUNDLED);
        TestEngines.redisOrSkip(engines);
        RedisConfig config = RedisConfig.builder("elasticache/bad", tmp.resolve("bad")).option("no-such-directive", "1").build();

        assertThatThrownBy(() -> RedisServer.start(supervisor, engines, config))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("elasticache/bad - pid")
                .hasMessageContaining("Bad directive or wrong number of arguments");
        assertThatThrownBy(() -> RedisConfig.builder("x", tmp).option("port", "1"))
                .hasMessageStartingWith("directive: port (expected: not one of");
        assertThatThrownBy(() -> RedisConfig.builder("x", tmp).save("every minute").build())
                .hasMessageStartingWith("save: 'every minute' (expected:");
    }

    @Test
    void renamedCommandsAnswerOnlyUnderTheirNewName() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.SYSTEM);
        TestEngines.redisOrSkip(engines);
        RedisConfig config = RedisConfig.builder("elasticache/renamed", tmp.resolve("renamed"))
                .renameCommand("CONFIG", "secret-config")
                .renameCommand("SHUTDOWN", "")
                .build();
        RedisServer server = RedisServer.start(supervisor, engines, config);

        String replies = command(server.host(), server.port(), "CONFIG GET port", "SHUTDOWN", "secret-config GET port");
        assertThat(replies).contains("-ERR unknown command").contains("CONFIG")
                .contains("$4\r\nport\r\n$" + Integer.toString(server.port()).length());
        assertThat(server.state()).isEqualTo(ProcessState.RUNNING);
        assertThatThrownBy(() -> RedisConfig.builder("x", tmp).renameCommand("CONFIG", "two words"))
                .hasMessageStartingWith("CONFIG: (hidden)");
        assertThatThrownBy(() -> RedisConfig.builder("x", tmp).option("rename-command", "CONFIG x"))
                .hasMessageStartingWith("directive: rename-command (expected: not one of");
    }

    /** Sends inline commands on one connection and returns the raw replies. */
    private static String command(String host, int port, String... commands) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((String.join("\r\n", commands) + "\r\n").getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            in.transferTo(replies);
            return replies.toString(StandardCharsets.UTF_8);
        }
    }
}

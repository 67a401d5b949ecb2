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
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

/** Real mariadbd processes, from the system packages and from the bundled artifact. */
class MariaDbServerTest {

    private static final Logger log = LoggerFactory.getLogger(MariaDbServerTest.class);
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
        ProcessSupervisor.stopOrphans(tmp, Duration.ofSeconds(10)); // what a failed or "forgetting" test left
    }

    @ParameterizedTest
    @EnumSource(value = BinarySource.class, names = {"SYSTEM", "BUNDLED"})
    void startsOnLoopbackAndGreets(BinarySource source) throws Exception {
        EngineResolver engines = TestEngines.resolver(source);
        MariaDbBinaries binaries = TestEngines.mariaDbOrSkip(engines);

        MariaDbServer server = MariaDbServer.start(supervisor, engines, config("rds/db-1", tmp.resolve("db-1")));

        assertThat(server.state()).isEqualTo(ProcessState.RUNNING);
        assertThat(server.binaries()).isEqualTo(binaries);
        // MariaDB 10.x prefixes its greeting with "5.5.5-" for old replication clients; 11.x does not.
        assertThat(MySqlGreeting.read(server.host(), server.port(), Duration.ofSeconds(5)))
                .contains(binaries.version().substring(0, binaries.version().indexOf("-MariaDB")));
        assertThatThrownBy(() -> connect("127.0.0.2", server.port())).isInstanceOf(ConnectException.class);
        assertThat(Files.readString(server.configFile()))
                .contains("bind_address = 127.0.0.1", "skip_name_resolve", "innodb_buffer_pool_size = 32M",
                        "performance_schema = OFF", "socket = " + server.socket());
        assertThat(server.socket()).exists();
        long pid = server.pid().orElseThrow();
        log.info("{} idle RSS {} MiB", binaries.describe(), TestEngines.rssKib(pid) / 1024);

        server.stop();

        assertThat(server.state()).isEqualTo(ProcessState.STOPPED);
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(Files.readString(server.logFile())).contains("ready for connections", "Shutdown complete");
    }

    /**
     * A new data dir costs one {@code mariadb-install-db} per binaries (hundreds of ms), then a copy
     * per instance (tens of ms). Whole-start times are logged, not asserted: on a loaded machine
     * two starts differ by more than the copy saves.
     */
    @ParameterizedTest
    @EnumSource(value = BinarySource.class, names = {"SYSTEM", "BUNDLED"})
    void theTemplateIsMadeOnceAndCopiedForEachNewInstance(BinarySource source) throws Exception {
        TestEngines.mariaDbOrSkip(TestEngines.resolver(source)); // unpacks into the shared cache if needed
        // A cache with no templates yet, sharing the unpacked binaries with the shared cache.
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache);
        Files.createDirectories(TestEngines.SHARED_CACHE.resolve("bundled"));
        Files.createSymbolicLink(cache.resolve("bundled"), TestEngines.SHARED_CACHE.resolve("bundled"));
        EngineResolver engines = TestEngines.resolver(source, cache);
        MariaDbBinaries binaries = engines.mariaDb();

        long t0 = System.nanoTime();
        Path template = MariaDbTemplate.ensure(binaries, cache);
        long t1 = System.nanoTime();
        MariaDbServer first = MariaDbServer.start(supervisor, engines, config("rds/first", tmp.resolve("first")));
        long t2 = System.nanoTime();
        MariaDbServer second = MariaDbServer.start(supervisor, engines, config("rds/second", tmp.resolve("second")));
        long t3 = System.nanoTime();
        MariaDbTemplate.copy(template, tmp.resolve("copy"));
        long t4 = System.nanoTime();

        Duration install = Duration.ofNanos(t1 - t0);
        Duration copy = Duration.ofNanos(t4 - t3);
        log.info("{}: template init {} ms, copy {} ms; first start with template init {} ms, second start {} ms",
                source, install.toMillis(), copy.toMillis(), Duration.ofNanos(t2 - t0).toMillis(),
                Duration.ofNanos(t3 - t2).toMillis());
        assertThat(copy).isLessThan(install);
        assertThat(MariaDbTemplate.ensure(binaries, cache)).isEqualTo(template);
        assertThat(first.dataDir().resolve("mysql/user.frm")).exists();
        assertThat(second.dataDir().resolve("mysql/user.frm")).exists();
        assertThat(MySqlGreeting.read(second.host(), second.port(), Duration.ofSeconds(5))).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = BinarySource.class, names = {"SYSTEM", "BUNDLED"})
    void aRestartedHaneulAdoptsTheRunningInstance(BinarySource source) throws Exception {
        EngineResolver engines = TestEngines.resolver(source);
        TestEngines.mariaDbOrSkip(engines);
        MariaDbConfig config = config("rds/adopt", tmp.resolve("adopt"));
        MariaDbServer before = MariaDbServer.start(supervisor, engines, config);
        long pid = before.pid().orElseThrow();
        // Haneul is SIGKILLed: nothing is stopped, the objects are gone. A new Haneul starts.
        supervisor = new ProcessSupervisor();

        MariaDbServer after = MariaDbServer.start(supervisor, TestEngines.resolver(source), config);

        assertThat(after.adopted()).isTrue();
        assertThat(after.pid()).hasValue(pid);
        assertThat(after.port()).isEqualTo(before.port());
        assertThat(after.state()).isEqualTo(ProcessState.RUNNING);
        assertThat(TestEngines.processesWithArgument(after.configFile().toString())).isEqualTo(1);
        assertThat(MySqlGreeting.read(after.host(), after.port(), Duration.ofSeconds(5))).isNotEmpty();

        after.stop();
        // Stopped means not running; here the JVM is still its parent and reaps the zombie a moment later.
        await().atMost(WAIT).until(() -> ProcessHandle.of(pid).isEmpty());
    }

    @Test
    void stopOrphansStopsEnginesNobodySupervises() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.SYSTEM);
        TestEngines.mariaDbOrSkip(engines);
        Path dataRoot = tmp.resolve("haneul");
        MariaDbServer db = MariaDbServer.start(supervisor, engines, config("rds/db-1", dataRoot.resolve("engines/db-1")));
        RedisServer cache = RedisServer.start(supervisor, engines,
                RedisConfig.builder("elasticache/node-1", dataRoot.resolve("engines/node-1")).build());
        List<Long> pids = List.of(db.pid().orElseThrow(), cache.pid().orElseThrow());
        supervisor = new ProcessSupervisor(); // forget them, as a dead Haneul would

        List<Long> stopped = ProcessSupervisor.stopOrphans(dataRoot, Duration.ofSeconds(10));

        assertThat(stopped).containsExactlyInAnyOrderElementsOf(pids);
        await().atMost(WAIT).until(() -> pids.stream().allMatch(pid -> ProcessHandle.of(pid).isEmpty()));
        assertThat(TestEngines.processesWithArgument(db.configFile().toString())).isZero();
        assertThat(TestEngines.processesWithArgument(cache.configFile().toString())).isZero();
        assertThat(dataRoot.resolve("engines/db-1/mariadbd.pid")).doesNotExist();
        assertThat(Files.readString(db.logFile())).contains("Shutdown complete"); // SIGTERM: a clean shutdown
    }

    @Test
    void crashIsDetectedAndTheRestartPolicyKeepsThePort() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.SYSTEM);
        TestEngines.mariaDbOrSkip(engines);
        MariaDbServer server = MariaDbServer.start(supervisor, engines, MariaDbConfig.builder("rds/crash", tmp.resolve("crash"))
                .restartPolicy(RestartPolicy.onFailure(1, Duration.ofMillis(50), Duration.ofMillis(50)))
                .build());
        List<ProcessExit> exits = new CopyOnWriteArrayList<>();
        server.process().addListener(new ProcessListener() {
            @Override
            public void onExit(ManagedProcess process, ProcessExit exit) {
                exits.add(exit);
            }
        });
        long pid = server.pid().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9 from outside

        await().atMost(WAIT).until(() -> exits.size() == 1);
        assertThat(exits.getFirst()).satisfies(exit -> {
            assertThat(exit.pid()).isEqualTo(pid);
            assertThat(exit.expected()).isFalse();
            assertThat(exit.willRestart()).isTrue();
        });
        await().atMost(WAIT).until(() -> server.state() == ProcessState.RUNNING && server.pid().orElseThrow() != pid);
        assertThat(MySqlGreeting.read(server.host(), server.port(), Duration.ofSeconds(5))).isNotEmpty();

        server.process().kill();
        await().atMost(WAIT).until(() -> server.state() == ProcessState.FAILED);
        assertThat(exits).hasSize(2);
    }

    @Test
    void aBadOptionFailsFastWithTheServersOwnError() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.SYSTEM);
        TestEngines.mariaDbOrSkip(engines);
        MariaDbConfig config = MariaDbConfig.builder("rds/bad", tmp.resolve("bad")).option("no_such_option", "1").build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> MariaDbServer.start(supervisor, engines, config))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("rds/bad - pid")
                .hasMessageContaining("during start-up")
                .hasMessageContaining("unknown variable 'no_such_option=1'");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void extraOptionsOverrideDefaultsAndManagedOnesAreRefused() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.SYSTEM);
        TestEngines.mariaDbOrSkip(engines);
        MariaDbConfig config = MariaDbConfig.builder("rds/opts", tmp.resolve("opts"))
                .option("server_id", "7")
                .option("log_bin", "mysql-bin")
                .option("binlog_format", "ROW")
                .option("innodb-buffer-pool-size", "48M")
                .option("read_only", "ON")
                .build();

        MariaDbServer server = MariaDbServer.start(supervisor, engines, config);

        assertThat(Files.readString(server.configFile()))
                .doesNotContain("innodb_buffer_pool_size = 32M")
                .contains("innodb-buffer-pool-size = 48M", "server_id = 7", "log_bin = mysql-bin");
        assertThat(server.dataDir().resolve("mysql-bin.index")).exists();
        assertThatThrownBy(() -> MariaDbConfig.builder("rds/x", tmp).option("datadir", "/elsewhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("option: datadir (expected: not one of");
        assertThatThrownBy(() -> MariaDbConfig.builder("rds/x", tmp).port(70000).build())
                .hasMessage("port: 70000 (expected: 0-65535, 0 for a free port)");
    }

    @Test
    void aLongDirectoryGetsARelativeSocket() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.SYSTEM);
        TestEngines.mariaDbOrSkip(engines);
        Path dir = tmp.resolve("x".repeat(60)).resolve("y".repeat(60)).resolve("db");

        MariaDbServer server = MariaDbServer.start(supervisor, engines, config("rds/long", dir));

        assertThat(server.dir().resolve(MariaDbServer.SOCKET_FILE).toString().length())
                .isGreaterThan(MariaDbServer.MAX_SOCKET_PATH);
        assertThat(Files.readString(server.configFile())).contains("socket = mariadbd.sock\n");
        assertThat(server.socket()).isEqualTo(server.dataDir().resolve("mariadbd.sock")).exists();
    }

    @Test
    void aPortTakenSinceTheLastRunIsReplaced() throws Exception {
        EngineResolver engines = TestEngines.resolver(BinarySource.SYSTEM);
        TestEngines.mariaDbOrSkip(engines);
        MariaDbConfig config = config("rds/port", tmp.resolve("port"));
        MariaDbServer first = MariaDbServer.start(supervisor, engines, config);
        int oldPort = first.port();
        first.stop();

        MariaDbServer again = MariaDbServer.start(supervisor, engines, config);
        assertThat(again.port()).as("a free previous port is kept").isEqualTo(oldPort);
        again.stop();

        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), oldPort));
            MariaDbServer moved = MariaDbServer.start(supervisor, engines, config);
            assertThat(moved.port()).isNotEqualTo(oldPort);
            assertThat(MySqlGreeting.read(moved.host(), moved.port(), Duration.ofSeconds(5))).isNotEmpty();
            assertThat(Files.readString(moved.logFile())).contains("Address already in use");
        }
    }

    private static MariaDbConfig config(String name, Path dir) {
        return MariaDbConfig.builder(name, dir).build();
    }

    private static void connect(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        }
    }
}

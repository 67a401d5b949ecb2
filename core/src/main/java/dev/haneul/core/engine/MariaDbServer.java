package dev.haneul.core.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.process.ProcessSpec;
import dev.haneul.core.process.ProcessSupervisor;
import dev.haneul.core.process.ReadinessProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code mariadbd}, with its own directory, generated {@code my.cnf}, log and port on
 * 127.0.0.1. Start with {@link #start}; see {@link EngineLaunch} for adoption of a running copy
 * and port choice, {@link MariaDbTemplate} for how a new data dir is made, {@link MariaDbConfig}
 * for the options.
 *
 * <p>Ready means: the process holds the listening socket and a connection receives the MySQL
 * protocol v10 greeting. Account: the template has {@code root} with no password for
 * {@code 127.0.0.1} (and {@code localhost}); the RDS layer creates its own users.
 *
 * <p>Trap: a Unix socket path may hold at most 107 bytes. When {@code <dir>/mariadbd.sock} is
 * longer, the config names the socket relatively, which mariadbd resolves against its data dir
 * (its working directory once started): the server starts, but local clients need TCP (or
 * {@code cd} into the data dir). {@link #socket()} then returns the long absolute path.
 */
public final class MariaDbServer implements EngineServer {

    static final String CONFIG_FILE = "my.cnf";
    static final String PID_FILE = "mariadbd.pid";
    static final String LOG_FILE = "mariadbd.log";
    static final String SOCKET_FILE = "mariadbd.sock";
    /** Longest Unix socket path: {@code sun_path} is 108 bytes with the terminating NUL. */
    static final int MAX_SOCKET_PATH = 107;
    /** Bound on one probe's greeting read; the ready deadline is checked between probes. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final MariaDbConfig config;
    private final MariaDbBinaries binaries;
    private final Path dir;
    private final int port;
    private final ManagedProcess process;

    private MariaDbServer(MariaDbConfig config, MariaDbBinaries binaries, Path dir, int port, ManagedProcess process) {
        this.config = config;
        this.binaries = binaries;
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts the instance described by {@code config} (or adopts the copy a previous Haneul left
     * running) and returns once it greets clients. A new directory gets a data dir copied from the
     * template for these binaries, made first if the cache does not have it.
     *
     * @throws dev.haneul.core.process.ProcessStartException when mariadbd exits during start-up or
     *     is not ready in time; the message ends with its log
     * @throws EngineUnavailableException when no MariaDB binaries can be found
     */
    public static MariaDbServer start(ProcessSupervisor supervisor, EngineResolver engines, MariaDbConfig config)
            throws IOException, InterruptedException {
        requireNonNull(supervisor, "supervisor");
        requireNonNull(engines, "engines");
        requireNonNull(config, "config");
        MariaDbBinaries binaries = engines.mariaDb();
        Path dir = Files.createDirectories(config.dir()).toRealPath();
        Path dataDir = dir.resolve(EngineLaunch.DATA_DIR);
        EngineLaunch.Launched launched = EngineLaunch.launch(supervisor, config.name(), config.port(), binaries,
                new EngineLaunch.Engine(dir.resolve(CONFIG_FILE), ConfigFiles.MARIADB_PORT,
                        port -> processSpec(config, binaries, dir, port),
                        port -> render(config, binaries, dir, port),
                        () -> {
                            if (!Files.exists(dataDir)) {
                                MariaDbTemplate.copy(MariaDbTemplate.ensure(binaries, engines.cacheDir()), dataDir);
                            }
                        }));
        return new MariaDbServer(config, binaries, dir, launched.port(), launched.process());
    }

    private static ProcessSpec processSpec(MariaDbConfig config, MariaDbBinaries binaries, Path dir, int port) {
        Path configFile = dir.resolve(CONFIG_FILE);
        return ProcessSpec.builder(config.name(),
                        List.of(binaries.server().toString(), "--defaults-file=" + configFile))
                .workDir(dir)
                // mariadbd's modes for the files and directories it creates (0660/0700 otherwise):
                // tables, binary logs and relay logs hold password hashes and user data.
                .environment("UMASK", "0600")
                .environment("UMASK_DIR", "0700")
                .logFile(dir.resolve(LOG_FILE))
                .pidFile(dir.resolve(PID_FILE))
                .port(port)
                .adoptionMarker(configFile.toString())
                .readinessProbe(ReadinessProbe.listeningOn(port).and(pid -> {
                    MySqlGreeting.read(EngineLaunch.HOST, port, PROBE_TIMEOUT);
                    return true;
                }))
                .readyTimeout(config.readyTimeout())
                .stopTimeout(config.stopTimeout())
                .restartPolicy(config.restartPolicy())
                .build();
    }

    /** The {@code my.cnf} text: managed options, then defaults overridden by the config's options. */
    static String render(MariaDbConfig config, MariaDbBinaries binaries, Path dir, int port) {
        Map<String, String> managed = new LinkedHashMap<>();
        if (RunningUser.isRoot()) {
            managed.put("user", "root");
        }
        binaries.baseDir().ifPresent(baseDir -> managed.put("basedir", baseDir.toString()));
        binaries.messagesDir().ifPresent(messages -> managed.put("lc_messages_dir", messages.toString()));
        managed.put("datadir", dir.resolve(EngineLaunch.DATA_DIR).toString());
        managed.put("port", Integer.toString(port));
        managed.put("bind_address", EngineLaunch.HOST);
        managed.put("socket", socketSetting(dir));
        managed.put("pid_file", dir.resolve(PID_FILE).toString());
        managed.put("log_error", dir.resolve(LOG_FILE).toString());
        managed.put("skip_name_resolve", "");
        managed.put("innodb_log_file_size", MariaDbConfig.INNODB_LOG_FILE_SIZE);
        managed.put("innodb_undo_tablespaces", MariaDbConfig.INNODB_UNDO_TABLESPACES);

        Map<String, String> tunable = new LinkedHashMap<>();
        tunable.put("innodb_buffer_pool_size", MariaDbConfig.DEFAULT_INNODB_BUFFER_POOL_SIZE);
        tunable.put("key_buffer_size", MariaDbConfig.DEFAULT_KEY_BUFFER_SIZE);
        tunable.put("performance_schema", MariaDbConfig.DEFAULT_PERFORMANCE_SCHEMA);
        tunable.put("ssl", MariaDbConfig.DEFAULT_SSL);
        Map<String, String> owned = new LinkedHashMap<>();
        config.options().forEach((option, value) -> {
            tunable.remove(MariaDbConfig.canonical(option));
            owned.put(option, value);
        });

        StringBuilder text = new StringBuilder()
                .append("# Generated by Haneul for ").append(config.name())
                .append(" at every fresh start: edits are overwritten.\n[mariadbd]\n");
        managed.forEach((option, value) -> ConfigFiles.appendMyCnf(text, option, value));
        text.append("# Defaults\n");
        tunable.forEach((option, value) -> ConfigFiles.appendMyCnf(text, option, value));
        if (!owned.isEmpty()) {
            text.append("# Options of ").append(config.name()).append('\n');
            owned.forEach((option, value) -> ConfigFiles.appendMyCnf(text, option, value));
        }
        return text.toString();
    }

    private static String socketSetting(Path dir) {
        String absolute = dir.resolve(SOCKET_FILE).toString();
        return absolute.getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH ? absolute : SOCKET_FILE;
    }

    // ---- what only MariaDB has; the rest is in EngineServer ----

    public MariaDbConfig config() {
        return config;
    }

    /** The Unix socket; see the class comment for directories with long paths. */
    public Path socket() {
        String setting = socketSetting(dir);
        return setting.equals(SOCKET_FILE) ? dataDir().resolve(SOCKET_FILE) : Path.of(setting);
    }

    @Override
    public ManagedProcess process() {
        return process;
    }

    @Override
    public MariaDbBinaries binaries() {
        return binaries;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public Path configFile() {
        return dir.resolve(CONFIG_FILE);
    }

    @Override
    public Path logFile() {
        return dir.resolve(LOG_FILE);
    }

    @Override
    public String toString() {
        return "MariaDbServer[" + name() + " " + state() + " " + host() + ":" + port + " " + binaries.describe() + "]";
    }
}

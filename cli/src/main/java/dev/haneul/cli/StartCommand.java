package dev.haneul.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.state.DataDirCheck;
import dev.haneul.server.Main;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code haneul start}: runs the server in the foreground, or in the background with {@code -d}. */
@Command(name = "start", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Starts the Haneul server.",
            "",
            "Serves the AWS API on http://127.0.0.1:PORT and brings back every engine and endpoint of the "
                    + "resources it already has. In the foreground it runs until Ctrl-C; with -d it runs in the "
                    + "background and this command returns once the server answers its health check, printing its URL.",
            "",
            "Exit status: 0 when running (also when it already was), 1 when it cannot start (the reason is "
                    + "printed), 2 for an invalid setting."})
final class StartCommand implements Callable<Integer> {

    /**
     * JVM options of the server: a small initial heap and the serial collector; and no Flight
     * Recorder events from Netty's buffer allocator: their first check, on the first request (the
     * health check this command waits for), loads JFR's event classes and builds a dozen
     * annotation proxies the start-up cache cannot hold, 0.3-0.4 s of the first answer at load 13.
     * {@code HANEUL_JAVA_OPTS} comes later on the command line, so
     * {@code -Dio.netty.jfr.enabled=true} there turns them back on for a recording.
     */
    static final List<String> SERVER_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Dio.netty.jfr.enabled=false");

    /** How often a starting server is asked whether it is up. */
    private static final long POLL_MILLIS = 5;

    /** One progress dot per this much waiting. */
    private static final long DOT_INTERVAL_NANOS = Duration.ofMillis(250).toNanos();

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Option(names = {"-d", "--detach"}, description = "Run in the background; return once the server is healthy.")
    boolean detach;

    /** How long {@code -d} waits for the server to be healthy unless {@code --wait} says otherwise. */
    static final String DEFAULT_WAIT_SECONDS = "60";

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = DEFAULT_WAIT_SECONDS,
            description = "With -d, how long to wait for the server to become healthy (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    public Integer call() throws Exception {
        return start(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Starts the server of {@code options} in the background unless it already runs, as
     * {@code haneul start -d} does; for commands that need a server (such as {@code haneul lab run}).
     *
     * @return 0 when it runs, 1 when it cannot start (the reason is printed)
     */
    static int ensureRunning(ServerOptions options, PrintWriter out, PrintWriter err) throws Exception {
        StartCommand start = new StartCommand();
        start.options = options;
        start.detach = true;
        start.waitSeconds = Integer.parseInt(DEFAULT_WAIT_SECONDS);
        return start.start(out, err);
    }


    private int start(PrintWriter out, PrintWriter err) throws Exception {
        HaneulConfig config = options.config();
        ServerClient client = new ServerClient(config);
        Optional<JsonNode> existing = client.health(config.port());
        if (existing.isPresent()) {
            if (client.isOurs(existing.get())) {
                out.println("Haneul is already running at " + existing.get().path("endpoint").asText()
                        + " (pid " + existing.get().path("pid").asText() + ").");
                return 0;
            }
            err.println("haneul: port " + config.port() + " is used by another Haneul server (data dir "
                    + existing.get().path("dataDir").asText() + "); stop it or choose another port with --port or HANEUL_PORT.");
            return 1;
        }
        if (config.port() != 0 && !canBind(config.port())) {
            err.println("haneul: port " + config.port() + " on 127.0.0.1 is already in use by another program;"
                    + " choose another port with --port or HANEUL_PORT.");
            return 1;
        }
        Optional<String> unusable = DataDirCheck.problem(config.dataDir(), config.stateDir(), config.enginesDir(),
                config.logsDir());
        if (unusable.isPresent()) {
            err.println("haneul: cannot start: data dir " + config.dataDir() + " cannot be used: " + unusable.get()
                    + "; make it writable or choose another with --data-dir or HANEUL_DATA_DIR.");
            return 1;
        }
        try {
            if (!detach) {
                return runInForeground(config);
            }
            return startInBackground(config, client, out, err);
        } catch (IOException e) {
            err.println("haneul: cannot start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    /**
     * Runs the server as a child JVM attached to this terminal, not inside this one: the command
     * line's JVM is tuned to start fast (C1 only), the server's to serve fast. Ctrl-C reaches both
     * (same process group); the server's shutdown hook stops its engines, and this one waits for it.
     */
    private int runInForeground(HaneulConfig config) throws IOException, InterruptedException {
        Files.createDirectories(config.cacheDir().resolve("jvm"));
        ProcessBuilder builder = new ProcessBuilder(serverCommand(config, false)).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(options.environment());
        Process server = builder.start();
        Thread stopServer = new Thread(() -> {
            server.destroy();
            try {
                server.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "haneul-stop-server");
        Runtime.getRuntime().addShutdownHook(stopServer);
        int status = server.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopServer);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running.
        }
        // 130 and 143 are the server ending on Ctrl-C or SIGTERM, its normal way to stop.
        return status == 130 || status == 143 ? 0 : status;
    }

    /**
     * The server's JVM: the java running this command, the class path of this command, the
     * options of {@link #SERVER_JVM_OPTIONS}, the start-up cache and {@code HANEUL_JAVA_OPTS}.
     * Only a background server trains a missing cache: the JVM reports the training on the
     * terminal, which a foreground server shares.
     */
    private static List<String> serverCommand(HaneulConfig config, boolean mayTrainCache) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String extra = System.getenv("HANEUL_JAVA_OPTS");
        List<String> extraOptions = extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
        // A collector chosen in HANEUL_JAVA_OPTS replaces ours (two would stop the JVM from starting).
        boolean ownCollector = extraOptions.stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
        SERVER_JVM_OPTIONS.stream().filter(o -> !(ownCollector && o.endsWith("GC"))).forEach(command::add);
        if (Runtime.version().feature() >= 23) {
            // Netty 4.2 uses sun.misc.Unsafe only when the JDK allows it (off by default from 25);
            // with it, HTTP header encoding and buffer access are several times cheaper.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED"); // Netty's epoll transport, without a warning
        }
        command.addAll(startupCacheOptions(config, mayTrainCache));
        // The cache's own warnings ("Skipping ... Unsupported location") are noise; the aot tag is JDK 24+.
        command.add(Runtime.version().feature() >= 24 ? "-Xlog:aot=off,cds=off" : "-Xlog:cds=off");
        command.addAll(extraOptions);
        command.add("-Dhaneul.launchedAt=" + System.currentTimeMillis()); // for the "ready in N ms" line
        String home = System.getProperty("haneul.home", "");
        if (!home.isBlank()) {
            command.add("-Dhaneul.home=" + home); // where the server finds the apps it may launch (the board's jar)
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        return command;
    }

    private int startInBackground(HaneulConfig config, ServerClient client, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        Files.createDirectories(config.logsDir());
        Path log = config.logsDir().resolve("haneul.log");
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid"); // its own session: closing the terminal does not stop it
        }
        command.addAll(serverCommand(config, true));
        Files.createDirectories(config.cacheDir().resolve("jvm"));

        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(options.environment());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        Process process = builder.start();
        long spawned = System.nanoTime();
        ServerClient.warmUp(); // while the server boots, not after it answers
        out.print("Starting Haneul");
        out.flush();
        long deadline = spawned + Duration.ofSeconds(waitSeconds).toNanos();
        long nextDot = spawned + DOT_INTERVAL_NANOS;
        while (System.nanoTime() < deadline) {
            // Asking on a port nobody listens on yet is refused at once by the kernel and costs
            // tens of microseconds, so a short pause keeps the wait for a ready server short.
            Optional<JsonNode> health = client.health(config.port());
            if (health.isPresent() && client.isOurs(health.get())) {
                out.println();
                out.println("Haneul " + health.get().path("version").asText() + " is up at "
                        + health.get().path("endpoint").asText() + " (pid " + health.get().path("pid").asText() + ")");
                out.println("  data dir  " + config.dataDir());
                out.println("  log       " + log);
                out.println("  try       ./haneul aws sts get-caller-identity");
                StatusCommand.printStateProblems(health.get(), out);
                out.flush();
                return 0;
            }
            if (!process.isAlive()) {
                out.println();
                err.println("haneul: the server exited during start-up (status " + process.exitValue() + "):");
                tail(log, logStart).forEach(line -> err.println("  " + line));
                return 1;
            }
            Thread.sleep(POLL_MILLIS);
            if (System.nanoTime() >= nextDot) {
                out.print('.');
                out.flush();
                nextDot += DOT_INTERVAL_NANOS;
            }
        }
        out.println();
        err.println("haneul: the server did not answer its health check within " + waitSeconds + " s; see " + log);
        tail(log, logStart).forEach(line -> err.println("  " + line));
        return 1;
    }

    /**
     * Options that make the next start faster by caching what the JVM did in the first one: on JDK
     * 25 and later an ahead-of-time cache (classes loaded and linked, method profiles; written when
     * the first server exits), on older JDKs a dynamic class-data-sharing archive. Either is only
     * valid for this class path and JDK, and the cache dir is shared by every checkout on the
     * machine, so the file is named by their hash. Not {@code --enable-native-access}: with it the
     * JDK rejects the archive ("mismatched values for jdk.module.enable.native.access").
     */
    private static List<String> startupCacheOptions(HaneulConfig config, boolean mayTrain) {
        String key = Integer.toHexString((System.getProperty("java.class.path") + "|" + Runtime.version()).hashCode());
        Path dir = config.cacheDir().resolve("jvm");
        if (Runtime.version().feature() >= 25) {
            Path cache = dir.resolve("haneul-server-" + key + ".aot");
            if (isFresh(cache)) {
                return List.of("-XX:AOTCache=" + cache);
            }
            if (!mayTrain) {
                return List.of();
            }
            pruneStaleCaches(dir);
            return List.of("-XX:AOTCacheOutput=" + cache);
        }
        return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + dir.resolve("haneul-server-" + key + ".jsa"));
    }

    /**
     * Deletes server caches nobody has rebuilt for a week: each class path (checkout, dependency
     * set) gets its own cache of some 50 MB, and several checkouts may share the cache dir, so
     * only age says a cache is abandoned.
     */
    private static void pruneStaleCaches(Path dir) {
        FileTime weekAgo = FileTime.from(
                Instant.now().minus(Duration.ofDays(7)));
        try (var caches = Files.newDirectoryStream(dir, "haneul-server-*")) {
            for (Path cache : caches) {
                if (Files.getLastModifiedTime(cache).compareTo(weekAgo) < 0) {
                    Files.deleteIfExists(cache);
                }
            }
        } catch (IOException e) {
            // A cache that stays costs disk space only.
        }
    }

    /** Whether {@code cache} exists and is newer than every jar of the class path (a rebuild invalidates it). */
    private static boolean isFresh(Path cache) {
        try {
            if (!Files.isRegularFile(cache)) {
                return false;
            }
            FileTime made = Files.getLastModifiedTime(cache);
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(made) > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What {@code start -d} does up to the server's spawn, without spawning it (a short-lived
     * {@code /bin/true} takes its place) and with the check of a server's answer on a made-up
     * document: the training run of the command line's start-up cache ({@link CliTraining}), so
     * that the classes of this path are in it.
     */
    static void rehearse(HaneulConfig config, Path scratch) throws IOException, InterruptedException {
        ServerClient client = new ServerClient(config);
        client.health(config.port());
        canBind(config.port());
        DataDirCheck.problem(config.dataDir(), config.stateDir(), config.enginesDir(), config.logsDir());
        Path log = scratch.resolve("rehearsal.log");
        serverCommand(config, false); // built, not run
        ProcessBuilder builder = new ProcessBuilder("/bin/true")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(System.getenv());
        Process process = builder.start();
        ServerClient.warmUp();
        process.waitFor();
        JsonNode health = ServerClient.parse("{\"status\":\"running\",\"version\":\"0\",\"endpoint\":\"http://127.0.0.1:1\","
                + "\"pid\":1,\"dataDir\":\"" + config.dataDir().toString().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"stateProblems\":[]}");
        client.isOurs(health);
        StatusCommand.printStateProblems(health, new PrintWriter(Writer.nullWriter()));
        tail(log, 0);
    }

    /**
     * Whether {@code port} on 127.0.0.1 is free. Not {@code AddressAllocator.canBind}: loading that
     * class starts the logging framework (its XML configuration), a fifth of this command's time
     * before the server is spawned, for no line this command prints.
     */
    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines the server wrote to its log since {@code from}. */
    private static List<String> tail(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) Math.min(from, all.length), (int) (all.length - Math.min(from, all.length)),
                StandardCharsets.UTF_8);
        List<String> lines = text.lines().filter(l -> !l.startsWith("WARNING:")).toList();
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }
}

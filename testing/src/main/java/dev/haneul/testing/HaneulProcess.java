package dev.haneul.testing;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Haneul server in a separate JVM (this test's class path, {@code dev.haneul.server.Main}), for
 * tests that must kill it with SIGKILL and start it again on the same data dir and port.
 */
public final class HaneulProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path dataDir;
    private final int port;
    private final Map<String, String> env;
    private @Nullable Process process; // null until started

    private HaneulProcess(Path dataDir, int port, Map<String, String> env) {
        this.dataDir = dataDir;
        this.port = port;
        this.env = env;
    }

    /** A server on {@code dataDir} (created if needed) with a free port and its own address range. */
    public static HaneulProcess create(Path dataDir, Map<String, String> settings) {
        requireNonNull(dataDir, "dataDir");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("HANEUL_") && !k.equals("HANEUL_CACHE_DIR"));
        env.put("HANEUL_PORT", Integer.toString(port));
        env.put("HANEUL_DATA_DIR", dataDir.toString());
        env.put("HANEUL_ADDRESS_RANGE", TestRanges.random().toString());
        env.putAll(settings);
        return new HaneulProcess(dataDir, port, env);
    }

    /** Starts the server and waits until it answers its health check. */
    public HaneulProcess start() throws IOException, InterruptedException {
        Files.createDirectories(dataDir.resolve("logs"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.haneul.server.Main");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("logs").resolve("haneul.log").toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process started = builder.start();
        process = started;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("Haneul exited with " + started.exitValue() + "; see " + log());
            }
            if (healthy()) {
                return this;
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("Haneul did not become healthy within 60 s; see " + log());
    }

    /** SIGKILL: no shutdown hook runs, engines are left behind, as after a crash. */
    public void kill() throws InterruptedException {
        Process running = requireNonNull(process, "not started");
        running.destroyForcibly();
        running.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait: a clean stop. */
    public void stop() throws InterruptedException {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!running.waitFor(60, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                running.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public long pid() {
        return requireNonNull(process, "not started").pid();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return dataDir.resolve("logs").resolve("haneul.log");
    }

    /** The server's health document, or {@code null} when it does not answer. */
    public @Nullable String health() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/_haneul/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private boolean healthy() {
        return health() != null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}

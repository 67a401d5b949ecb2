package dev.haneul.apps;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.process.ProcessSpec;
import dev.haneul.core.process.ProcessSupervisor;
import dev.haneul.core.process.ReadinessProbe;
import dev.haneul.core.process.RestartPolicy;
import dev.haneul.core.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the user's app processes in the state the user asked for. An app that dies is not
 * restarted: like a failed server behind a load balancer it stays down (the load balancer's health
 * checks see it go) until someone starts it again. Apps that were running when Haneul stopped are
 * started again (or adopted, if a killed Haneul left them running) when it starts.
 *
 * <p>What runs is decided by the {@link AppCatalogue}: an {@link AppSpec} names a kind and gives
 * checked parameter values, never a command. The apps file may hold entries written by an older
 * Haneul as free-form commands; they are dropped when it is read, never run.
 *
 * <p>Each app lives in {@code <apps dir>/<name>/} (log, pid file). Every method blocks; call from
 * virtual threads, never from an event loop.
 */
public final class AppManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppManager.class);
    /** Strict: an entry with fields an AppSpec does not have (an older Haneul's command) is refused. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** A Spring Boot app on a loaded 2-core machine can take this long to answer its health check. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Path appsDir;
    private final Path stateFile;
    private final ProcessSupervisor supervisor;
    private final String java;
    private final AppCatalogue catalogue;
    private final ReentrantLock lock = new ReentrantLock();
    private AppState state;

    /**
     * @param appsDir where each app gets its directory
     * @param stateFile where the apps and their wanted state are kept
     * @param java the {@code java} executable apps run with
     * @param catalogue the apps that may be launched
     */
    public AppManager(Path appsDir, Path stateFile, ProcessSupervisor supervisor, String java, AppCatalogue catalogue) {
        this.appsDir = requireNonNull(appsDir, "appsDir").toAbsolutePath();
        this.stateFile = requireNonNull(stateFile, "stateFile");
        this.supervisor = requireNonNull(supervisor, "supervisor");
        this.java = requireNonNull(java, "java");
        this.catalogue = requireNonNull(catalogue, "catalogue");
        this.state = load();
    }

    /** Brings back, in the background, every app that should be running. */
    public void start() {
        for (AppState.App app : snapshot()) {
            if (app.running()) {
                Thread.ofVirtual().name("app-start-" + app.spec().name()).start(() -> {
                    try {
                        launch(app.spec());
                    } catch (IOException | RuntimeException e) {
                        log.warn("app/{} - could not be brought back: {}", app.spec().name(), e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }
    }

    /**
     * Registers (or replaces) an app and starts it; returns once it answers its health check.
     *
     * @throws IllegalArgumentException when the catalogue refuses the spec (unknown kind or
     *     parameter, invalid value, app not built)
     */
    public AppView put(AppSpec spec) throws IOException, InterruptedException {
        requireNonNull(spec, "spec");
        catalogue.launch(spec, java, appDir(spec.name())); // refuses before anything is stopped or saved
        Optional<AppState.App> previous = find(spec.name());
        if (previous.isPresent() && !previous.get().spec().equals(spec)) {
            stopProcess(spec.name());
        }
        save(spec.name(), new AppState.App(spec, true));
        launch(spec);
        return view(spec.name());
    }

    /** Starts a registered app (no-op when it is running). */
    public AppView start(String name) throws IOException, InterruptedException {
        AppState.App app = require(name);
        save(name, new AppState.App(app.spec(), true));
        launch(app.spec());
        return view(name);
    }

    /** Stops an app cleanly; it stays stopped until started again. */
    public AppView stop(String name) {
        AppState.App app = require(name);
        save(name, new AppState.App(app.spec(), false));
        stopProcess(name);
        return view(name);
    }

    /**
     * Kills an app with SIGKILL, as a crashed server: it stays down until started again, though
     * the user still wants it running (so a Haneul restart brings it back).
     */
    public AppView kill(String name) {
        require(name);
        process(name).ifPresent(ManagedProcess::kill);
        return view(name);
    }

    /** Stops and forgets an app. */
    public void remove(String name) {
        require(name);
        stopProcess(name);
        lock.lock();
        try {
            state.apps.remove(name);
            persist();
        } finally {
            lock.unlock();
        }
    }

    public List<AppView> list() {
        List<AppView> out = new ArrayList<>();
        for (AppState.App app : snapshot()) {
            out.add(view(app.spec().name()));
        }
        return out;
    }

    public AppView view(String name) {
        AppState.App app = require(name);
        Optional<ManagedProcess> process = process(name);
        String status = process.map(p -> p.state().name().toLowerCase(Locale.ROOT)).orElse("stopped");
        long pid = process.flatMap(p -> p.pid().isPresent() ? Optional.of(p.pid().getAsLong()) : Optional.empty()).orElse(0L);
        return new AppView(name, app.spec().kind(), status, pid, "http://127.0.0.1:" + app.spec().port(),
                app.spec().port(), app.running(), appDir(name).resolve("app.log").toString());
    }

    /** Stops every app process (their wanted state is kept for the next start). */
    @Override
    public void close() {
        for (AppState.App app : snapshot()) {
            stopProcess(app.spec().name());
        }
    }

    private void launch(AppSpec spec) throws IOException, InterruptedException {
        Optional<ManagedProcess> existing = process(spec.name());
        if (existing.isPresent() && existing.get().state().isActive()) {
            return;
        }
        existing.ifPresent(ManagedProcess::stop); // an exited or failed run, to make room for the new one
        Path dir = appDir(spec.name());
        AppCatalogue.AppLaunch launch = catalogue.launch(spec, java, dir);
        Files.createDirectories(dir);
        ProcessSpec.Builder builder = ProcessSpec.builder("app/" + spec.name(), launch.command())
                .workDir(dir)
                .logFile(dir.resolve("app.log"))
                .pidFile(dir.resolve("app.pid"))
                .adoptionMarker(dir.toString()) // the -Dhaneul.app marker: a restarted Haneul adopts the process
                .port(spec.port())
                .readinessProbe(ReadinessProbe.listeningOn(spec.port()).and(pid -> healthy(spec, launch.healthPath())))
                .readyTimeout(READY_TIMEOUT)
                .restartPolicy(RestartPolicy.never());
        launch.environment().forEach(builder::environment);
        supervisor.start(builder.build());
        log.info("app/{} - running on http://127.0.0.1:{}", spec.name(), spec.port());
    }

    private static boolean healthy(AppSpec spec, String healthPath) throws IOException {
        try {
            HttpResponse<Void> response = Http.CLIENT.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + spec.port() + healthPath))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing " + spec.name(), e);
        }
    }

    /** Created on first use: an HTTP client costs threads and start-up time a server without apps need not pay. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    private void stopProcess(String name) {
        process(name).ifPresent(ManagedProcess::stop);
    }

    private Optional<ManagedProcess> process(String name) {
        return supervisor.process("app/" + name);
    }

    private Path appDir(String name) {
        return appsDir.resolve(name);
    }

    private AppState.App require(String name) {
        return find(name).orElseThrow(() -> new NoSuchElementException("no app named " + name));
    }

    private Optional<AppState.App> find(String name) {
        lock.lock();
        try {
            return Optional.ofNullable(state.apps.get(name));
        } finally {
            lock.unlock();
        }
    }

    private List<AppState.App> snapshot() {
        lock.lock();
        try {
            return List.copyOf(state.apps.values());
        } finally {
            lock.unlock();
        }
    }

    private void save(String name, AppState.App app) {
        lock.lock();
        try {
            state.apps.put(name, app);
            persist();
        } finally {
            lock.unlock();
        }
    }

    private void persist() {
        try {
            AtomicFiles.write(stateFile, JSON.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateFile, e);
        }
    }

    /**
     * The apps file, without the entries the catalogue would not launch: those an older Haneul
     * wrote as free-form commands (a jar, JVM options, environment), or that name an unknown kind or
     * invalid values. Each is dropped with a warning and the file rewritten, so none ever runs.
     */
    private AppState load() {
        if (!Files.exists(stateFile)) {
            return new AppState();
        }
        JsonNode root;
        try {
            root = JSON.readTree(stateFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the apps file " + stateFile + " (fix or remove it)", e);
        }
        AppState loaded = new AppState();
        boolean dropped = false;
        for (Map.Entry<String, JsonNode> entry : root.path("apps").properties()) {
            String refused;
            try {
                AppState.App app = JSON.treeToValue(entry.getValue(), AppState.App.class);
                catalogue.check(app.spec());
                loaded.apps.put(app.spec().name(), app);
                continue;
            } catch (IOException e) {
                refused = "it is a command an older Haneul took from a request";
            } catch (IllegalArgumentException e) {
                refused = e.getMessage();
            }
            log.warn("app/{} - dropped from {}, never to run: {}; register it again (as './haneul demo' does)",
                    entry.getKey(), stateFile, refused);
            dropped = true;
        }
        if (dropped) {
            state = loaded;
            persist();
        }
        return loaded;
    }
}

package dev.haneul.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.haneul.apps.AppCatalogue;
import dev.haneul.apps.AppManager;
import dev.haneul.apps.AppRoutes;
import dev.haneul.core.HaneulVersion;
import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceProviderFactory;
import dev.haneul.core.config.AuthMode;
import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.engine.EngineKind;
import dev.haneul.core.engine.EngineResolver;
import dev.haneul.core.gateway.ApiDispatcher;
import dev.haneul.core.gateway.ApiInterceptor;
import dev.haneul.core.gateway.ControlAccess;
import dev.haneul.core.gateway.ControlRoutes;
import dev.haneul.core.gateway.GatewayServer;
import dev.haneul.core.gateway.CrossOriginPolicy;
import dev.haneul.core.gateway.RequestGuard;
import dev.haneul.core.gateway.RequestSigning;
import dev.haneul.core.gateway.ServiceRegistry;
import dev.haneul.core.gateway.SigV4Signing;
import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.process.ProcessSupervisor;
import dev.haneul.core.state.AtomicFiles;
import dev.haneul.core.state.DataDirCheck;
import dev.haneul.core.state.StateProblem;
import dev.haneul.dashboard.Dashboard;
import dev.haneul.dashboard.DashboardLogin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Haneul server: the gateway on {@code 127.0.0.1:HANEUL_PORT}, every provider, their engines
 * and data planes, over one data dir.
 *
 * <p>Start-up order: take the data dir's lock (one server per data dir), start the event loops,
 * open the address allocations, build and start the providers (they reload state and bring
 * engines back), bind the gateway, then publish the control token ({@code server.token}, mode
 * 0600) and {@code server.json}. Shutdown runs the other way.
 *
 * <p>The routes, and who may use them: {@code /_haneul/health}, the dashboard page, its static
 * files and its login are open to whoever the gateway's request guard lets through; the
 * dashboard's API ({@code /_haneul/api/...}) and the apps API are control routes (the token for
 * changes; a session or the token to read when signatures are verified).
 */
public final class HaneulServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HaneulServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HaneulConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EventLoopRuntime runtime;
    private final ProcessSupervisor supervisor;
    private final AppManager apps;
    private final AppRoutes appRoutes;
    private final Dashboard dashboard;
    private final List<ServiceProvider> providers;
    private final GatewayServer gateway;
    private final ControlAccess access;
    private final CountDownLatch closed = new CountDownLatch(1);

    private HaneulServer(HaneulConfig config, FileChannel lockChannel, FileLock lock, EventLoopRuntime runtime,
                         ProcessSupervisor supervisor, AppManager apps, AppRoutes appRoutes,
                         Dashboard dashboard, List<ServiceProvider> providers, GatewayServer gateway,
                         ControlAccess access) {
        this.config = config;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.runtime = runtime;
        this.supervisor = supervisor;
        this.apps = apps;
        this.appRoutes = appRoutes;
        this.dashboard = dashboard;
        this.providers = providers;
        this.gateway = gateway;
        this.access = access;
    }

    /**
     * Starts a server with {@code config}.
     *
     * @throws IOException when the data dir is in use by another server, or the gateway port
     *     cannot be bound; the message says which
     */
    public static HaneulServer start(HaneulConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts a server whose providers read time from {@code clock} (health-check schedules, cookie
     * durations, timestamps), so tests can move time instead of sleeping. Request signing keeps
     * the system clock.
     */
    public static HaneulServer start(HaneulConfig config, Clock clock) throws IOException {
        requireNonNull(config, "config");
        requireNonNull(clock, "clock");
        long phase = System.nanoTime();
        String launchToStart = sinceLaunch(); // the JVM's own start, Main and this class's initialisation
        // The first health answer warm, on the second core while this one builds the providers.
        Thread.ofPlatform().daemon().name("haneul-warm-up").start(HaneulServer::warmUpHealth);
        Optional<String> unusable = DataDirCheck.problem(config.dataDir(), config.stateDir(),
                config.enginesDir(), config.logsDir());
        if (unusable.isPresent()) {
            throw new IOException("data dir " + config.dataDir() + " cannot be used: " + unusable.get()
                    + "; make it writable or choose another with HANEUL_DATA_DIR");
        }
        List<Path> closed = DataDirCheck.closeToOthers(config.stateDir(), config.enginesDir());
        if (!closed.isEmpty()) {
            log.info("haneul - {} made owner-only (0700): they hold passwords, tokens and database files", closed);
        }
        Path lockFile = config.dataDir().resolve("server.lock");
        FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("another Haneul server is running on data dir " + config.dataDir()
                    + " (see " + config.dataDir().resolve(ServerInfo.FILE) + "); stop it with 'haneul stop'");
        }
        EventLoopRuntime runtime = null;
        ProcessSupervisor supervisor = null;
        AppManager apps = null;
        Dashboard dashboard = null;
        List<ServiceProvider> started = new ArrayList<>();
        try {
            // No quiet period when stopping: by then the gateway and every provider have closed their
            // channels, and a loop still runs every task already queued before it ends. A quiet
            // period made each loop wait for one, in 100 ms naps, on every stop.
            runtime = EventLoopRuntime.builder().shutdownQuietPeriod(Duration.ZERO).build();
            AddressAllocator addresses = new AddressAllocator(config.addressRange(), config.endpointMode(),
                    config.stateDir().resolve("haneul").resolve("endpoints.json"));
            supervisor = new ProcessSupervisor();
            ServiceEnvironment environment = new ServiceEnvironment(config, runtime, addresses, engineResolver(config),
                    supervisor, clock);
            // Where start-up time goes, at debug level: JVM until here, then each phase.
            StringBuilder timings = new StringBuilder(launchToStart.isEmpty() ? "" : "launch to start()" + launchToStart + ", ")
                    .append("set-up ").append(millisSince(phase)).append(" ms");
            phase = System.nanoTime();
            List<ServiceProvider> providers = providers(environment);
            timings.append(", construct providers ").append(millisSince(phase)).append(" ms");
            for (ServiceProvider provider : providers) {
                long t = System.nanoTime();
                provider.start();
                started.add(provider);
                timings.append(", ").append(provider.name()).append(' ').append(millisSince(t)).append(" ms");
            }
            phase = System.nanoTime();
            apps = new AppManager(config.dataDir().resolve("apps"), config.stateDir().resolve("haneul").resolve("apps.json"),
                    supervisor, javaCommand(), AppCatalogue.standard(haneulHome(), config.dataDir()));
            AppRoutes appRoutes = new AppRoutes(apps);
            // Browsers log in with the API's credentials when the API verifies them.
            ControlAccess access = ControlAccess.create(config.auth() == AuthMode.NONE ? Map.of() : config.credentials(),
                    Clock.systemUTC());
            dashboard = new Dashboard(started, apps, config, access, clock);
            stopUnclaimedEngines(environment);
            timings.append(", apps and dashboard ").append(millisSince(phase)).append(" ms");
            phase = System.nanoTime();
            // A provider that is also an interceptor joins the chain (IAM's authentication and authorization).
            List<ApiInterceptor> interceptors = started.stream().filter(ApiInterceptor.class::isInstance)
                    .map(ApiInterceptor.class::cast).toList();
            ApiDispatcher dispatcher = new ApiDispatcher(new ServiceRegistry(started), signing(config),
                    config.accountId(), config.defaultRegion(), HaneulConfig.DEFAULT_ACCESS_KEY, interceptors);
            GatewayServer.Builder gatewayBuilder = GatewayServer.builder()
                    .address(new InetSocketAddress("127.0.0.1", config.port()))
                    .runtime(runtime)
                    .dispatcher(dispatcher)
                    .guard(new RequestGuard(config.allowedHosts(), started.stream()
                            .filter(CrossOriginPolicy.class::isInstance).map(CrossOriginPolicy.class::cast).toList()))
                    .access(access)
                    .controlRoute(AppRoutes.PATH, appRoutes)
                    .route(Dashboard.PATH, dashboard)
                    .controlRoute(Dashboard.API_PATH, dashboard)
                    .route(DashboardLogin.PATH, new DashboardLogin(access))
                    .controlRoute(DashboardLogin.TICKETS_PATH, new DashboardLogin(access));
            // Routes of a provider's own, under /_haneul/api/<its name>/ only (IAM's decision log).
            for (ServiceProvider provider : started) {
                if (provider instanceof ControlRoutes routes) {
                    String prefix = Dashboard.API_PATH + "/" + provider.name() + "/";
                    routes.controlRoutes().forEach((path, route) -> {
                        if (!path.startsWith(prefix)) {
                            throw new IllegalStateException(provider.name() + " route " + path + " is not under " + prefix);
                        }
                        gatewayBuilder.controlRoute(path, route);
                    });
                }
            }
            // The health route needs the bound port, known only after bind; it reads it lazily.
            String[] endpoint = {""};
            AppManager appManager = apps;
            gatewayBuilder.route("/_haneul/health", (ctx, request) ->
                    new HealthRoute(started, environment, appManager, endpoint[0]).handle(ctx, request));
            ProcessSupervisor engines = supervisor;
            GatewayServer gateway = gatewayBuilder.bind();
            endpoint[0] = "http://127.0.0.1:" + gateway.localAddress().getPort();
            timings.append(", gateway ").append(millisSince(phase)).append(" ms");
            apps.start();
            HaneulServer server = new HaneulServer(config, lockChannel, lock, runtime, engines, apps, appRoutes, dashboard,
                    List.copyOf(started), gateway, access);
            server.publishInfo();
            log.info("haneul - {} ready at {}{} (data dir {})", HaneulVersion.get(), endpoint[0], sinceLaunch(),
                    config.dataDir());
            log.debug("haneul - start-up: {}", timings);
            for (StateProblem problem : environment.stateProblems()) {
                log.warn("haneul - started without state file {} ({}); copy kept as {}; {}", problem.file(),
                        problem.reason(), problem.preservedAs(), problem.droppedSummary());
            }
            return server;
        } catch (IOException | RuntimeException e) {
            if (dashboard != null) {
                closeQuietly(dashboard);
            }
            if (apps != null) {
                closeQuietly(apps);
            }
            for (ServiceProvider provider : started.reversed()) {
                closeQuietly(provider);
            }
            if (supervisor != null) {
                closeQuietly(supervisor);
            }
            if (runtime != null) {
                runtime.close();
            }
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /**
     * Every service on the class path (see {@link ServiceProviderFactory}), in their declared order.
     * Constructed one after the other: side by side on one thread per core was measured slower
     * (server JVM spawn to ready: 922 ms side by side, 860 ms one after the other; quiet machine, 5
     * runs each, alternating with the same baseline), since
     * the construction is mostly class loading from the one AOT cache and the second core is
     * already busy with the JIT and the health warm-up.
     */
    private static List<ServiceProvider> providers(ServiceEnvironment environment) {
        return ServiceLoader.load(ServiceProviderFactory.class, HaneulServer.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(ServiceProviderFactory::order))
                .map(factory -> factory.create(environment))
                .toList();
    }

    /** {@link HealthRoute#warmUp}; a failure only costs the first answer its speed. */
    private static void warmUpHealth() {
        try {
            HealthRoute.warmUp();
        } catch (RuntimeException e) {
            log.debug("haneul - warming the health answer up failed: {}", e.toString());
        }
    }

    private static EngineResolver engineResolver(HaneulConfig config) {
        Map<EngineKind, Path> explicit = new EnumMap<>(EngineKind.class);
        config.mariadbHome().ifPresent(home -> explicit.put(EngineKind.MARIADB, home));
        config.redisServer().ifPresent(server -> explicit.put(EngineKind.REDIS, server));
        return new EngineResolver(config.cacheDir(), explicit);
    }

    /**
     * Stops engines still running in directories no provider claimed: left by a resource deleted
     * while Haneul was down, or by a server killed half-way through creating one. Directories are
     * {@code engines/<service>/<scope>/<name>}; their data stays on disk.
     */
    private static void stopUnclaimedEngines(ServiceEnvironment environment) throws IOException {
        Path engines = environment.config().enginesDir();
        if (!Files.isDirectory(engines)) {
            return;
        }
        List<Path> unclaimed;
        try (Stream<Path> dirs = Files.find(engines, 3, (path, attributes) -> attributes.isDirectory()
                && engines.relativize(path).getNameCount() == 3)) {
            unclaimed = dirs.filter(dir -> !environment.isClaimed(dir)).toList();
        }
        for (Path dir : unclaimed) {
            List<Long> stopped = ProcessSupervisor.stopOrphans(dir, Duration.ofSeconds(30));
            if (!stopped.isEmpty()) {
                log.warn("haneul - stopped engine process(es) {} left in {} by no current resource", stopped, dir);
            }
        }
    }

    /**
     * " in N ms" since the command line launched this JVM ({@code -Dhaneul.launchedAt}, its wall
     * clock then), or nothing when started otherwise: a process's start time from the OS is only
     * as precise as the kernel's boot-time bookkeeping, off by most of a second on some VMs.
     */
    private static String sinceLaunch() {
        String launchedAt = System.getProperty("haneul.launchedAt", "");
        if (launchedAt.isEmpty()) {
            return "";
        }
        try {
            return " in " + (System.currentTimeMillis() - Long.parseLong(launchedAt)) + " ms";
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /**
     * Where Haneul is installed (the board app's jar is under it): {@code -Dhaneul.home}, which the
     * launcher sets, else the project this server's classes were built in
     * ({@code <home>/server/target/classes} or {@code <home>/server/target/haneul-server.jar}).
     */
    static Path haneulHome() {
        String property = System.getProperty("haneul.home", "");
        if (!property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        try {
            Path classes = Path.of(HaneulServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path home = classes; // three levels up; null when the path is not that deep
            for (int up = 0; up < 3 && home != null; up++) {
                home = home.getParent();
            }
            if (home != null) {
                return home;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // the working directory, as below
        }
        return Path.of("").toAbsolutePath();
    }

    /** The {@code java} of this JVM, which the user's Java apps run with. */
    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static RequestSigning signing(HaneulConfig config) {
        return new SigV4Signing(config.credentials(), Clock.systemUTC(), config.auth() == AuthMode.SIGV4);
    }

    /**
     * Writes {@code server.token} (owner-only, as every file {@link AtomicFiles} writes; checked here so
     * no other local user can ever read it), then {@code server.json}: a client that finds the server
     * finds its token.
     */
    private void publishInfo() throws IOException {
        Path tokenFile = config.dataDir().resolve(ControlAccess.TOKEN_FILE);
        AtomicFiles.write(tokenFile, access.token().getBytes(StandardCharsets.US_ASCII));
        if (Files.getFileAttributeView(tokenFile, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        }
        int port = gateway.localAddress().getPort();
        ServerInfo info = new ServerInfo(ProcessHandle.current().pid(), port, endpoint().toString(), HaneulVersion.get(),
                config.dataDir().toString(), Instant.now());
        AtomicFiles.write(config.dataDir().resolve(ServerInfo.FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(info));
    }

    public HaneulConfig config() {
        return config;
    }

    /** The gateway's URL, for {@code --endpoint-url}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + gateway.localAddress().getPort());
    }

    public InetSocketAddress gatewayAddress() {
        return gateway.localAddress();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops the gateway, then every provider (engines stop cleanly), then the event loops. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        log.info("haneul - stopping");
        closeQuietly(gateway);
        closeQuietly(dashboard);
        closeQuietly(appRoutes);
        closeQuietly(apps);
        for (ServiceProvider provider : providers.reversed()) {
            closeQuietly(provider);
        }
        closeQuietly(supervisor);
        runtime.close();
        try {
            Files.deleteIfExists(config.dataDir().resolve(ServerInfo.FILE));
            Files.deleteIfExists(config.dataDir().resolve(ControlAccess.TOKEN_FILE));
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("haneul - could not release the data dir lock: {}", e.toString());
        }
        log.info("haneul - stopped");
        closed.countDown();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("haneul - error while stopping {}: {}", closeable, e.toString());
        }
    }
}

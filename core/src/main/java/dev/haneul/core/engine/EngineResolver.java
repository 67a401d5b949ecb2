package dev.haneul.core.engine;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the binaries of each engine. First hit wins, among the allowed {@link BinarySource}s:
 * <ol>
 *   <li>{@link BinarySource#CONFIGURED}: an explicit path. For MariaDB it is an installation
 *       directory (a MariaDB tarball or prefix: {@code bin/mariadbd}, or {@code sbin/} or
 *       {@code libexec/}; {@code scripts/} or {@code bin/mariadb-install-db}; {@code share/}),
 *       fed from {@code HANEUL_MARIADB_HOME}. For Redis it is the {@code redis-server} executable
 *       itself, fed from {@code HANEUL_REDIS_SERVER}. A configured path that does not work is an
 *       error, not a reason to fall back: the user asked for it.</li>
 *   <li>{@link BinarySource#SYSTEM}: {@code mariadbd}, {@code redis-server} on {@code PATH}, then
 *       in {@code /usr/sbin} and {@code /usr/bin} (Debian puts {@code mariadbd} in
 *       {@code /usr/sbin}, which is not on a normal user's {@code PATH}).</li>
 *   <li>{@link BinarySource#BUNDLED}: the copies inside Maven artifacts on the classpath,
 *       unpacked once into {@code <cache dir>/bundled/} (see {@link BundledEngines}).</li>
 * </ol>
 * A found binary must also run ({@code --version}); the version it reports is part of the result.
 * Results are kept for the life of the resolver.
 *
 * <p>Restrict the sources to force one: {@code new EngineResolver(cache, Map.of(),
 * EnumSet.of(BinarySource.BUNDLED))} for tests and benchmarks that must use the bundled copy.
 */
public final class EngineResolver {

    private static final Logger log = LoggerFactory.getLogger(EngineResolver.class);

    /** Environment variable: MariaDB installation directory ({@link BinarySource#CONFIGURED}). */
    public static final String MARIADB_HOME_ENV = "HANEUL_MARIADB_HOME";
    /** Environment variable: path of the {@code redis-server} executable ({@link BinarySource#CONFIGURED}). */
    public static final String REDIS_SERVER_ENV = "HANEUL_REDIS_SERVER";
    /** Environment variable: the cache shared by all data dirs; default {@code ~/.cache/haneul}. */
    public static final String CACHE_DIR_ENV = "HANEUL_CACHE_DIR";

    /** Where system packages put server binaries that may not be on {@code PATH}. */
    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));

    private final Path cacheDir;
    private final Map<EngineKind, Path> explicitPaths;
    private final Set<BinarySource> sources;
    private final List<Path> searchPath;
    private final Map<EngineKind, EngineBinaries> resolved = new EnumMap<>(EngineKind.class);
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger unpacks = new AtomicInteger();

    /**
     * @param cacheDir where bundled binaries and MariaDB template data dirs are kept, shared by
     *     every data dir (and every JVM) using it
     * @param explicitPaths {@link BinarySource#CONFIGURED} paths, see the class comment
     * @param sources the sources allowed, tried in {@link BinarySource} order
     */
    public EngineResolver(Path cacheDir, Map<EngineKind, Path> explicitPaths, Set<BinarySource> sources) {
        this(cacheDir, explicitPaths, sources, systemSearchPath(System.getenv("PATH")));
    }

    /** A resolver allowing every source. */
    public EngineResolver(Path cacheDir, Map<EngineKind, Path> explicitPaths) {
        this(cacheDir, explicitPaths, EnumSet.allOf(BinarySource.class));
    }

    EngineResolver(Path cacheDir, Map<EngineKind, Path> explicitPaths, Set<BinarySource> sources, List<Path> searchPath) {
        this.cacheDir = requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
        this.explicitPaths = Map.copyOf(requireNonNull(explicitPaths, "explicitPaths"));
        requireNonNull(sources, "sources");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: %s (expected: at least one)".formatted(sources));
        }
        this.sources = Set.copyOf(sources);
        this.searchPath = List.copyOf(searchPath);
    }

    /**
     * A resolver configured from environment variables: {@value #CACHE_DIR_ENV},
     * {@value #MARIADB_HOME_ENV}, {@value #REDIS_SERVER_ENV}; every source allowed.
     */
    public static EngineResolver fromEnvironment(Map<String, String> env) {
        requireNonNull(env, "env");
        Map<EngineKind, Path> explicit = new EnumMap<>(EngineKind.class);
        nonBlank(env.get(MARIADB_HOME_ENV)).ifPresent(home -> explicit.put(EngineKind.MARIADB, Path.of(home)));
        nonBlank(env.get(REDIS_SERVER_ENV)).ifPresent(server -> explicit.put(EngineKind.REDIS, Path.of(server)));
        return new EngineResolver(defaultCacheDir(env), explicit);
    }

    /** {@value #CACHE_DIR_ENV} if set, else {@code ~/.cache/haneul}. */
    public static Path defaultCacheDir(Map<String, String> env) {
        return nonBlank(env.get(CACHE_DIR_ENV)).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "haneul"));
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** MariaDB's binaries; the first call may unpack the bundled copy (a few seconds, once per cache). */
    public MariaDbBinaries mariaDb() throws IOException, InterruptedException {
        return (MariaDbBinaries) resolve(EngineKind.MARIADB);
    }

    /** Redis's binary; the first call may unpack the bundled copy. */
    public RedisBinaries redis() throws IOException, InterruptedException {
        return (RedisBinaries) resolve(EngineKind.REDIS);
    }

    /**
     * The binaries of {@code kind}.
     *
     * @throws EngineUnavailableException when no allowed source has working binaries, or the
     *     configured path does not work
     */
    public EngineBinaries resolve(EngineKind kind) throws IOException, InterruptedException {
        requireNonNull(kind, "kind");
        lock.lockInterruptibly();
        try {
            EngineBinaries binaries = resolved.get(kind);
            if (binaries == null) {
                binaries = find(kind);
                resolved.put(kind, binaries);
                log.info("{} - using {}", kind.name().toLowerCase(Locale.ROOT), binaries.describe());
            }
            return binaries;
        } finally {
            lock.unlock();
        }
    }

    /** How many times this resolver unpacked bundled binaries (0 when the cache already had them). */
    int unpacks() {
        return unpacks.get();
    }

    private EngineBinaries find(EngineKind kind) throws IOException, InterruptedException {
        List<String> misses = new ArrayList<>();
        for (BinarySource source : EnumSet.copyOf(sources)) {
            try {
                Optional<EngineBinaries> found = switch (source) {
                    case CONFIGURED -> configured(kind);
                    case SYSTEM -> system(kind);
                    case BUNDLED -> Optional.of(bundled(kind));
                };
                if (found.isPresent()) {
                    return found.get();
                }
                misses.add(source + ": not found");
            } catch (EngineUnavailableException e) {
                if (source == BinarySource.CONFIGURED) {
                    throw e;
                }
                log.warn("{} - {} binaries unusable: {}", kind, source, e.getMessage());
                misses.add(source + ": " + e.getMessage());
            }
        }
        throw new EngineUnavailableException("no usable %s binaries (tried: %s)".formatted(kind, String.join("; ", misses)));
    }

    // ---- CONFIGURED ----

    private Optional<EngineBinaries> configured(EngineKind kind) throws IOException, InterruptedException {
        Path path = explicitPaths.get(kind);
        if (path == null) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case MARIADB -> {
                if (!Files.isDirectory(path)) {
                    throw new EngineUnavailableException(("%s: %s (expected: a MariaDB installation directory holding "
                            + "bin/mariadbd, such as /opt/mariadb)").formatted(MARIADB_HOME_ENV, path));
                }
                yield mariaDbInstallation(BinarySource.CONFIGURED, path.toAbsolutePath().normalize(), MARIADB_HOME_ENV);
            }
            case REDIS -> {
                if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                    throw new EngineUnavailableException("%s: %s (expected: the redis-server executable)"
                            .formatted(REDIS_SERVER_ENV, path));
                }
                Path server = path.toAbsolutePath().normalize();
                yield new RedisBinaries(BinarySource.CONFIGURED, VersionProbe.version(server, VersionProbe.REDIS), server);
            }
        });
    }

    /** A MariaDB laid out as an installation prefix or tarball: configured, or bundled. */
    private static MariaDbBinaries mariaDbInstallation(BinarySource source, Path home, String what)
            throws IOException, InterruptedException {
        Path server = first(home, "bin/mariadbd", "sbin/mariadbd", "libexec/mariadbd").orElseThrow(
                () -> new EngineUnavailableException("%s: %s has no bin/mariadbd, sbin/mariadbd or libexec/mariadbd"
                        .formatted(what, home)));
        Path installDb = first(home, "scripts/mariadb-install-db", "bin/mariadb-install-db").orElseThrow(
                () -> new EngineUnavailableException("%s: %s has no scripts/mariadb-install-db or bin/mariadb-install-db"
                        .formatted(what, home)));
        Optional<Path> messagesDir = Stream.of("share", "share/mariadb", "share/mysql")
                .map(home::resolve)
                .filter(dir -> Files.isRegularFile(dir.resolve("english/errmsg.sys")))
                .findFirst();
        return new MariaDbBinaries(source, VersionProbe.version(server, VersionProbe.MARIADB), server, installDb,
                first(home, "bin/mariadb"), first(home, "bin/mariadb-dump"), Optional.of(home), messagesDir);
    }

    // ---- SYSTEM ----

    private Optional<EngineBinaries> system(EngineKind kind) throws IOException, InterruptedException {
        return switch (kind) {
            case MARIADB -> {
                Optional<Path> server = onSearchPath("mariadbd");
                if (server.isEmpty()) {
                    yield Optional.empty();
                }
                // mariadb-install-db and the clients live in bin/ (or scripts/) next to the server's sbin/.
                Path serverDir = requireNonNull(server.get().getParent(), "a file found on the search path has a parent");
                Path prefix = serverDir.getParent() != null ? serverDir.getParent() : serverDir;
                Optional<Path> installDb = first(serverDir, "mariadb-install-db")
                        .or(() -> first(prefix, "bin/mariadb-install-db", "scripts/mariadb-install-db"))
                        .or(() -> onSearchPath("mariadb-install-db"));
                if (installDb.isEmpty()) {
                    throw new EngineUnavailableException("found %s but no mariadb-install-db".formatted(server.get()));
                }
                Optional<Path> client = first(prefix, "bin/mariadb").or(() -> onSearchPath("mariadb"));
                Optional<Path> dump = first(prefix, "bin/mariadb-dump").or(() -> onSearchPath("mariadb-dump"));
                yield Optional.of(new MariaDbBinaries(BinarySource.SYSTEM,
                        VersionProbe.version(server.get(), VersionProbe.MARIADB), server.get(), installDb.get(), client,
                        dump, Optional.empty(), Optional.empty()));
            }
            case REDIS -> {
                Optional<Path> server = onSearchPath("redis-server");
                if (server.isEmpty()) {
                    yield Optional.empty();
                }
                yield Optional.of(new RedisBinaries(BinarySource.SYSTEM,
                        VersionProbe.version(server.get(), VersionProbe.REDIS), server.get()));
            }
        };
    }

    private Optional<Path> onSearchPath(String program) {
        return searchPath.stream()
                .map(dir -> dir.resolve(program))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst();
    }

    /** {@code PATH}'s absolute entries, then {@link #SYSTEM_DIRS}; no duplicates. */
    static List<Path> systemSearchPath(String pathVariable) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (pathVariable != null) {
            for (String entry : pathVariable.split(File.pathSeparator)) {
                if (!entry.isBlank() && Path.of(entry).isAbsolute()) {
                    dirs.add(Path.of(entry).normalize());
                }
            }
        }
        dirs.addAll(SYSTEM_DIRS);
        return List.copyOf(dirs);
    }

    // ---- BUNDLED ----

    private EngineBinaries bundled(EngineKind kind) throws IOException, InterruptedException {
        BundledEngines.Unpacked unpacked = switch (kind) {
            case MARIADB -> BundledEngines.mariaDbHome(cacheDir);
            case REDIS -> BundledEngines.redisServer(cacheDir);
        };
        if (unpacked.unpackedNow()) {
            unpacks.incrementAndGet();
        }
        return switch (kind) {
            case MARIADB -> mariaDbInstallation(BinarySource.BUNDLED, unpacked.path(), "bundled MariaDB");
            case REDIS -> new RedisBinaries(BinarySource.BUNDLED, VersionProbe.version(unpacked.path(), VersionProbe.REDIS),
                    unpacked.path());
        };
    }

    // ---- helpers ----

    private static Optional<Path> first(Path dir, String... candidates) {
        return Stream.of(candidates)
                .map(dir::resolve)
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst();
    }

    private static Optional<String> nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}

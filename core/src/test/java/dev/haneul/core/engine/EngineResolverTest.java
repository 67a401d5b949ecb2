package dev.haneul.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EngineResolverTest {

    private static final Logger log = LoggerFactory.getLogger(EngineResolverTest.class);

    @TempDir
    Path tmp;

    @Test
    void systemBinariesComeFromTheDebianPackages() throws Exception {
        MariaDbBinaries mariaDb = TestEngines.mariaDbOrSkip(TestEngines.resolver(BinarySource.SYSTEM));
        RedisBinaries redis = TestEngines.redisOrSkip(TestEngines.resolver(BinarySource.SYSTEM));

        assertThat(mariaDb.source()).isEqualTo(BinarySource.SYSTEM);
        assertThat(mariaDb.server().getFileName()).hasToString("mariadbd");
        assertThat(mariaDb.installDb().getFileName()).hasToString("mariadb-install-db");
        assertThat(mariaDb.version()).contains("-MariaDB");
        assertThat(mariaDb.baseDir()).isEmpty();
        assertThat(redis.source()).isEqualTo(BinarySource.SYSTEM);
        assertThat(redis.version()).matches("\\d+\\.\\d+\\.\\d+");
        log.info("SYSTEM: {} / {}", mariaDb.describe(), redis.describe());
    }

    @Test
    void bundledBinariesAreUnpackedExecutableAndRun() throws Exception {
        MariaDbBinaries mariaDb = TestEngines.mariaDbOrSkip(TestEngines.resolver(BinarySource.BUNDLED));
        RedisBinaries redis = TestEngines.redisOrSkip(TestEngines.resolver(BinarySource.BUNDLED));

        assertThat(mariaDb.source()).isEqualTo(BinarySource.BUNDLED);
        assertThat(mariaDb.version()).isEqualTo("11.4.5-MariaDB");
        assertThat(mariaDb.server()).isExecutable().startsWith(TestEngines.SHARED_CACHE);
        assertThat(mariaDb.installDb()).isExecutable();
        assertThat(mariaDb.client()).get().satisfies(client -> assertThat(client).isExecutable());
        assertThat(mariaDb.dump()).get().satisfies(dump -> assertThat(dump).isExecutable());
        assertThat(mariaDb.baseDir()).isPresent();
        assertThat(mariaDb.messagesDir()).get().satisfies(dir -> assertThat(dir.resolve("english/errmsg.sys")).exists());
        assertThat(redis.source()).isEqualTo(BinarySource.BUNDLED);
        assertThat(redis.version()).isEqualTo("6.2.11"); // the file is named 6.2.6
        assertThat(redis.server()).isExecutable();
        log.info("BUNDLED: {} / {}", mariaDb.describe(), redis.describe());
    }

    @Test
    void firstHitWinsAndAllSourcesFallBackToBundled() throws Exception {
        EngineResolver all = new EngineResolver(TestEngines.SHARED_CACHE, Map.of());
        EngineResolver noSystem = new EngineResolver(TestEngines.SHARED_CACHE, Map.of(),
                EnumSet.allOf(BinarySource.class), List.of(tmp.resolve("empty")));

        BinarySource expected = Files.isExecutable(Path.of("/usr/sbin/mariadbd")) ? BinarySource.SYSTEM : BinarySource.BUNDLED;
        assertThat(TestEngines.mariaDbOrSkip(all).source()).isEqualTo(expected);
        assertThat(TestEngines.mariaDbOrSkip(noSystem).source()).isEqualTo(BinarySource.BUNDLED);
        assertThat(TestEngines.redisOrSkip(noSystem).source()).isEqualTo(BinarySource.BUNDLED);
    }

    @Test
    void pathEntriesComeBeforeUsrSbinAndABrokenSystemBinaryFallsThrough() throws Exception {
        Path good = fakeRedis(tmp.resolve("good"), "echo 'Redis server v=9.9.9 sha=00000000:0 malloc=libc'");
        Path broken = fakeRedis(tmp.resolve("broken"),
                "echo 'redis-server: error while loading shared libraries: libssl.so.3: cannot open shared object file' >&2; exit 127");

        EngineResolver onPath = new EngineResolver(TestEngines.SHARED_CACHE, Map.of(), EnumSet.of(BinarySource.SYSTEM),
                EngineResolver.systemSearchPath(good.getParent() + ":/usr/bin"));
        assertThat(onPath.redis()).isEqualTo(new RedisBinaries(BinarySource.SYSTEM, "9.9.9", good));

        EngineResolver brokenOnly = new EngineResolver(TestEngines.SHARED_CACHE, Map.of(), EnumSet.of(BinarySource.SYSTEM),
                List.of(broken.getParent()));
        assertThatThrownBy(brokenOnly::redis)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("libssl.so.3: cannot open shared object file");

        EngineResolver brokenThenBundled = new EngineResolver(TestEngines.SHARED_CACHE, Map.of(),
                EnumSet.of(BinarySource.SYSTEM, BinarySource.BUNDLED), List.of(broken.getParent()));
        assertThat(brokenThenBundled.redis().source()).isEqualTo(BinarySource.BUNDLED);
    }

    @Test
    void configuredPathsWinAndABadOneIsAnErrorNamingTheVariable() throws Exception {
        MariaDbBinaries bundled = TestEngines.mariaDbOrSkip(TestEngines.resolver(BinarySource.BUNDLED));
        Path home = bundled.baseDir().orElseThrow();
        EngineResolver configured = EngineResolver.fromEnvironment(Map.of(
                EngineResolver.CACHE_DIR_ENV, TestEngines.SHARED_CACHE.toString(),
                EngineResolver.MARIADB_HOME_ENV, home.toString(),
                EngineResolver.REDIS_SERVER_ENV, TestEngines.redisOrSkip(TestEngines.resolver(BinarySource.BUNDLED))
                        .server().toString()));

        assertThat(configured.cacheDir()).isEqualTo(TestEngines.SHARED_CACHE);
        assertThat(configured.mariaDb()).satisfies(binaries -> {
            assertThat(binaries.source()).isEqualTo(BinarySource.CONFIGURED);
            assertThat(binaries.server()).isEqualTo(bundled.server());
            assertThat(binaries.baseDir()).contains(home);
        });
        assertThat(configured.redis().source()).isEqualTo(BinarySource.CONFIGURED);

        EngineResolver wrong = new EngineResolver(TestEngines.SHARED_CACHE,
                Map.of(EngineKind.MARIADB, home.resolve("bin/mariadbd"), EngineKind.REDIS, tmp.resolve("nope")));
        assertThatThrownBy(wrong::mariaDb)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("HANEUL_MARIADB_HOME: " + home.resolve("bin/mariadbd")
                        + " (expected: a MariaDB installation directory");
        assertThatThrownBy(wrong::redis)
                .hasMessage("HANEUL_REDIS_SERVER: " + tmp.resolve("nope") + " (expected: the redis-server executable)");
    }

    @Test
    void defaultCacheDirIsUnderTheHomeDirectory() {
        assertThat(EngineResolver.defaultCacheDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "haneul"));
        assertThat(EngineResolver.defaultCacheDir(Map.of(EngineResolver.CACHE_DIR_ENV, "/x/y"))).isEqualTo(Path.of("/x/y"));
    }

    @Test
    void unpackedBinariesAreReusedBySecondResolverAndRepairedWhenIncomplete() throws Exception {
        Path cache = tmp.resolve("cache");
        EngineResolver first = TestEngines.resolver(BinarySource.BUNDLED, cache);
        Path server = TestEngines.redisOrSkip(first).server();
        Object inode = Files.readAttributes(server, "unix:ino").get("ino");
        assertThat(first.unpacks()).isEqualTo(1);

        EngineResolver second = TestEngines.resolver(BinarySource.BUNDLED, cache);
        assertThat(second.redis().server()).isEqualTo(server);
        assertThat(second.unpacks()).isZero();
        assertThat(Files.readAttributes(server, "unix:ino").get("ino")).isEqualTo(inode);

        Files.delete(server.getParent().getParent().resolve(CachedDirectory.MARKER)); // as after a crash mid-unpack
        EngineResolver third = TestEngines.resolver(BinarySource.BUNDLED, cache);
        assertThat(third.redis().server()).isExecutable();
        assertThat(third.unpacks()).isEqualTo(1);
        assertThat(leftovers(server.getParent().getParent().getParent())).isEmpty();
    }

    @Test
    void concurrentUnpackFromManyThreadsUnpacksOnce() throws Exception {
        Path cache = tmp.resolve("cache");
        int threads = 6;
        List<EngineResolver> resolvers = Stream.generate(() -> TestEngines.resolver(BinarySource.BUNDLED, cache))
                .limit(threads).toList();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (EngineResolver resolver : resolvers) {
                results.add(executor.submit((Callable<Path>) () -> {
                    go.await();
                    return TestEngines.redisOrSkip(resolver).server();
                }));
            }
            go.countDown();
            for (Future<Path> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(results.getFirst().get()).isExecutable();
            }
        }
        assertThat(resolvers.stream().mapToInt(EngineResolver::unpacks).sum()).isEqualTo(1);
        assertThat(leftovers(results.getFirst().get().getParent().getParent().getParent())).isEmpty();
    }

    /**
     * Two JVMs unpack the bundled MariaDB (seconds of work, so the two surely overlap) into one
     * fresh cache: exactly one unpacks, both get a complete, working installation.
     */
    @Test
    void concurrentUnpackFromTwoJvmsUnpacksOnce() throws Exception {
        TestEngines.mariaDbOrSkip(TestEngines.resolver(BinarySource.BUNDLED)); // skip early if there is no bundle
        Path cache = tmp.resolve("cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                UnpackRaceMain.class.getName(), cache.toString())
                .redirectError(tmp.resolve("child.err").toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(protocolLine(out)).as("child ready; stderr: %s", tmp.resolve("child.err")).isEqualTo("ready");
            EngineResolver mine = TestEngines.resolver(BinarySource.BUNDLED, cache);
            in.write("go\n");
            in.flush();
            MariaDbBinaries binaries = mine.mariaDb();
            String childResult = protocolLine(out);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(tmp.resolve("child.err"))).isZero();

            assertThat(childResult).isEqualTo("unpacks=" + (1 - mine.unpacks()) + " server=" + binaries.server());
            assertThat(binaries.version()).isEqualTo("11.4.5-MariaDB");
            assertThat(leftovers(binaries.baseDir().orElseThrow().getParent())).isEmpty();
        } finally {
            child.destroyForcibly();
        }
    }

    /** The child's next answer, skipping its log lines (logback's default console appender uses stdout). */
    private static String protocolLine(BufferedReader out) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("ready") || line.startsWith("unpacks=")) {
                return line;
            }
        }
        return null;
    }

    private static Path fakeRedis(Path dir, String body) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("redis-server");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Temporary directories of unpacks, which must not survive one. */
    private static List<Path> leftovers(Path bundledDir) throws IOException {
        try (Stream<Path> entries = Files.list(bundledDir)) {
            return entries.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
        }
    }
}

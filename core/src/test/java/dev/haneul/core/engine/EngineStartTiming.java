package dev.haneul.core.engine;

import dev.haneul.core.process.ProcessSupervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Start-up times and idle memory of one engine per binary source, as a Markdown table for
 * BENCHMARKS.md. Each source gets a cold cache in a temporary directory, so "first start"
 * includes unpacking the bundled binaries and making the MariaDB template data dir.
 *
 * <pre>
 * ./mvnw -B -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.haneul.core.engine.EngineStartTiming [-Dexec.args=5]
 * </pre>
 * The argument is how many warm starts to take the median of (default 3). Columns:
 * <ul>
 *   <li>resolve: finding the binaries and running {@code --version}; for BUNDLED, unpacking them</li>
 *   <li>first start: start of the first engine, until ready (MariaDB: template init and copy included)</li>
 *   <li>new dir: median start of another engine in a new directory (MariaDB: template copy included)</li>
 *   <li>restart: median start of a stopped engine in its existing directory</li>
 *   <li>idle RSS: {@code VmRSS} of the first engine, one second after it became ready</li>
 * </ul>
 */
public final class EngineStartTiming {

    private static final Duration SETTLE = Duration.ofSeconds(1);

    private EngineStartTiming() {
    }

    private interface Starter {
        /** Starts an engine in {@code dir} and returns its pid. */
        OptionalLong start(ProcessSupervisor supervisor, EngineResolver engines, String name, Path dir) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path work = Files.createTempDirectory("haneul-timing-");
        List<String> rows = new ArrayList<>();
        try {
            for (BinarySource source : List.of(BinarySource.SYSTEM, BinarySource.BUNDLED)) {
                rows.add(measure("MariaDB", source, work, warmRuns, (supervisor, engines, name, dir) ->
                        MariaDbServer.start(supervisor, engines, MariaDbConfig.builder(name, dir).build()).pid()));
                rows.add(measure("Redis", source, work, warmRuns, (supervisor, engines, name, dir) ->
                        RedisServer.start(supervisor, engines, RedisConfig.builder(name, dir).build()).pid()));
            }
        } finally {
            CachedDirectory.deleteRecursively(work);
        }
        System.out.println();
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, load average "
                + Files.readString(Path.of("/proc/loadavg")).strip() + " (after the run)");
        System.out.println();
        System.out.println("| engine | source | version | resolve | first start | new dir (median of " + warmRuns
                + ") | restart (median) | idle RSS |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static String measure(String engine, BinarySource source, Path work, int warmRuns, Starter starter)
            throws Exception {
        Path cache = work.resolve("cache-" + source + "-" + engine);
        EngineResolver engines = new EngineResolver(cache, Map.of(), EnumSet.of(source));
        try (ProcessSupervisor supervisor = new ProcessSupervisor()) {
            long t0 = System.nanoTime();
            EngineBinaries binaries;
            try {
                binaries = engine.equals("MariaDB") ? engines.mariaDb() : engines.redis();
            } catch (EngineUnavailableException e) {
                return "| %s | %s | unavailable: %s | | | | | |".formatted(engine, source, e.getMessage().lines().findFirst().orElse(""));
            }
            long t1 = System.nanoTime();
            Path engineDir = work.resolve("engines-" + source + "-" + engine);
            long pid = starter.start(supervisor, engines, "timing/first", engineDir.resolve("first")).orElseThrow();
            long t2 = System.nanoTime();
            Thread.sleep(SETTLE);
            long rssKib = TestEngines.rssKib(pid);

            List<Long> newDir = new ArrayList<>();
            List<Long> restart = new ArrayList<>();
            for (int i = 0; i < warmRuns; i++) {
                String name = "timing/warm-" + i;
                Path dir = engineDir.resolve("warm-" + i);
                long s = System.nanoTime();
                starter.start(supervisor, engines, name, dir);
                newDir.add(System.nanoTime() - s);
                supervisor.process(name).orElseThrow().stop();
                s = System.nanoTime();
                starter.start(supervisor, engines, name, dir);
                restart.add(System.nanoTime() - s);
                supervisor.process(name).orElseThrow().stop();
            }
            return "| %s | %s | %s | %d ms | %d ms | %d ms | %d ms | %d MiB |".formatted(engine, source, binaries.version(),
                    millis(t1 - t0), millis(t2 - t1), median(newDir), median(restart), rssKib / 1024);
        }
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return millis(sorted.get(sorted.size() / 2));
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}

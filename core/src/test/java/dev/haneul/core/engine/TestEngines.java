package dev.haneul.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Shared test plumbing: one engine cache per build ({@code target/engine-cache}), so the bundled
 * MariaDB (about 360 MB) is unpacked once per {@code mvn clean}, and skipping with a one-line
 * reason when a source is missing on the machine.
 */
final class TestEngines {

    /** Cache shared by the tests of one build; tests of the cache itself use their own. */
    static final Path SHARED_CACHE = Path.of("target", "engine-cache").toAbsolutePath();

    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private TestEngines() {
    }

    /** A resolver allowed only {@code source}, on the shared cache. */
    static EngineResolver resolver(BinarySource source) {
        return resolver(source, SHARED_CACHE);
    }

    static EngineResolver resolver(BinarySource source, Path cache) {
        return new EngineResolver(cache, Map.of(), EnumSet.of(source));
    }

    /** Resolves MariaDB with {@code resolver}, or skips the test saying why in one line. */
    static MariaDbBinaries mariaDbOrSkip(EngineResolver resolver) throws IOException, InterruptedException {
        return (MariaDbBinaries) orSkip(resolver, EngineKind.MARIADB);
    }

    /** Resolves Redis with {@code resolver}, or skips the test saying why in one line. */
    static RedisBinaries redisOrSkip(EngineResolver resolver) throws IOException, InterruptedException {
        return (RedisBinaries) orSkip(resolver, EngineKind.REDIS);
    }

    private static EngineBinaries orSkip(EngineResolver resolver, EngineKind kind) throws IOException, InterruptedException {
        try {
            return resolver.resolve(kind);
        } catch (EngineUnavailableException e) {
            return Assumptions.abort(kind + " unavailable: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Resident set size of {@code pid} in KiB, from {@code /proc/<pid>/status}. */
    static long rssKib(long pid) throws IOException {
        Matcher matcher = VM_RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
        if (!matcher.find()) {
            throw new IOException("no VmRSS for pid " + pid);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Live processes whose command line has {@code argument} (or {@code --x=argument}). */
    static long processesWithArgument(String argument) throws IOException {
        try (var pids = Files.list(Path.of("/proc"))) {
            return pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            String cmdline = Files.readString(p.resolve("cmdline"));
                            return cmdline.contains(argument + "\0") || cmdline.endsWith(argument);
                        } catch (IOException e) {
                            return false; // exited meanwhile
                        }
                    })
                    .count();
        }
    }
}

package dev.haneul.core.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.process.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code <binary> --version} and extracts the version. Doubles as the check that the binary
 * runs here at all: a missing shared library fails this with the loader's own message.
 * Results are kept for the life of the JVM, keyed by path, size and modification time, so asking
 * again costs a {@code stat}.
 */
final class VersionProbe {

    /** {@code mariadbd --version}: {@code "/usr/sbin/mariadbd  Ver 10.11.18-MariaDB-0+deb12u1 for ..."}. */
    static final Pattern MARIADB = Pattern.compile("\\bVer\\s+(\\S+)");
    /** {@code redis-server --version}: {@code "Redis server v=7.0.15 sha=00000000:0 ..."}. */
    static final Pattern REDIS = Pattern.compile("\\bv=(\\S+)");

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ConcurrentMap<Key, String> CACHE = new ConcurrentHashMap<>();

    private record Key(Path binary, long size, FileTime modified) {
    }

    private VersionProbe() {
    }

    static String version(Path binary, Pattern pattern) throws IOException, InterruptedException {
        BasicFileAttributes attributes = Files.readAttributes(binary, BasicFileAttributes.class);
        Key key = new Key(binary.toAbsolutePath().normalize(), attributes.size(), attributes.lastModifiedTime());
        String cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Path log = Files.createTempFile("haneul-version-", ".log");
        String output;
        try {
            output = CommandRunner.run(binary.getFileName().toString(), List.of(binary.toString(), "--version"),
                    requireNonNull(log.getParent(), "a temporary file has a parent"), log, TIMEOUT);
        } catch (IOException e) {
            throw new EngineUnavailableException("%s does not run here: %s".formatted(binary, e.getMessage()));
        } finally {
            Files.deleteIfExists(log);
        }
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new EngineUnavailableException("%s --version printed no version: %s".formatted(binary, output));
        }
        String version = matcher.group(1);
        CACHE.put(key, version);
        return version;
    }
}

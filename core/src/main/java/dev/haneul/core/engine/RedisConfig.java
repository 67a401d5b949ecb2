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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to run one {@code redis-server}. Build with {@link #builder(String, Path)}.
 *
 * <p>Persistence defaults follow ElastiCache for Redis OSS, which keeps neither an AOF nor RDB
 * snapshots unless asked: {@link #DEFAULT_APPEND_ONLY}, {@link #DEFAULT_SAVE}. A Haneul restart
 * does not lose data anyway (running engines are adopted, not restarted); a machine reboot does,
 * as a replaced ElastiCache node does.
 *
 * @param name process name for logs, such as {@code "elasticache/rg-1-001"}
 * @param dir the engine directory (config, pid file, log, {@code data/})
 * @param port TCP port on 127.0.0.1, or 0 for a free ephemeral one (the usual case)
 * @param requirePass {@code requirepass}: the password clients must send ({@code AuthToken})
 * @param masterAuth {@code masterauth}: the password this replica sends to its primary
 * @param replicaOf {@code replicaof}: the primary to replicate from; empty for a primary
 * @param appendOnly {@code appendonly}
 * @param save {@code save} rules, such as {@code "3600 1 300 100"}; {@code ""} for none
 * @param options further {@code redis.conf} directives and their values, written verbatim
 * @param renamedCommands {@code rename-command} lines: command to its new name ({@code ""} disables
 *     it), for owners that keep admin commands to themselves (ElastiCache blocks CONFIG, REPLICAOF,
 *     … for users while Haneul still needs them)
 * @param readyTimeout start-up allowance
 * @param stopTimeout SIGTERM-to-SIGKILL allowance
 * @param restartPolicy what the supervisor does after a crash
 */
public record RedisConfig(
        String name,
        Path dir,
        int port,
        Optional<String> requirePass,
        Optional<String> masterAuth,
        Optional<ReplicaOf> replicaOf,
        boolean appendOnly,
        String save,
        Map<String, String> options,
        Map<String, String> renamedCommands,
        Duration readyTimeout,
        Duration stopTimeout,
        RestartPolicy restartPolicy) {

    /** No append-only file, as ElastiCache. */
    public static final boolean DEFAULT_APPEND_ONLY = false;
    /** No RDB snapshot rules, as ElastiCache. */
    public static final String DEFAULT_SAVE = "";
    /**
     * {@code repl-diskless-sync-delay}: 0, not Redis's 5 s. Otherwise a replica's first sync waits
     * 5 s for more replicas to join, and a promotion in that window loses data.
     */
    public static final String REPL_DISKLESS_SYNC_DELAY = "0";

    /** Directives Haneul writes itself, or that have a parameter of their own; refused as options. */
    public static final Set<String> MANAGED_DIRECTIVES = Set.of("bind", "port", "dir", "daemonize", "pidfile",
            "logfile", "set-proc-title", "include", "requirepass", "masterauth", "replicaof", "slaveof", "appendonly",
            "save", "repl-diskless-sync-delay", "rename-command");

    private static final Pattern DIRECTIVE = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern COMMAND_NAME = Pattern.compile("[A-Za-z0-9_|.:-]+");
    private static final Pattern SAVE_RULES = Pattern.compile("(\\d+\\s+\\d+)(\\s+\\d+\\s+\\d+)*");

    /** A primary to replicate from. */
    public record ReplicaOf(String host, int port) {
        public ReplicaOf {
            requireNonNull(host, "host");
            if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("host: '%s' (expected: an address)".formatted(host));
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: %s (expected: 1-65535)".formatted(port));
            }
        }
    }

    public RedisConfig {
        requireNonNull(name, "name");
        requireNonNull(dir, "dir");
        requireNonNull(requirePass, "requirePass");
        requireNonNull(masterAuth, "masterAuth");
        requireNonNull(replicaOf, "replicaOf");
        requireNonNull(save, "save");
        requireNonNull(options, "options");
        requireNonNull(renamedCommands, "renamedCommands");
        requireNonNull(readyTimeout, "readyTimeout");
        requireNonNull(stopTimeout, "stopTimeout");
        requireNonNull(restartPolicy, "restartPolicy");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: '%s' (expected: not blank)".formatted(name));
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: %s (expected: 0-65535, 0 for a free port)".formatted(port));
        }
        requirePass.ifPresent(password -> checkPassword("requirePass", password));
        masterAuth.ifPresent(password -> checkPassword("masterAuth", password));
        if (!save.isEmpty() && !SAVE_RULES.matcher(save.strip()).matches()) {
            throw new IllegalArgumentException(("save: '%s' (expected: \"\" or pairs of seconds and changes, "
                    + "such as \"3600 1 300 100\")").formatted(save));
        }
        options.forEach(RedisConfig::checkOption);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        renamedCommands.forEach(RedisConfig::checkRename);
        renamedCommands = Collections.unmodifiableMap(new LinkedHashMap<>(renamedCommands));
        dir = dir.toAbsolutePath().normalize();
    }

    public static Builder builder(String name, Path dir) {
        return new Builder(name, dir);
    }

    private static void checkPassword(String field, String password) {
        if (password.isEmpty() || password.contains("\n") || password.contains("\r")) {
            throw new IllegalArgumentException("%s: (hidden) (expected: not empty, a single line)".formatted(field));
        }
    }

    private static void checkOption(String directive, String value) {
        requireNonNull(directive, "directive");
        requireNonNull(value, "value");
        String lower = directive.toLowerCase(Locale.ROOT);
        if (!DIRECTIVE.matcher(lower).matches()) {
            throw new IllegalArgumentException("directive: '%s' (expected: a redis.conf directive)".formatted(directive));
        }
        if (MANAGED_DIRECTIVES.contains(lower)) {
            throw new IllegalArgumentException("directive: %s (expected: not one of %s, which Haneul manages)"
                    .formatted(directive, MANAGED_DIRECTIVES));
        }
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("%s: '%s' (expected: a single line)".formatted(directive, value));
        }
    }

    private static void checkRename(String command, String newName) {
        requireNonNull(command, "command");
        requireNonNull(newName, "newName");
        if (!COMMAND_NAME.matcher(command).matches()) {
            throw new IllegalArgumentException("command: '%s' (expected: a Redis command name)".formatted(command));
        }
        if (!newName.isEmpty() && !COMMAND_NAME.matcher(newName).matches()) {
            throw new IllegalArgumentException("%s: (hidden) (expected: \"\" or letters, digits and -_|.:)"
                    .formatted(command));
        }
    }

    /** Builder for {@link RedisConfig}. */
    public static final class Builder {
        private final String name;
        private final Path dir;
        private int port;
        private @Nullable String requirePass;
        private @Nullable String masterAuth;
        private @Nullable ReplicaOf replicaOf;
        private boolean appendOnly = DEFAULT_APPEND_ONLY;
        private String save = DEFAULT_SAVE;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, String> renamedCommands = new LinkedHashMap<>();
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

        public Builder requirePass(String password) {
            this.requirePass = requireNonNull(password, "password");
            return this;
        }

        public Builder masterAuth(String password) {
            this.masterAuth = requireNonNull(password, "password");
            return this;
        }

        public Builder replicaOf(String host, int port) {
            this.replicaOf = new ReplicaOf(host, port);
            return this;
        }

        public Builder appendOnly(boolean appendOnly) {
            this.appendOnly = appendOnly;
            return this;
        }

        public Builder save(String save) {
            this.save = requireNonNull(save, "save");
            return this;
        }

        /** Adds or replaces a {@code redis.conf} directive, written as {@code directive value}. */
        public Builder option(String directive, String value) {
            checkOption(directive, value);
            options.put(directive, value);
            return this;
        }

        /** Renames {@code command} to {@code newName} ({@code ""}: disables it), one {@code rename-command} line each. */
        public Builder renameCommand(String command, String newName) {
            checkRename(command, newName);
            renamedCommands.put(command, newName);
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

        public RedisConfig build() {
            return new RedisConfig(name, dir, port, Optional.ofNullable(requirePass), Optional.ofNullable(masterAuth),
                    Optional.ofNullable(replicaOf), appendOnly, save, options, renamedCommands, readyTimeout, stopTimeout, restartPolicy);
        }
    }
}

package dev.haneul.core.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to run and how to supervise it. Build one with {@link #builder(String, List)}.
 *
 * <p>Paths are made absolute. The pid file is what lets a restarted Haneul find the process again:
 * the supervisor writes the child's pid there as soon as it is started (an engine configured to
 * write the same file writes the same number). A process named by the pid file is only taken for
 * ours when one of its command-line arguments is {@code adoptionMarker} or ends with
 * {@code "=" + adoptionMarker} (as in {@code --defaults-file=/x/my.cnf}); use an absolute path
 * unique to this process, typically its generated config file. Since {@link
 * ProcessSupervisor#stopOrphans} must recognise it without the spec, put that file in the pid
 * file's directory.
 *
 * @param name name for logs and errors, such as {@code "rds/db-1"}
 * @param command program and arguments; the program should be an absolute path
 * @param workDir working directory of the process
 * @param logFile where stdout and stderr are appended
 * @param pidFile where the supervisor records the pid
 * @param adoptionMarker command-line argument that identifies this process (see above)
 * @param environment variables added to (or replacing) the JVM's environment
 * @param readinessProbe when the process counts as started
 * @param readyTimeout how long start-up may take before it is given up and killed
 * @param stopTimeout how long SIGTERM may take before SIGKILL
 * @param restartPolicy what to do when it exits by itself
 * @param port the TCP port the process serves on 127.0.0.1, for status displays; 0 when none
 */
public record ProcessSpec(
        String name,
        List<String> command,
        Path workDir,
        Path logFile,
        Path pidFile,
        String adoptionMarker,
        Map<String, String> environment,
        ReadinessProbe readinessProbe,
        Duration readyTimeout,
        Duration stopTimeout,
        RestartPolicy restartPolicy,
        int port) {

    /** Start-up allowance when none is given; a cold bundled MariaDB answers in well under 5 s. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
    /** SIGTERM-to-SIGKILL allowance when none is given; a clean mariadbd shutdown takes about 1 s. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    public ProcessSpec {
        requireNonNull(name, "name");
        requireNonNull(command, "command");
        requireNonNull(workDir, "workDir");
        requireNonNull(logFile, "logFile");
        requireNonNull(pidFile, "pidFile");
        requireNonNull(adoptionMarker, "adoptionMarker");
        requireNonNull(environment, "environment");
        requireNonNull(readinessProbe, "readinessProbe");
        requireNonNull(readyTimeout, "readyTimeout");
        requireNonNull(stopTimeout, "stopTimeout");
        requireNonNull(restartPolicy, "restartPolicy");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: '%s' (expected: not blank)".formatted(name));
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command: %s (expected: a program and its arguments)".formatted(command));
        }
        if (adoptionMarker.isBlank()) {
            throw new IllegalArgumentException("adoptionMarker: '%s' (expected: not blank)".formatted(adoptionMarker));
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("readyTimeout: %s (expected: > 0)".formatted(readyTimeout));
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout: %s (expected: >= 0)".formatted(stopTimeout));
        }
        command = List.copyOf(command);
        workDir = workDir.toAbsolutePath().normalize();
        logFile = logFile.toAbsolutePath().normalize();
        pidFile = pidFile.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
    }

    /** Starts a builder; work dir, log file, pid file, adoption marker and probe are required. */
    public static Builder builder(String name, List<String> command) {
        return new Builder(name, command);
    }

    /** Builder for {@link ProcessSpec}. */
    public static final class Builder {
        private final String name;
        private final List<String> command;
        private @Nullable Path workDir;
        private @Nullable Path logFile;
        private @Nullable Path pidFile;
        private @Nullable String adoptionMarker;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private @Nullable ReadinessProbe readinessProbe;
        private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private RestartPolicy restartPolicy = RestartPolicy.never();
        private int port;

        private Builder(String name, List<String> command) {
            this.name = requireNonNull(name, "name");
            this.command = List.copyOf(requireNonNull(command, "command"));
        }

        public Builder workDir(Path workDir) {
            this.workDir = requireNonNull(workDir, "workDir");
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = requireNonNull(logFile, "logFile");
            return this;
        }

        public Builder pidFile(Path pidFile) {
            this.pidFile = requireNonNull(pidFile, "pidFile");
            return this;
        }

        public Builder adoptionMarker(String adoptionMarker) {
            this.adoptionMarker = requireNonNull(adoptionMarker, "adoptionMarker");
            return this;
        }

        public Builder environment(String key, String value) {
            environment.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
            return this;
        }

        public Builder readinessProbe(ReadinessProbe readinessProbe) {
            this.readinessProbe = requireNonNull(readinessProbe, "readinessProbe");
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

        /** The port the process serves on, shown by {@code haneul status}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
            }
            this.port = port;
            return this;
        }

        public ProcessSpec build() {
            return new ProcessSpec(name, command, required(workDir, "workDir"), required(logFile, "logFile"),
                    required(pidFile, "pidFile"), required(adoptionMarker, "adoptionMarker"), environment,
                    required(readinessProbe, "readinessProbe"), readyTimeout, stopTimeout, restartPolicy, port);
        }

        private <T> T required(@Nullable T value, String field) {
            if (value == null) {
                throw new IllegalStateException("%s - %s: not set (expected: a value)".formatted(name, field));
            }
            return value;
        }
    }
}

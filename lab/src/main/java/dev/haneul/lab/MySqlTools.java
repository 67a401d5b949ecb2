package dev.haneul.lab;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools a migration uses — {@code mariadb-dump}, {@code mariadb},
 * {@code mydumper}, {@code myloader} — found on the {@code PATH} (or their MySQL names), run as
 * child processes with the password in {@code MYSQL_PWD} (never on the command line), standard
 * error kept in a file so a full pipe never blocks them and a failure can quote it.
 */
final class MySqlTools {

    /** How long a tool may take before the lab gives up on it. */
    private static final long TIMEOUT_MINUTES = 30;

    private MySqlTools() {}

    /** The first of {@code names} found on the {@code PATH}. */
    static Optional<Path> find(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code mariadb-dump} (or {@code mysqldump}); the lab cannot run without it. */
    static Path dump() {
        return find("mariadb-dump", "mysqldump").orElseThrow(() -> new IllegalStateException(
                "neither mariadb-dump nor mysqldump is on the PATH (Debian: apt-get install mariadb-client)"));
    }

    /** {@code mariadb} (or {@code mysql}); the lab cannot run without it. */
    static Path client() {
        return find("mariadb", "mysql").orElseThrow(() -> new IllegalStateException(
                "neither mariadb nor mysql is on the PATH (Debian: apt-get install mariadb-client)"));
    }

    /**
     * The arguments of a {@code mariadb-dump} of {@code database}: one consistent snapshot
     * ({@code --single-transaction}, so InnoDB tables need no lock), rows streamed from the server
     * ({@code --quick}), multi-row INSERTs; no {@code CREATE DATABASE}, so it loads into any name.
     */
    static List<String> dumpCommand(String host, int port, String user, String database) {
        return List.of(dump().toString(), "--host=" + host, "--port=" + port, "--user=" + user, "--protocol=TCP",
                "--single-transaction", "--quick", "--extended-insert", "--hex-blob", "--routines", "--triggers",
                "--default-character-set=utf8mb4", database);
    }

    /** The arguments of a {@code mariadb} that executes a dump read from its standard input into {@code database}. */
    static List<String> loadCommand(String host, int port, String user, String database) {
        return List.of(client().toString(), "--host=" + host, "--port=" + port, "--user=" + user, "--protocol=TCP",
                "--batch", "--default-character-set=utf8mb4", database);
    }

    /** A started tool: its process, and the file its standard error goes to. */
    record Running(String name, Process process, Path stderr) {

        Running {
            requireNonNull(name, "name");
            requireNonNull(process, "process");
            requireNonNull(stderr, "stderr");
        }

        InputStream stdout() {
            return process.getInputStream();
        }

        OutputStream stdin() {
            return process.getOutputStream();
        }

        /** Waits for the exit; throws with the end of its standard error unless it exited 0. */
        void awaitSuccess() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(name + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            int exit = process.exitValue();
            String errors = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8).strip() : "";
            Files.deleteIfExists(stderr);
            if (exit != 0) {
                throw new IOException(name + " exited " + exit + (errors.isEmpty() ? "" : ": "
                        + errors.substring(Math.max(0, errors.length() - 2000))));
            }
        }

        /** Kills it if it is still running (after a failure elsewhere in the pipeline). */
        void destroy() {
            process.destroyForcibly();
        }
    }

    /**
     * Starts {@code command} in {@code workDir}; its standard output is the caller's to read unless
     * {@code discardStdout}; its standard input is the caller's to write (and close).
     */
    static Running start(String name, List<String> command, Map<String, String> environment, Path workDir,
                         boolean discardStdout) throws IOException {
        Path stderr = Files.createTempFile(workDir, name.replace(' ', '-'), ".err");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(workDir.toFile())
                .redirectError(stderr.toFile());
        if (discardStdout) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        builder.environment().putAll(environment);
        return new Running(name, builder.start(), stderr);
    }

    /** Runs {@code command} to the end with no input; throws unless it exited 0. */
    static void run(String name, List<String> command, Map<String, String> environment, Path workDir)
            throws IOException, InterruptedException {
        Running running = start(name, command, environment, workDir, true);
        running.stdin().close();
        running.awaitSuccess();
    }

    /** The environment that passes {@code password} to the MySQL tools without showing it in {@code ps}. */
    static Map<String, String> password(String password) {
        return Map.of("MYSQL_PWD", password);
    }
}

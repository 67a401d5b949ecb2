package dev.haneul.core.process;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived command to completion (an engine's {@code --version}, {@code
 * mariadb-install-db}, a dump): output appended to a log file, never a pipe that could fill up and
 * stall the command, and a deadline after which it is killed.
 */
public final class CommandRunner {

    private static final File DEV_NULL = new File("/dev/null");

    private CommandRunner() {
    }

    /**
     * Runs {@code command} in {@code workDir}, appending its stdout and stderr to {@code logFile},
     * and returns the last lines it wrote there.
     *
     * @param name who is running it, for the error message ({@code "rds/db-1"})
     * @throws IOException when it cannot be started, exits with a non-zero status, or is still
     *     running after {@code timeout} (it is then killed); the message quotes the end of its output
     */
    public static String run(String name, List<String> command, Path workDir, Path logFile, Duration timeout)
            throws IOException, InterruptedException {
        requireNonNull(name, "name");
        requireNonNull(command, "command");
        requireNonNull(workDir, "workDir");
        requireNonNull(logFile, "logFile");
        requireNonNull(timeout, "timeout");
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        long offset = LogTail.offset(logFile);
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(Redirect.from(DEV_NULL))
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true)
                .start();
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                throw new IOException("%s - %s still running after %s; killed it. Output:%n%s"
                        .formatted(name, command.getFirst(), timeout, LogTail.read(logFile, offset)));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        String output = LogTail.read(logFile, offset);
        if (process.exitValue() != 0) {
            throw new IOException("%s - %s exited with code %d. Output:%n%s"
                    .formatted(name, String.join(" ", command), process.exitValue(), output));
        }
        return output;
    }
}

package dev.haneul.core.process;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operating-system process under watch: a child this JVM started, or a process adopted from
 * a pid file (not our child: no exit code, and its end is noticed by polling {@code /proc}).
 *
 * <p>Signals go through {@link ProcessHandle}, which checks the process start time before
 * signalling, so a pid reused by an unrelated program after our engine died is never signalled.
 */
final class OsProcess {

    private static final Logger log = LoggerFactory.getLogger(OsProcess.class);

    /** How often an adopted process is checked for exit: crash detection within about this. */
    static final Duration ADOPTED_POLL_INTERVAL = Duration.ofMillis(100);
    /** How long to wait for the kernel to finish a process after SIGKILL. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final File DEV_NULL = new File("/dev/null");
    private static final Optional<Path> SETSID = findSetsid();

    private final ProcessHandle handle;
    /** The JVM's child, or null for an adopted process. */
    private final @Nullable Process child;

    private OsProcess(ProcessHandle handle, @Nullable Process child) {
        this.handle = handle;
        this.child = child;
    }

    /**
     * Starts {@code spec}'s command: own session via {@code setsid} when the machine has it (so the
     * terminal's Ctrl-C, sent to Haneul's process group, does not reach the engine), stdin from
     * {@code /dev/null}, stdout and stderr appended to the log file. Never a pipe: a pipe would
     * break (SIGPIPE) when the JVM dies, and the engine must outlive it.
     *
     * <p>{@code setsid} execs the program in place when it is not a process group leader, which a
     * JVM child is not, so the pid we get is the engine's own pid.
     */
    static OsProcess spawn(ProcessSpec spec) throws IOException {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(spec.command());
        Files.createDirectories(spec.workDir());
        Files.createDirectories(spec.logFile().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.workDir().toFile())
                .redirectInput(Redirect.from(DEV_NULL))
                .redirectOutput(Redirect.appendTo(spec.logFile().toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(spec.environment());
        Process child = builder.start();
        return new OsProcess(child.toHandle(), child);
    }

    /** A process this JVM did not start; empty when {@code pid} is not running. */
    static Optional<OsProcess> adopt(long pid) {
        return ProcessHandle.of(pid).map(handle -> new OsProcess(handle, null));
    }

    long pid() {
        return child != null ? child.pid() : handle.pid();
    }

    /** Running and not a zombie; see {@link ProcFs}. */
    boolean isRunning() {
        return child != null ? child.isAlive() : handle.isAlive() && ProcFs.isRunning(handle.pid());
    }

    /** The exit status once a child has exited; always empty for an adopted process. */
    OptionalInt exitCode() {
        if (child == null || child.isAlive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(child.exitValue());
    }

    /** SIGTERM, or SIGKILL when {@code force}. */
    void signal(boolean force) {
        ProcessHandle target = child != null ? child.toHandle() : handle;
        if (force) {
            target.destroyForcibly();
        } else {
            target.destroy();
        }
    }

    /** Waits until the process has exited or {@code timeout} passed; true when it exited. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        if (child != null) {
            return child.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = new Backoff();
        while (isRunning()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            backoff.pause(remaining);
        }
        return true;
    }

    /**
     * Calls {@code action} once, on a virtual thread, after the process exits. A child is reaped by
     * the JVM, which tells us at once; an adopted process is polled every
     * {@link #ADOPTED_POLL_INTERVAL}.
     */
    void onExit(String name, Runnable action) {
        requireNonNull(action, "action");
        String threadName = "haneul-watch-" + name + "-" + pid();
        if (child != null) {
            child.onExit().whenComplete((p, e) -> Thread.ofVirtual().name(threadName).start(action));
            return;
        }
        Thread.ofVirtual().name(threadName).start(() -> {
            try {
                while (isRunning()) {
                    Thread.sleep(ADOPTED_POLL_INTERVAL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            action.run();
        });
    }

    /**
     * Stops the process: SIGTERM, up to {@code timeout} for it to exit, then SIGKILL. If the
     * calling thread is interrupted, goes straight to SIGKILL and returns with the interrupt flag
     * set. Returns whether the process is gone.
     */
    boolean terminate(String name, Duration timeout) {
        long pid = pid();
        try {
            signal(false);
            if (awaitExit(timeout)) {
                return true;
            }
            log.warn("{} - pid {} still running {} after SIGTERM; sending SIGKILL", name, pid, timeout);
            signal(true);
            if (awaitExit(KILL_WAIT)) {
                return true;
            }
            log.error("{} - pid {} still running {} after SIGKILL", name, pid, KILL_WAIT);
            return false;
        } catch (InterruptedException e) {
            log.warn("{} - interrupted while stopping pid {}; sending SIGKILL", name, pid);
            signal(true);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Path> findSetsid() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "setsid"));
                }
            }
        }
        Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            log.info("setsid not found: engines share Haneul's session, so a Ctrl-C in its terminal reaches them too");
        }
        return found;
    }
}

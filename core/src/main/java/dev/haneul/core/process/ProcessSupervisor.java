package dev.haneul.core.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, adopts, watches and stops Haneul's child processes. One per server.
 *
 * <h2>Starting</h2>
 * {@link #start(ProcessSpec)} first looks at the spec's pid file. A live process there whose
 * command line carries the spec's adoption marker was left running by a previous Haneul (killed
 * with SIGKILL, say): it is adopted, not started twice. A dead pid, or a pid now used by another
 * program, means a stale file, which is removed. Then the command is started (own session, output
 * appended to the log file; see {@link ManagedProcess}) and the readiness probe polled until it
 * passes, the process exits (the error quotes the end of the log) or the ready timeout passes.
 *
 * <h2>Stopping</h2>
 * {@link ManagedProcess#stop()} for one, {@link #close()} for all (Haneul's shutdown). When the
 * server is not running at all, {@link #stopOrphans(Path, Duration)} finds engines by their pid
 * files under a data directory and stops them ({@code haneul stop}; also at server start, for
 * engine directories no resource claims any more).
 *
 * <p>Every method blocks: call from virtual threads, never from a Netty event loop.
 */
public final class ProcessSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);

    /**
     * How deep {@link #stopOrphans} looks for pid files below the directory it is given:
     * {@code <data dir>/engines/<resource>/<engine>.pid} is three levels down.
     */
    static final int ORPHAN_SCAN_DEPTH = 4;

    private final ConcurrentMap<String, ManagedProcess> processes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Starts the process {@code spec} describes, or adopts the copy a previous Haneul left running,
     * and returns once it passes its readiness probe.
     *
     * @throws ProcessStartException when it exits during start-up or is not ready in time (it is
     *     then stopped; its {@link ManagedProcess} stays registered in state
     *     {@link ProcessState#FAILED})
     * @throws IllegalStateException when a process of that name is already active, or the
     *     supervisor is closed
     */
    public ManagedProcess start(ProcessSpec spec) throws IOException, InterruptedException {
        ManagedProcess process = register(spec);
        process.startOrAdopt();
        return process;
    }

    /**
     * Adopts the process named by {@code spec}'s pid file if it is running and ours, and returns
     * it once ready; otherwise removes the stale pid file (if any) and returns empty without
     * starting anything. For owners that must read the running process's settings (its port, from
     * its config file) before they can write a new config for a fresh start.
     */
    public Optional<ManagedProcess> adopt(ProcessSpec spec) throws IOException, InterruptedException {
        ManagedProcess process = register(spec);
        if (process.adoptOnly()) {
            return Optional.of(process);
        }
        processes.remove(spec.name(), process);
        return Optional.empty();
    }

    /** The process registered under {@code name}, in whatever state. */
    public Optional<ManagedProcess> process(String name) {
        return Optional.ofNullable(processes.get(requireNonNull(name, "name")));
    }

    /** Every registered process, in whatever state. */
    public Collection<ManagedProcess> processes() {
        return List.copyOf(processes.values());
    }

    /** Stops every process, in parallel, and refuses new ones. Waits for all of them. */
    @Override
    public void close() {
        closed = true;
        List<Thread> stoppers = new ArrayList<>();
        for (ManagedProcess process : processes.values()) {
            if (process.state().isActive() || process.state() == ProcessState.EXITED) {
                stoppers.add(Thread.ofVirtual().name("haneul-stop-" + process.name()).start(process::stop));
            }
        }
        joinAll(stoppers);
    }

    private ManagedProcess register(ProcessSpec spec) {
        requireNonNull(spec, "spec");
        ManagedProcess created = new ManagedProcess(spec);
        processes.compute(spec.name(), (name, existing) -> {
            if (closed) {
                throw new IllegalStateException(name + " - supervisor is closed");
            }
            if (existing != null && (existing.state().isActive() || existing.state() == ProcessState.EXITED)) {
                throw new IllegalStateException(
                        "%s - already supervised (state: %s; expected: stopped or failed)".formatted(name, existing.state()));
            }
            return created;
        });
        return created;
    }

    // ---- orphans ----

    /**
     * Stops engines left running under {@code dir} with no supervisor: every {@code *.pid} file up
     * to {@value #ORPHAN_SCAN_DEPTH} levels down that names a live process whose command line has
     * an argument inside the pid file's own directory (its config file, by the convention of
     * {@link ProcessSpec}) gets SIGTERM, {@code stopTimeout}, then SIGKILL, all in parallel. Pid
     * files naming dead processes or other programs are removed as stale.
     *
     * <p>Call it only for directories no running supervisor manages: it cannot tell a process
     * this JVM supervises from an orphan.
     *
     * @return the pids that were stopped
     */
    public static List<Long> stopOrphans(Path dir, Duration stopTimeout) throws IOException {
        requireNonNull(dir, "dir");
        requireNonNull(stopTimeout, "stopTimeout");
        Path root;
        try {
            root = dir.toRealPath();
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Path> pidFiles;
        try (Stream<Path> found = Files.find(root, ORPHAN_SCAN_DEPTH,
                (path, attributes) -> attributes.isRegularFile() && path.getFileName().toString().endsWith(".pid"))) {
            pidFiles = found.toList();
        }
        List<Long> stoppedPids = new ArrayList<>();
        List<Thread> stoppers = new ArrayList<>();
        for (Path pidFile : pidFiles) {
            String name = orphanName(root, pidFile);
            OptionalLong recorded = PidFile.read(pidFile);
            if (recorded.isEmpty()) {
                log.warn("{} - ignoring unreadable pid file {}", name, pidFile);
                continue;
            }
            long pid = recorded.getAsLong();
            if (!ProcFs.isRunning(pid)) {
                log.info("{} - removing stale pid file {}: pid {} is not running", name, pidFile, pid);
                PidFile.delete(pidFile);
                continue;
            }
            String ownDir = pidFile.getParent() + "/";
            boolean ours = ProcFs.commandLine(pid).stream()
                    .anyMatch(arg -> arg.startsWith(ownDir) || arg.contains("=" + ownDir));
            Optional<OsProcess> process = ours ? OsProcess.adopt(pid) : Optional.empty();
            if (process.isEmpty()) {
                log.info("{} - removing stale pid file {}: pid {} is another program", name, pidFile, pid);
                PidFile.delete(pidFile);
                continue;
            }
            stoppedPids.add(pid);
            stoppers.add(Thread.ofVirtual().name("haneul-stop-orphan-" + pid).start(() -> {
                log.info("{} - stopping orphan pid {}: {}", name, pid, String.join(" ", ProcFs.commandLine(pid)));
                if (process.get().terminate(name, stopTimeout)) {
                    deleteQuietly(name, pidFile);
                }
            }));
        }
        joinAll(stoppers);
        return List.copyOf(stoppedPids);
    }

    private static String orphanName(Path root, Path pidFile) {
        Path relative = root.relativize(pidFile.getParent());
        return relative.toString().isEmpty() ? root.getFileName().toString() : relative.toString();
    }

    private static void deleteQuietly(String name, Path pidFile) {
        try {
            PidFile.delete(pidFile);
        } catch (IOException e) {
            log.warn("{} - could not remove pid file {}", name, pidFile, e);
        }
    }

    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // Finish waiting: stoppers are bounded by their timeouts.
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

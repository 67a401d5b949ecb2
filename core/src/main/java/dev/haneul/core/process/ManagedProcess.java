package dev.haneul.core.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process under supervision, across its restarts: one object per {@link ProcessSpec}, while the
 * OS process behind it (and so {@link #pid()}) changes with each restart. Obtained from
 * {@link ProcessSupervisor#start}.
 *
 * <p>Threads: {@link #stop()} and {@link #kill()} may be called from any thread, concurrently with
 * a start-up or a restart in progress; {@code stop()} wins over both. Exits are noticed on a
 * watcher thread per OS process; restarts run on their own virtual thread. A lock guards the state
 * and the current OS process, and listeners are always called outside it.
 *
 * <p>Trap: an exit is acted on only if it is the exit of the <em>current</em> OS process in state
 * {@link ProcessState#RUNNING} and no stop was requested. Everything else (the exit caused by
 * {@code stop()}, the death of a process that failed its start-up, a late notice about a
 * process already replaced) is handled by whoever caused it.
 */
public final class ManagedProcess {

    private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);

    private final ProcessSpec spec;
    private final List<ProcessListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    // Guarded by lock.
    private ProcessState state = ProcessState.STARTING;
    private @Nullable OsProcess current;
    private long lastPid = -1;
    private boolean adopted;
    private boolean stopRequested;
    private int restarts;
    private @Nullable Thread restarter;

    ManagedProcess(ProcessSpec spec) {
        this.spec = requireNonNull(spec, "spec");
    }

    public String name() {
        return spec.name();
    }

    public ProcessSpec spec() {
        return spec;
    }

    public ProcessState state() {
        return locked(() -> state);
    }

    /** The pid of the current OS process, or of the last one; empty before the first start. */
    public OptionalLong pid() {
        return locked(() -> lastPid > 0 ? OptionalLong.of(lastPid) : OptionalLong.empty());
    }

    /** Whether the current OS process was found running (left by a previous Haneul), not started. */
    public boolean adopted() {
        return locked(() -> adopted);
    }

    /** How many times the restart policy has started it again. */
    public int restarts() {
        return locked(() -> restarts);
    }

    public void addListener(ProcessListener listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    public void removeListener(ProcessListener listener) {
        listeners.remove(listener);
    }

    /**
     * Stops the process for good: cancels any pending restart, sends SIGTERM, waits up to the
     * spec's stop timeout, then SIGKILL; removes the pid file. Ends in {@link ProcessState#STOPPED}
     * (or stays {@link ProcessState#FAILED}). Blocks until done; a second caller waits for the
     * first. If the calling thread is interrupted it sends SIGKILL, returns early and keeps the
     * interrupt flag set.
     */
    public void stop() {
        OsProcess process;
        ProcessState from;
        Thread pendingRestart;
        lock.lock();
        try {
            if (stopRequested) {
                process = null;
                from = null;
                pendingRestart = null;
            } else {
                stopRequested = true;
                process = current;
                from = state;
                pendingRestart = restarter;
                if (state != ProcessState.FAILED) {
                    state = ProcessState.STOPPING;
                }
            }
        } finally {
            lock.unlock();
        }
        if (from == null) {
            awaitStopped();
            return;
        }
        try {
            if (from == ProcessState.FAILED) {
                return;
            }
            fireStateChange(from, ProcessState.STOPPING);
            if (pendingRestart != null) {
                pendingRestart.interrupt();
            }
            boolean wasRunning = process != null && process.isRunning();
            if (wasRunning && process != null) {
                log.info("{} - stopping pid {}", name(), process.pid());
                process.terminate(name(), spec.stopTimeout());
            }
            if (process != null) {
                deletePidFile(process.pid());
            }
            setState(ProcessState.STOPPED);
            if (wasRunning && process != null) {
                log.info("{} - stopped pid {}", name(), process.pid());
                fireExit(new ProcessExit(name(), process.pid(), process.exitCode(), true, false));
            }
        } finally {
            stopped.complete(null);
        }
    }

    /**
     * Sends SIGKILL to the current OS process and returns at once. The exit is then handled like
     * any crash: state {@link ProcessState#EXITED}, listeners told, restart policy applied. Tests use
     * it to simulate an engine crash. Returns whether a running process was signalled.
     */
    public boolean kill() {
        OsProcess process = locked(() -> current);
        if (process == null || !process.isRunning()) {
            return false;
        }
        log.info("{} - sending SIGKILL to pid {}", name(), process.pid());
        process.signal(true);
        return true;
    }

    @Override
    public String toString() {
        return name() + " " + state() + pid().stream().mapToObj(pid -> " pid " + pid).findFirst().orElse("");
    }

    // ---- start-up, called by ProcessSupervisor ----

    /**
     * Adopts the process named by the pid file if it is running and ours (see {@link ProcessSpec}),
     * then waits for it to pass the readiness probe. Returns false, having removed the pid file,
     * when there is nothing to adopt; an adopted process that fails its probe is stopped first.
     */
    private boolean tryAdopt() throws IOException, InterruptedException {
        OptionalLong recorded = PidFile.read(spec.pidFile());
        if (recorded.isEmpty()) {
            PidFile.delete(spec.pidFile());
            return false;
        }
        long pid = recorded.getAsLong();
        if (!ProcFs.isRunning(pid)) {
            log.info("{} - removing stale pid file {}: pid {} is not running", name(), spec.pidFile(), pid);
            PidFile.delete(spec.pidFile());
            return false;
        }
        if (!PidFile.commandLineMentions(pid, spec.adoptionMarker())) {
            log.info("{} - removing stale pid file {}: pid {} is another program ({})", name(), spec.pidFile(), pid,
                    String.join(" ", ProcFs.commandLine(pid)));
            PidFile.delete(spec.pidFile());
            return false;
        }
        OsProcess process = OsProcess.adopt(pid).orElse(null);
        if (process == null) {
            PidFile.delete(spec.pidFile());
            return false;
        }
        log.info("{} - found pid {} left running by a previous Haneul; adopting it", name(), pid);
        lock.lock();
        try {
            current = process;
            lastPid = pid;
            adopted = true;
        } finally {
            lock.unlock();
        }
        try {
            awaitReady(process, LogTail.offset(spec.logFile()));
        } catch (ProcessStartException e) {
            if (isStopRequested()) {
                throw e; // stop() is already ending it.
            }
            log.warn("{} - adopted pid {} did not pass its readiness probe; stopping it and starting afresh: {}",
                    name(), pid, e.getMessage());
            process.terminate(name(), spec.stopTimeout());
            PidFile.delete(spec.pidFile());
            lock.lock();
            try {
                current = null;
                adopted = false;
            } finally {
                lock.unlock();
            }
            return false;
        }
        becomeRunning(process);
        return true;
    }

    /**
     * Adopts the running copy if there is one, else starts a fresh OS process; returns once it is
     * ready. On failure the state is {@link ProcessState#FAILED}.
     */
    void startOrAdopt() throws IOException, InterruptedException {
        try {
            if (!tryAdopt()) {
                spawnAndAwaitReady();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            compareAndSetState(ProcessState.STARTING, ProcessState.FAILED);
            throw e;
        }
    }

    /** Adopts the running copy if there is one; on an error the state is {@link ProcessState#FAILED}. */
    boolean adoptOnly() throws IOException, InterruptedException {
        try {
            return tryAdopt();
        } catch (IOException | InterruptedException | RuntimeException e) {
            compareAndSetState(ProcessState.STARTING, ProcessState.FAILED);
            throw e;
        }
    }

    private void spawnAndAwaitReady() throws IOException, InterruptedException {
        long logOffset = LogTail.offset(spec.logFile());
        OsProcess process;
        // Spawn under the lock: a stop() either comes first (and nothing is spawned) or finds the
        // new process in `current` and stops it.
        lock.lock();
        try {
            if (stopRequested) {
                throw new ProcessStartException(name() + " - stopped while starting", "");
            }
            process = OsProcess.spawn(spec);
            current = process;
            lastPid = process.pid();
            adopted = false;
        } finally {
            lock.unlock();
        }
        boolean ready = false;
        try {
            PidFile.write(spec.pidFile(), process.pid());
            log.info("{} - started pid {}: {}", name(), process.pid(), String.join(" ", spec.command()));
            awaitReady(process, logOffset);
            ready = true;
        } catch (InterruptedException e) {
            log.warn("{} - interrupted while starting; killing pid {}", name(), process.pid());
            process.signal(true);
            throw e;
        } finally {
            if (!ready && process.isRunning()) {
                process.terminate(name(), spec.stopTimeout());
            }
            if (!ready) {
                deletePidFile(process.pid());
            }
        }
        becomeRunning(process);
    }

    /**
     * Polls the readiness probe with a short backoff until it passes. Fails fast when the process
     * exits, and with the last probe error when the deadline passes (the caller then stops it).
     */
    private void awaitReady(OsProcess process, long logOffset) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + spec.readyTimeout().toNanos();
        Backoff backoff = new Backoff();
        IOException lastProbeError = null;
        while (true) {
            if (isStopRequested()) {
                throw new ProcessStartException(name() + " - stopped while starting", "");
            }
            if (!process.isRunning()) {
                OptionalInt code = process.exitCode();
                throw new ProcessStartException("%s - pid %d exited%s during start-up".formatted(name(), process.pid(),
                        code.isPresent() ? " with code " + code.getAsInt() : ""), LogTail.read(spec.logFile(), logOffset));
            }
            try {
                if (spec.readinessProbe().isReady(process.pid())) {
                    log.debug("{} - pid {} ready after {} ms", name(), process.pid(),
                            Duration.ofNanos(System.nanoTime() - start).toMillis());
                    return;
                }
                lastProbeError = null;
            } catch (IOException e) {
                lastProbeError = e;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new ProcessStartException("%s - pid %d not ready after %s%s".formatted(name(), process.pid(),
                        spec.readyTimeout(), lastProbeError == null ? "" : " (last probe: " + lastProbeError + ")"),
                        LogTail.read(spec.logFile(), logOffset));
            }
            backoff.pause(remaining);
        }
    }

    private void becomeRunning(OsProcess process) {
        ProcessState from;
        lock.lock();
        try {
            if (stopRequested || current != process) {
                return; // stop() took over and reports the outcome.
            }
            from = state;
            state = ProcessState.RUNNING;
        } finally {
            lock.unlock();
        }
        process.onExit(name(), () -> onProcessExit(process));
        fireStateChange(from, ProcessState.RUNNING);
    }

    // ---- exits and restarts ----

    private void onProcessExit(OsProcess process) {
        OptionalInt code = process.exitCode();
        boolean willRestart;
        lock.lock();
        try {
            if (stopRequested || current != process || state != ProcessState.RUNNING) {
                return;
            }
            boolean cleanExit = code.isPresent() && code.getAsInt() == 0;
            willRestart = !cleanExit && restarts < spec.restartPolicy().maxRestarts();
            state = ProcessState.EXITED;
        } finally {
            lock.unlock();
        }
        log.warn("{} - pid {} exited unexpectedly{}{}", name(), process.pid(),
                code.isPresent() ? " with code " + code.getAsInt() : "", willRestart ? "; restarting" : "");
        deletePidFile(process.pid());
        fireStateChange(ProcessState.RUNNING, ProcessState.EXITED);
        fireExit(new ProcessExit(name(), process.pid(), code, false, willRestart));
        boolean budgetSpent = !willRestart && spec.restartPolicy().maxRestarts() > 0
                && !(code.isPresent() && code.getAsInt() == 0);
        if (budgetSpent && compareAndSetState(ProcessState.EXITED, ProcessState.FAILED)) {
            log.error("{} - giving up after {} restarts", name(), spec.restartPolicy().maxRestarts());
        }
        if (willRestart) {
            lock.lock();
            try {
                if (!stopRequested && state == ProcessState.EXITED) {
                    restarter = Thread.ofVirtual().name("haneul-restart-" + name()).start(this::restartLoop);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Restart attempts with doubling backoff until one succeeds, the budget is spent, or stop(). */
    private void restartLoop() {
        RestartPolicy policy = spec.restartPolicy();
        int failedAttempts = 0;
        while (true) {
            boolean giveUp;
            lock.lock();
            try {
                if (stopRequested || state != ProcessState.EXITED) {
                    return;
                }
                giveUp = restarts >= policy.maxRestarts();
                if (giveUp) {
                    state = ProcessState.FAILED;
                } else {
                    restarts++;
                }
            } finally {
                lock.unlock();
            }
            if (giveUp) {
                log.error("{} - giving up after {} restarts", name(), policy.maxRestarts());
                fireStateChange(ProcessState.EXITED, ProcessState.FAILED);
                return;
            }
            try {
                Thread.sleep(policy.backoff(failedAttempts + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // stop() cancelled the restart.
            }
            if (!compareAndSetState(ProcessState.EXITED, ProcessState.STARTING)) {
                return;
            }
            try {
                spawnAndAwaitReady();
                log.info("{} - restarted as pid {} (restart {} of at most {})", name(), pid().orElse(-1), restarts(),
                        policy.maxRestarts());
                return;
            } catch (IOException e) {
                log.warn("{} - restart failed: {}", name(), e.getMessage());
                failedAttempts++;
                if (!compareAndSetState(ProcessState.STARTING, ProcessState.EXITED)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- helpers ----

    private boolean isStopRequested() {
        return locked(() -> stopRequested);
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private void setState(ProcessState to) {
        ProcessState from;
        lock.lock();
        try {
            from = state;
            state = to;
        } finally {
            lock.unlock();
        }
        fireStateChange(from, to);
    }

    private boolean compareAndSetState(ProcessState expected, ProcessState to) {
        lock.lock();
        try {
            if (stopRequested || state != expected) {
                return false;
            }
            state = to;
        } finally {
            lock.unlock();
        }
        fireStateChange(expected, to);
        return true;
    }

    /** Removes the pid file if it still names {@code pid} (a newer process may have replaced it). */
    private void deletePidFile(long pid) {
        try {
            OptionalLong recorded = PidFile.read(spec.pidFile());
            if (recorded.isEmpty() || recorded.getAsLong() == pid) {
                PidFile.delete(spec.pidFile());
            }
        } catch (IOException e) {
            log.warn("{} - could not remove pid file {}", name(), spec.pidFile(), e);
        }
    }

    private void awaitStopped() {
        try {
            stopped.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(name() + " - stop failed", e.getCause());
        }
    }

    private void fireStateChange(ProcessState from, ProcessState to) {
        if (from == to) {
            return;
        }
        log.debug("{} - {} -> {}", name(), from, to);
        for (ProcessListener listener : listeners) {
            try {
                listener.onStateChange(this, from, to);
            } catch (RuntimeException e) {
                log.warn("{} - listener {} failed on {} -> {}", name(), listener, from, to, e);
            }
        }
    }

    private void fireExit(ProcessExit exit) {
        for (ProcessListener listener : listeners) {
            try {
                listener.onExit(this, exit);
            } catch (RuntimeException e) {
                log.warn("{} - listener {} failed on {}", name(), listener, exit, e);
            }
        }
    }
}

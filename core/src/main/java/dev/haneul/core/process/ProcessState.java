package dev.haneul.core.process;

/**
 * Where a {@link ManagedProcess} is in its life.
 *
 * <pre>
 *  STARTING ──ready──▶ RUNNING ──stop()──▶ STOPPING ──▶ STOPPED
 *     │                  │
 *     │ failed start     │ exited by itself (crash, kill -9, SHUTDOWN)
 *     ▼                  ▼
 *   FAILED ◀──gave up── EXITED ──restart policy──▶ STARTING
 * </pre>
 */
public enum ProcessState {
    /** Launched (or found running and being adopted); not yet answering its readiness probe. */
    STARTING,
    /** Answered its readiness probe; being watched. */
    RUNNING,
    /** {@link ManagedProcess#stop()} is in progress: SIGTERM sent, waiting for the exit. */
    STOPPING,
    /** Stopped on request. Terminal. */
    STOPPED,
    /**
     * Exited without being asked to, after it was running. The restart policy, if any, moves it
     * back to {@link #STARTING}; otherwise it stays here and the owner decides (the RDS layer
     * fails over, for example).
     */
    EXITED,
    /** Could not be started, or the restart policy gave up. Terminal. */
    FAILED;

    /** Whether a process in this state may still be alive or come back by itself. */
    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}

package dev.haneul.core.process;

/**
 * Observes a {@link ManagedProcess}. Both methods run on a supervisor thread (a virtual thread),
 * never under a lock; they may block briefly but should hand long work elsewhere. An exception
 * thrown by a listener is logged and does not affect the process or other listeners.
 */
public interface ProcessListener {

    /** Called after every state change. */
    default void onStateChange(ManagedProcess process, ProcessState from, ProcessState to) {
    }

    /**
     * Called when the process exits, whether or not it was asked to. On a crash this is where an
     * owner decides what to do ({@link ProcessExit#willRestart()} says whether the restart policy
     * already will). Called before any restart attempt.
     */
    default void onExit(ManagedProcess process, ProcessExit exit) {
    }
}

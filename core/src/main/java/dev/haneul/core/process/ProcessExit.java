package dev.haneul.core.process;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * One exit of a supervised process, as told to {@link ProcessListener#onExit}.
 *
 * @param name the process name ({@code "rds/db-1"})
 * @param pid the pid that exited
 * @param exitCode the exit status; empty for an adopted process (not our child, so the kernel
 *     does not tell us) and for a process killed by a signal this JVM could not observe.
 *     128 + signal number for a child killed by a signal (137 for SIGKILL).
 * @param expected {@code true} when the exit followed {@link ManagedProcess#stop()}
 * @param willRestart {@code true} when the restart policy is about to start it again
 */
public record ProcessExit(String name, long pid, OptionalInt exitCode, boolean expected, boolean willRestart) {

    public ProcessExit {
        requireNonNull(name, "name");
        requireNonNull(exitCode, "exitCode");
    }

    @Override
    public String toString() {
        return name + " pid " + pid + " exited" + (exitCode.isPresent() ? " with code " + exitCode.getAsInt() : "")
                + (expected ? " (stopped)" : " unexpectedly") + (willRestart ? ", restarting" : "");
    }
}

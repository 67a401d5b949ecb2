package dev.haneul.core.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * Tells whether a started process is ready to serve. The supervisor polls it with a short backoff
 * until it answers {@code true}, the process exits, or the ready timeout passes.
 *
 * <p>Return {@code false} or throw {@link IOException} for "not yet" (a refused connection is the
 * usual case); the last exception's message is reported if the deadline passes. A probe should
 * bound its own I/O with a timeout of a second or two: the deadline is only checked between
 * attempts.
 */
@FunctionalInterface
public interface ReadinessProbe {

    /**
     * Checks once.
     *
     * @param pid the process being probed, so a probe can check that what answers is really that
     *     process (see {@link #listeningOn(int)})
     */
    boolean isReady(long pid) throws IOException;

    /** A probe that is ready when both this and {@code next} are, checked in that order. */
    default ReadinessProbe and(ReadinessProbe next) {
        requireNonNull(next, "next");
        return pid -> isReady(pid) && next.isReady(pid);
    }

    /**
     * Ready when the process itself holds a listening TCP socket on {@code port} (read from
     * {@code /proc/net/tcp} and {@code /proc/<pid>/fd}). Put it before a protocol probe: between
     * choosing a free port and binding it another program may take the port, and a protocol probe
     * alone would then happily talk to that other program.
     */
    static ReadinessProbe listeningOn(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: %s (expected: 1-65535)".formatted(port));
        }
        return pid -> ProcFs.holdsListeningSocket(pid, port);
    }
}

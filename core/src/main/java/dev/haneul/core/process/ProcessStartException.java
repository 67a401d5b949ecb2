package dev.haneul.core.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * A process did not become ready: it exited during start-up, or its readiness deadline passed (it
 * was then killed). The message names the process and ends with the tail of what it wrote to its
 * log during this start, which is where an engine says what went wrong ("unknown variable",
 * "Address already in use").
 */
public final class ProcessStartException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String logTail;

    ProcessStartException(String message, String logTail) {
        super(message + (logTail.isEmpty() ? " (log is empty)" : "; last lines of its log:\n" + logTail));
        this.logTail = requireNonNull(logTail, "logTail");
    }

    /** The last lines the process wrote to its log during the failed start; may be empty. */
    public String logTail() {
        return logTail;
    }
}

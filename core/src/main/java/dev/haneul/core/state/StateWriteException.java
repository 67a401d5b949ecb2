package dev.haneul.core.state;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Haneul could not persist a change to its state (the data dir became read-only, the disk is
 * full, a directory was replaced by a file). Whoever throws it has already put the state back as
 * it was on disk, so the change left no trace; the API answers it as a server-side fault the
 * caller may retry.
 */
public final class StateWriteException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    public StateWriteException(String message, IOException cause) {
        super(message, cause);
    }

    /** The message and the underlying reason on one line, for logs and API errors. */
    public String describe() {
        IOException cause = requireNonNull(getCause()); // UncheckedIOException requires one
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return getMessage() + " (" + reason + ")";
    }
}

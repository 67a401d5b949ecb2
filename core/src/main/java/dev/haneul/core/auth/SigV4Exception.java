package dev.haneul.core.auth;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by {@link SigV4Parser#parse} for malformed authentication, and by
 * {@link SigV4Result#orElseThrow()}. It is a verdict about the client's request, not a bug here,
 * so it records no stack trace (cheap on the hot path); the gateway turns its {@link #failure()}
 * into an AWS error response.
 */
public final class SigV4Exception extends RuntimeException {

    private final SigV4Failure failure;

    public SigV4Exception(SigV4Failure failure) {
        super(requireNonNull(failure, "failure").message(), null, false, false);
        this.failure = failure;
    }

    public SigV4Failure failure() {
        return failure;
    }
}

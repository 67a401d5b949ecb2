package dev.haneul.core.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What the supervisor does by itself when a running process exits unexpectedly.
 *
 * <p>Deliberately simple: owners with a better answer than "start it again" (the RDS layer runs a
 * failover) use {@link #never()} and a {@link ProcessListener}. With {@link #onFailure}, an exit
 * with a non-zero status (or an unknown one, for an adopted process) is followed by a restart after
 * {@code initialBackoff}, doubling up to {@code maxBackoff} for each consecutive failed attempt,
 * at most {@code maxRestarts} times over the life of the {@link ManagedProcess}; an exit with
 * status 0 is taken as deliberate and not restarted. When the budget is spent the process ends in
 * {@link ProcessState#FAILED}.
 *
 * @param maxRestarts how many restarts in total; 0 means never restart
 * @param initialBackoff delay before the first restart attempt
 * @param maxBackoff cap for the doubling delay
 */
public record RestartPolicy(int maxRestarts, Duration initialBackoff, Duration maxBackoff) {

    /** Delay before the first restart when none is given. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** Cap for the doubling delay when none is given. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

    private static final RestartPolicy NEVER = new RestartPolicy(0, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);

    public RestartPolicy {
        requireNonNull(initialBackoff, "initialBackoff");
        requireNonNull(maxBackoff, "maxBackoff");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts: %s (expected: >= 0)".formatted(maxRestarts));
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff: %s (expected: >= 0)".formatted(initialBackoff));
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff: %s (expected: >= initialBackoff %s)".formatted(maxBackoff, initialBackoff));
        }
    }

    /** Never restart: the owner is told through {@link ProcessListener#onExit} and decides. */
    public static RestartPolicy never() {
        return NEVER;
    }

    /** Restart after a failure, at most {@code maxRestarts} times, with the default backoff. */
    public static RestartPolicy onFailure(int maxRestarts) {
        return new RestartPolicy(maxRestarts, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /** Restart after a failure, at most {@code maxRestarts} times, with the given backoff. */
    public static RestartPolicy onFailure(int maxRestarts, Duration initialBackoff, Duration maxBackoff) {
        return new RestartPolicy(maxRestarts, initialBackoff, maxBackoff);
    }

    /** The delay before restart attempt number {@code attempt} (1-based). */
    Duration backoff(int attempt) {
        Duration delay = initialBackoff;
        for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}

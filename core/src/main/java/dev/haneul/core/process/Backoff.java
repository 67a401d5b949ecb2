package dev.haneul.core.process;

/**
 * Short, growing pauses between polls of a condition: 5 ms doubling to 100 ms, never past the
 * caller's deadline. Waiting on a condition this way answers within a few milliseconds when the
 * condition is quick and costs little when it is slow; a fixed sleep does neither.
 */
final class Backoff {

    private static final long FIRST_NANOS = 5_000_000L;
    private static final long MAX_NANOS = 100_000_000L;

    private long nextNanos = FIRST_NANOS;

    /** Sleeps for the next pause, or {@code remainingNanos} if that is shorter. */
    void pause(long remainingNanos) throws InterruptedException {
        long nanos = Math.max(0, Math.min(nextNanos, remainingNanos));
        nextNanos = Math.min(nextNanos * 2, MAX_NANOS);
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }
}

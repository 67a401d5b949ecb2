package dev.haneul.lab;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polling with a deadline: a lab waits on conditions, never on fixed sleeps. */
final class Waits {

    private Waits() {}

    /**
     * Polls {@code condition} every 50 ms (exceptions count as "not yet") until it holds.
     *
     * @throws IllegalStateException naming {@code what} when {@code timeout} passes first
     */
    static void until(String what, Duration timeout, Callable<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"), last);
            }
            Thread.sleep(50);
        }
    }

    /** Lets {@code seconds} pass from {@code sinceNanos} ({@link System#nanoTime()}) while load runs elsewhere. */
    static void elapse(String what, long sinceNanos, double seconds) throws InterruptedException {
        until(what + " for " + seconds + " s", Duration.ofSeconds((long) seconds + 60),
                () -> System.nanoTime() - sinceNanos >= seconds * 1e9);
    }
}

package dev.haneul.demo;

import java.io.IOException;
import java.time.Instant;

/** Polls a condition with a growing pause (0.2 s up to 1 s) until it holds or a deadline passes. */
final class Poll {

    private static final long FIRST_PAUSE_MILLIS = 200;
    private static final long MAX_PAUSE_MILLIS = 1000;

    private Poll() {}

    /** A condition that may fail; failures end the wait. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws IOException, InterruptedException;
    }

    /** Returns once {@code condition} holds; throws naming {@code what} when the deadline passes first. */
    static void until(String what, Instant deadline, Condition condition) throws IOException, InterruptedException {
        long pause = FIRST_PAUSE_MILLIS;
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("gave up waiting for " + what);
            }
            Thread.sleep(pause);
            pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
        }
    }
}

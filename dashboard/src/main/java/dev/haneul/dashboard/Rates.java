package dev.haneul.dashboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Turns growing totals (requests served, connections accepted, bytes relayed) into per-second
 * rates. Each counter keeps an anchor sample; a rate is computed once at least
 * {@link #WINDOW_NANOS} have passed since it, and then the anchor moves. Between, the last rate is
 * repeated, so a snapshot asked for a few milliseconds after the previous one does not turn one
 * request into "a hundred per second". A total that went down (the endpoint was recreated)
 * restarts the counter at rate 0. Counters not read for a minute are forgotten.
 */
final class Rates {

    static final long WINDOW_NANOS = 900_000_000L;
    private static final long FORGET_NANOS = 60_000_000_000L;

    private final LongSupplier nanoTime;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    private record Sample(long anchorNanos, long anchorValue, double rate, long lastSeenNanos) {}

    Rates(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The per-second rate of the total {@code value} of counter {@code key}. */
    double perSecond(String key, long value) {
        long now = nanoTime.getAsLong();
        Sample next = samples.compute(key, (k, previous) -> {
            if (previous == null || value < previous.anchorValue()) {
                return new Sample(now, value, 0, now);
            }
            long elapsed = now - previous.anchorNanos();
            if (elapsed < WINDOW_NANOS) {
                return new Sample(previous.anchorNanos(), previous.anchorValue(), previous.rate(), now);
            }
            return new Sample(now, value, (value - previous.anchorValue()) * 1e9 / elapsed, now);
        });
        return next.rate();
    }

    /** Forgets counters that were not read for a minute (resources that went away). */
    void prune() {
        long now = nanoTime.getAsLong();
        samples.values().removeIf(s -> now - s.lastSeenNanos() > FORGET_NANOS);
    }
}

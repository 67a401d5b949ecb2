package dev.haneul.wafv2.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The request counts of one rate-based rule, per aggregation key, over its trailing evaluation
 * window. Each key has a ring of 10-second buckets (AWS re-evaluates rates about every 10 s); a
 * request adds to its bucket with one atomic increment, so the event loops never lock. Idle keys
 * are swept, amortized, by the requests themselves.
 */
final class RateCounters {

    static final long BUCKET_MILLIS = 10_000;
    private static final int SWEEP_EVERY = 4096;
    /** AWS rate-limits at most 10,000 keys per rule; counting more than this many is pointless. */
    private static final int MAX_KEYS = 100_000;

    private final long windowMillis;
    private final int slots;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);

    RateCounters(int windowSeconds) {
        this.windowMillis = windowSeconds * 1000L;
        this.slots = (int) (windowMillis / BUCKET_MILLIS) + 1;
    }

    /** Counts a request of {@code key} at {@code now}; returns the count over the window, this one included. */
    long add(String key, long now) {
        if (untilSweep.decrementAndGet() <= 0) {
            untilSweep.set(SWEEP_EVERY);
            sweep(now);
        }
        Window w = windows.get(key);
        if (w == null) {
            if (windows.size() >= MAX_KEYS) {
                sweep(now);
            }
            w = windows.computeIfAbsent(key, k -> new Window(slots));
        }
        return w.add(now / BUCKET_MILLIS, windowMillis / BUCKET_MILLIS);
    }

    /** The keys whose count over the window exceeds {@code limit}. */
    List<String> over(long limit, long now) {
        List<String> out = new ArrayList<>();
        long bucket = now / BUCKET_MILLIS;
        windows.forEach((k, w) -> {
            if (w.sum(bucket, windowMillis / BUCKET_MILLIS) > limit) {
                out.add(k);
            }
        });
        return out;
    }

    private void sweep(long now) {
        long bucket = now / BUCKET_MILLIS;
        windows.entrySet().removeIf(e -> e.getValue().sum(bucket, windowMillis / BUCKET_MILLIS) == 0);
    }

    int keys() {
        return windows.size();
    }

    /** A ring of buckets: counts and the bucket number each holds. */
    private static final class Window {
        private final AtomicLongArray counts;
        private final AtomicLongArray stamps;

        Window(int slots) {
            counts = new AtomicLongArray(slots);
            stamps = new AtomicLongArray(slots);
        }

        long add(long bucket, long span) {
            int i = (int) (bucket % counts.length());
            long stamp = stamps.get(i);
            if (stamp != bucket && stamps.compareAndSet(i, stamp, bucket)) {
                counts.set(i, 0);
            }
            counts.incrementAndGet(i);
            return sum(bucket, span);
        }

        long sum(long bucket, long span) {
            long total = 0;
            for (int i = 0; i < counts.length(); i++) {
                long stamp = stamps.get(i);
                if (stamp <= bucket && stamp >= bucket - span) {
                    total += counts.get(i);
                }
            }
            return total;
        }
    }
}

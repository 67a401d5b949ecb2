package dev.haneul.lab;

import dev.haneul.lab.report.Chart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Events by series with their times, turned into rates per time bucket for a line chart. */
final class Timeline {

    private final Map<String, ConcurrentLinkedQueue<Long>> events = new ConcurrentHashMap<>();

    /** One event of {@code series}, now. */
    void record(String series) {
        events.computeIfAbsent(series, s -> new ConcurrentLinkedQueue<>()).add(System.nanoTime());
    }

    Set<String> series() {
        return new TreeSet<>(events.keySet());
    }

    /**
     * The end of the longest pause between consecutive events (of all series) that begins at or after
     * {@code nanos} and ends within {@code windowNanos} of it: the first event after an outage that
     * started at {@code nanos}. Events acknowledged in flight just after {@code nanos} (sent before
     * it) do not end the outage; the pause does. {@link Long#MAX_VALUE} when nothing followed.
     */
    long endOfLongestPauseAfter(long nanos, long windowNanos) {
        List<Long> times = new ArrayList<>();
        for (ConcurrentLinkedQueue<Long> series : events.values()) {
            times.addAll(series);
        }
        times.sort(null);
        long previous = nanos;
        long longest = -1;
        long end = Long.MAX_VALUE;
        for (long t : times) {
            if (t <= nanos) {
                continue;
            }
            if (t > nanos + windowNanos) {
                break;
            }
            if (t - previous > longest) {
                longest = t - previous;
                end = t;
            }
            previous = t;
        }
        return end;
    }

    /**
     * Events per second of one series in buckets of {@code bucketSeconds}, x in seconds since
     * {@code zeroNanos} (negative before it), from {@code fromSeconds} to {@code toSeconds}; empty
     * buckets count as 0.
     */
    Chart.Series rate(String series, String label, long zeroNanos, double bucketSeconds, double fromSeconds,
                      double toSeconds) {
        int buckets = (int) Math.ceil((toSeconds - fromSeconds) / bucketSeconds);
        long[] counts = new long[Math.max(buckets, 1)];
        for (long t : events.getOrDefault(series, new ConcurrentLinkedQueue<>())) {
            double x = (t - zeroNanos) / 1e9;
            int b = (int) Math.floor((x - fromSeconds) / bucketSeconds);
            if (b >= 0 && b < counts.length) {
                counts[b]++;
            }
        }
        List<Chart.Point> points = new ArrayList<>();
        for (int b = 0; b < counts.length; b++) {
            points.add(new Chart.Point(fromSeconds + (b + 0.5) * bucketSeconds, counts[b] / bucketSeconds));
        }
        return new Chart.Series(label, points);
    }
}

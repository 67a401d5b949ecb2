package dev.haneul.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The last {@code capacity} authorization decisions, in memory, oldest overwritten first. Writers
 * are every request thread, so a record costs one short lock; readers copy what they want.
 */
public final class DecisionLog {

    private static final DecisionLog DISABLED = new DecisionLog(0);

    private final DecisionRecord[] ring;
    private long written;

    private DecisionLog(int capacity) {
        this.ring = new DecisionRecord[capacity];
    }

    /** A log keeping the last {@code capacity} decisions. */
    public static DecisionLog withCapacity(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        return new DecisionLog(capacity);
    }

    /** A log that keeps nothing. */
    public static DecisionLog disabled() {
        return DISABLED;
    }

    public boolean enabled() {
        return ring.length > 0;
    }

    public int capacity() {
        return ring.length;
    }

    public synchronized void record(DecisionRecord decision) {
        if (ring.length == 0) {
            return;
        }
        ring[(int) (written % ring.length)] = decision;
        written++;
    }

    /** How many decisions were ever recorded (kept or overwritten). */
    public synchronized long written() {
        return written;
    }

    /** The kept decisions that satisfy {@code filter}, newest first, at most {@code limit}. */
    public synchronized List<DecisionRecord> query(Predicate<DecisionRecord> filter, int limit) {
        List<DecisionRecord> out = new ArrayList<>();
        long kept = Math.min(written, ring.length);
        for (long i = 0; i < kept && out.size() < limit; i++) {
            DecisionRecord record = ring[(int) ((written - 1 - i) % ring.length)];
            if (filter.test(record)) {
                out.add(record);
            }
        }
        return out;
    }

    /** The newest {@code limit} decisions. */
    public List<DecisionRecord> recent(int limit) {
        return query(r -> true, limit);
    }
}

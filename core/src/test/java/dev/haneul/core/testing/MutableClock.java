package dev.haneul.core.testing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that tests move by hand, so that what depends on time (health-check intervals, cookie
 * durations, drains) happens when the test says instead of after a sleep. Thread-safe; it never
 * moves by itself.
 */
public final class MutableClock extends Clock {

    private final AtomicLong millis;
    private final ZoneId zone;

    private MutableClock(AtomicLong millis, ZoneId zone) {
        this.millis = millis;
        this.zone = zone;
    }

    /** A clock standing at {@code start}. */
    public static MutableClock at(Instant start) {
        return new MutableClock(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
    }

    /** A clock standing at the current time. */
    public static MutableClock now() {
        return at(Instant.now());
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public void advance(Duration duration) {
        millis.addAndGet(requireNonNull(duration, "duration").toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(millis, newZone);
    }
}

package dev.haneul.core.resource;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The events of one service and scope, oldest first, kept as AWS keeps them: for
 * {@link #RETENTION} (14 days for RDS and ElastiCache), and here also at most
 * {@link #MAX_EVENTS}, so a flapping resource cannot grow a state file without bound.
 *
 * <p>Stateless helpers over the list a service's state holds (a plain {@code List} serialises
 * into the state file as it is).
 */
public final class EventLog {

    /** How long events stay listed. */
    public static final Duration RETENTION = Duration.ofDays(14);
    /** The most events kept per scope; the oldest go first. */
    public static final int MAX_EVENTS = 10_000;
    /** The window {@code DescribeEvents} lists when the request gives no time. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private EventLog() {}

    /** {@code events} with {@code event} appended and the expired or surplus oldest removed. */
    public static List<ResourceEvent> append(List<ResourceEvent> events, ResourceEvent event) {
        requireNonNull(event, "event");
        Instant oldest = event.date().minus(RETENTION);
        List<ResourceEvent> out = new ArrayList<>(events.size() + 1);
        for (ResourceEvent e : events) {
            if (!e.date().isBefore(oldest)) {
                out.add(e);
            }
        }
        out.add(event);
        return out.size() > MAX_EVENTS ? new ArrayList<>(out.subList(out.size() - MAX_EVENTS, out.size())) : out;
    }

    /**
     * What a {@code DescribeEvents} request selects.
     *
     * @param start {@code StartTime}; when absent: {@code end} minus {@code duration}, or the
     *     beginning of the log when only {@code EndTime} is given
     * @param duration {@code Duration} in minutes
     * @param categories any of them matches; empty selects all
     */
    public record Query(@Nullable Instant start, @Nullable Instant end, @Nullable Integer duration,
                        @Nullable String sourceType, @Nullable String sourceIdentifier, List<String> categories) {
        public Query {
            categories = List.copyOf(categories == null ? List.of() : categories);
        }
    }

    /** The events {@code query} selects at {@code now}, oldest first. */
    public static List<ResourceEvent> select(List<ResourceEvent> events, Query query, Instant now) {
        Instant end = query.end() != null ? query.end() : now;
        Instant start;
        if (query.start() != null) {
            start = query.start();
        } else if (query.end() != null && query.duration() == null) {
            start = Instant.EPOCH;
        } else {
            start = end.minus(query.duration() != null ? Duration.ofMinutes(query.duration()) : DEFAULT_WINDOW);
        }
        List<ResourceEvent> out = new ArrayList<>();
        for (ResourceEvent e : events) {
            if (e.date().isBefore(start) || e.date().isAfter(end)) {
                continue;
            }
            if (query.sourceType() != null && !e.sourceType().equals(query.sourceType())) {
                continue;
            }
            if (query.sourceIdentifier() != null && !e.sourceIdentifier().equals(query.sourceIdentifier())) {
                continue;
            }
            if (!query.categories().isEmpty() && e.categories().stream().noneMatch(query.categories()::contains)) {
                continue;
            }
            out.add(e);
        }
        return out;
    }
}

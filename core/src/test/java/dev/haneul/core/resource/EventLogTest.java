package dev.haneul.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void appendDropsWhatIsOlderThanTheRetention() {
        List<ResourceEvent> events = new ArrayList<>();
        events = EventLog.append(events, event("c1", "db-cluster", NOW.minus(Duration.ofDays(15))));
        events = EventLog.append(events, event("c1", "db-cluster", NOW.minus(Duration.ofDays(13))));
        events = EventLog.append(events, event("i1", "db-instance", NOW));
        assertThat(events).extracting(ResourceEvent::date)
                .containsExactly(NOW.minus(Duration.ofDays(13)), NOW);
    }

    @Test
    void selectsByWindowSourceAndCategory() {
        List<ResourceEvent> events = List.of(
                event("c1", "db-cluster", NOW.minus(Duration.ofMinutes(90))),
                new ResourceEvent("c1", "db-cluster", "failover", List.of("failover"), NOW.minus(Duration.ofMinutes(30)), null),
                event("i1", "db-instance", NOW.minus(Duration.ofMinutes(10))));
        assertThat(EventLog.select(events, query(null, null, null, null, null), NOW)).hasSize(2);
        assertThat(EventLog.select(events, query(null, null, 120, null, null), NOW)).hasSize(3);
        assertThat(EventLog.select(events, query(null, NOW.minus(Duration.ofMinutes(60)), null, null, null), NOW))
                .hasSize(1);
        assertThat(EventLog.select(events, query(null, null, 120, "db-cluster", "c1"), NOW)).hasSize(2);
        assertThat(EventLog.select(events, new EventLog.Query(null, null, 120, null, null, List.of("failover")), NOW))
                .extracting(ResourceEvent::message).containsExactly("failover");
        assertThat(EventLog.select(events, query(NOW.minus(Duration.ofMinutes(20)), NOW, null, null, null), NOW))
                .hasSize(1);
    }

    private static EventLog.Query query(Instant start, Instant end, Integer duration, String type, String id) {
        return new EventLog.Query(start, end, duration, type, id, List.of());
    }

    private static ResourceEvent event(String id, String type, Instant at) {
        return new ResourceEvent(id, type, "something at " + at, List.of(), at, null);
    }
}

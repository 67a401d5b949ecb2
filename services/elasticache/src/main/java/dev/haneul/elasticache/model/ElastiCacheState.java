package dev.haneul.elasticache.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account and region's ElastiCache resources, as persisted: replication groups and
 * stand-alone cache clusters by id, recent events (oldest first), and tags by resource ARN. The
 * containers are mutable, only ever changed inside {@code ScopedStore.write}; the records in
 * them are immutable and replaced whole.
 */
public record ElastiCacheState(Map<String, ReplicationGroupRecord> replicationGroups,
                               Map<String, CacheClusterRecord> cacheClusters,
                               List<EventRecord> events,
                               Map<String, Map<String, String>> tags) {

    /** Events kept per account and region; older ones are dropped (AWS keeps 14 days). */
    public static final int MAX_EVENTS = 2000;

    public ElastiCacheState {
        replicationGroups = replicationGroups == null ? new LinkedHashMap<>() : replicationGroups;
        cacheClusters = cacheClusters == null ? new LinkedHashMap<>() : cacheClusters;
        events = events == null ? new ArrayList<>() : events;
        tags = tags == null ? new LinkedHashMap<>() : tags;
    }

    public static ElastiCacheState empty() {
        return new ElastiCacheState(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new LinkedHashMap<>());
    }

    /** Appends an event, dropping the oldest beyond {@link #MAX_EVENTS}. */
    public void addEvent(EventRecord event) {
        events.add(event);
        if (events.size() > MAX_EVENTS) {
            events.subList(0, events.size() - MAX_EVENTS).clear();
        }
    }

    /** Whether a cache cluster id is taken, by a stand-alone cluster or a group member. */
    public boolean cacheClusterIdTaken(String id) {
        return cacheClusters.containsKey(id)
                || replicationGroups.values().stream().anyMatch(g -> g.member(id).isPresent());
    }
}

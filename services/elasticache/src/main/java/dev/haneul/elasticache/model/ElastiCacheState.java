package dev.haneul.elasticache.model;

import dev.haneul.core.resource.EventLog;
import dev.haneul.core.resource.ResourceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One account and region's ElastiCache resources, as persisted: replication groups and
 * stand-alone cache clusters by id, recent events (oldest first, as {@link EventLog} keeps them),
 * and tags by resource ARN. The containers are mutable, only ever changed inside
 * {@code ScopedStore.write}; the records in them are immutable and replaced whole.
 */
public record ElastiCacheState(Map<String, ReplicationGroupRecord> replicationGroups,
                               Map<String, CacheClusterRecord> cacheClusters,
                               List<ResourceEvent> events,
                               Map<String, Map<String, String>> tags) {

    public ElastiCacheState(@Nullable Map<String, ReplicationGroupRecord> replicationGroups,
                            @Nullable Map<String, CacheClusterRecord> cacheClusters,
                            @Nullable List<ResourceEvent> events,
                            @Nullable Map<String, Map<String, String>> tags) {
        this.replicationGroups = replicationGroups == null ? new LinkedHashMap<>() : replicationGroups;
        this.cacheClusters = cacheClusters == null ? new LinkedHashMap<>() : cacheClusters;
        this.events = events == null ? new ArrayList<>() : new ArrayList<>(events);
        this.tags = tags == null ? new LinkedHashMap<>() : tags;
    }

    public static ElastiCacheState empty() {
        return new ElastiCacheState(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new LinkedHashMap<>());
    }

    /** Appends an event, dropping the expired and surplus oldest ({@link EventLog}). */
    public void addEvent(ResourceEvent event) {
        List<ResourceEvent> kept = EventLog.append(events, event);
        events.clear();
        events.addAll(kept);
    }

    /** Whether a cache cluster id is taken, by a stand-alone cluster or a group member. */
    public boolean cacheClusterIdTaken(String id) {
        return cacheClusters.containsKey(id)
                || replicationGroups.values().stream().anyMatch(g -> g.member(id).isPresent());
    }
}

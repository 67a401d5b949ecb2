package dev.haneul.elasticache.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.resource.ResourceEvent;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.elasticache.model.CacheClusterRecord;
import dev.haneul.elasticache.model.ElastiCacheState;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The ElastiCache state of every account and region, and the lookups and changes the resource
 * families share: a resource or its {@code NotFound} fault, a record replaced whole, an event
 * appended.
 */
final class CacheStore {

    private final ScopedStore<ElastiCacheState> store;
    private final ServiceErrors errors;
    private final Clock clock;

    CacheStore(ScopedStore<ElastiCacheState> store, ServiceErrors errors, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.errors = requireNonNull(errors, "errors");
        this.clock = requireNonNull(clock, "clock");
    }

    Clock clock() {
        return clock;
    }

    <R> R read(Scope scope, Function<ElastiCacheState, R> reader) {
        return store.read(scope, reader);
    }

    <R> R write(Scope scope, Function<ElastiCacheState, R> mutation) {
        return store.write(scope, mutation);
    }

    /** A change with no result. */
    void update(Scope scope, Consumer<ElastiCacheState> mutation) {
        store.write(scope, state -> {
            mutation.accept(state);
            return Boolean.TRUE;
        });
    }

    void forEach(BiConsumer<Scope, ElastiCacheState> visitor) {
        store.forEach(visitor);
    }

    /** The replication group, or {@code ReplicationGroupNotFoundFault}. */
    ReplicationGroupRecord group(Scope scope, String id) {
        return store.read(scope, state -> existingGroup(state, id));
    }

    ReplicationGroupRecord existingGroup(ElastiCacheState state, String id) {
        ReplicationGroupRecord group = state.replicationGroups().get(id);
        if (group == null) {
            throw errors.error("ReplicationGroupNotFoundFault", "Replication group %s not found.", id);
        }
        return group;
    }

    /** The stand-alone cache cluster, or {@code CacheClusterNotFoundFault}. */
    CacheClusterRecord cluster(Scope scope, String id) {
        return store.read(scope, state -> existingCluster(state, id));
    }

    CacheClusterRecord existingCluster(ElastiCacheState state, String id) {
        CacheClusterRecord cluster = state.cacheClusters().get(id);
        if (cluster == null) {
            throw errors.error("CacheClusterNotFoundFault", "CacheCluster not found: %s", id);
        }
        return cluster;
    }

    /** The group after {@code change}; empty (and nothing changed) when it is gone. */
    Optional<ReplicationGroupRecord> updateGroup(Scope scope, String id, UnaryOperator<ReplicationGroupRecord> change) {
        return store.write(scope, state -> {
            ReplicationGroupRecord group = state.replicationGroups().get(id);
            if (group == null) {
                return Optional.<ReplicationGroupRecord>empty();
            }
            ReplicationGroupRecord next = change.apply(group);
            state.replicationGroups().put(id, next);
            return Optional.of(next);
        });
    }

    /** Replaces the cluster by {@code change}'s answer; nothing when it is gone. */
    void updateCluster(Scope scope, String id, UnaryOperator<CacheClusterRecord> change) {
        update(scope, state -> {
            CacheClusterRecord cluster = state.cacheClusters().get(id);
            if (cluster != null) {
                state.cacheClusters().put(id, change.apply(cluster));
            }
        });
    }

    /** Records an event users see in {@code DescribeEvents}. */
    void event(Scope scope, String sourceType, String sourceId, String message) {
        ResourceEvent event = new ResourceEvent(sourceId, sourceType, message, List.of(), clock.instant(), null);
        update(scope, state -> state.addEvent(event));
    }
}

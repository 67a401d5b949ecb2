package dev.haneul.rds.engine;

import dev.haneul.core.resource.ResourceEvent;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.RdsEvents;
import dev.haneul.rds.model.RdsState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One cluster's records in the store, as the engine side reads and writes them: the desired state
 * the API wrote (the cluster, its instances, its custom endpoints, with their transitional
 * statuses), the settled statuses the engine side records, and the events it adds.
 *
 * <p>Every read and write is one step under the store's own lock; callers may hold the cluster's
 * lock ({@link ClusterTasks}) while calling in (lock order: cluster, then store), never the reverse.
 */
final class ClusterRecords {

    private final String clusterId;
    private final Scope scope;
    private final ScopedStore<RdsState> store;
    private final Clock clock;

    ClusterRecords(String clusterId, Scope scope, ScopedStore<RdsState> store, Clock clock) {
        this.clusterId = clusterId;
        this.scope = scope;
        this.store = store;
        this.clock = clock;
    }

    Scope scope() {
        return scope;
    }

    Optional<DbCluster> cluster() {
        return read(s -> s.cluster(clusterId));
    }

    Optional<DbInstance> instance(String id) {
        return read(s -> s.instance(id).filter(i -> i.clusterIdentifier().equals(clusterId)));
    }

    List<DbInstance> instances() {
        return read(s -> s.instancesOf(clusterId));
    }

    Optional<CustomEndpoint> endpoint(String endpointId) {
        return read(s -> s.endpoint(endpointId));
    }

    List<CustomEndpoint> endpoints() {
        return read(s -> s.endpointsOf(clusterId));
    }

    <R extends @Nullable Object> R read(Function<RdsState, R> reader) {
        return store.read(scope, reader);
    }

    /** One write of several records at once. */
    <R extends @Nullable Object> R write(Function<RdsState, R> writer) {
        return store.write(scope, writer);
    }

    void updateCluster(UnaryOperator<DbCluster> change) {
        store.write(scope, s -> {
            s.cluster(clusterId).ifPresent(c -> s.put(change.apply(c)));
            return null;
        });
    }

    void updateInstance(String id, UnaryOperator<DbInstance> change) {
        store.write(scope, s -> {
            s.instance(id).ifPresent(i -> s.put(change.apply(i)));
            return null;
        });
    }

    void updateEndpoint(String id, UnaryOperator<CustomEndpoint> change) {
        store.write(scope, s -> {
            s.endpoint(id).ifPresent(e -> s.put(change.apply(e)));
            return null;
        });
    }

    void removeEndpoint(String id) {
        store.write(scope, s -> {
            s.removeEndpoint(id);
            return null;
        });
    }

    void clusterEvent(String message, String category) {
        store.write(scope, s -> {
            s.add(RdsEvents.cluster(scope, clusterId, message, category, clock.instant()));
            return null;
        });
    }

    void instanceEvent(String instanceId, String message, String category) {
        store.write(scope, s -> {
            s.add(RdsEvents.instance(scope, instanceId, message, category, clock.instant()));
            return null;
        });
    }

    /** An event record, for a write that adds it with other changes. */
    ResourceEvent clusterEventRecord(String message, String category) {
        return RdsEvents.cluster(scope, clusterId, message, category, clock.instant());
    }

    ResourceEvent instanceEventRecord(String instanceId, String message, String category) {
        return RdsEvents.instance(scope, instanceId, message, category, clock.instant());
    }
}

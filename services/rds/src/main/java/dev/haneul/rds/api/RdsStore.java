package dev.haneul.rds.api;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.rds.model.Arns;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.RdsState;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The RDS state of every account and region, as the API reads and changes it: the
 * {@link ScopedStore} and the lookups that answer RDS's not-found errors.
 */
final class RdsStore {

    private final ScopedStore<RdsState> store;

    RdsStore(ScopedStore<RdsState> store) {
        this.store = store;
    }

    /** The account and region a request acts in. */
    static Scope scope(RequestContext context) {
        return new Scope(context.accountId(), context.region());
    }

    ScopedStore<RdsState> scoped() {
        return store;
    }

    <R> R read(Scope scope, Function<RdsState, R> reader) {
        return store.read(scope, reader);
    }

    /** Changes the state of {@code scope}; persisted before it returns, nothing changed when {@code change} throws. */
    <R> R write(Scope scope, Function<RdsState, R> change) {
        return store.write(scope, change);
    }

    /** Changes the state of {@code scope} with nothing to return. */
    void update(Scope scope, Consumer<RdsState> change) {
        store.write(scope, state -> {
            change.accept(state);
            return Boolean.TRUE;
        });
    }

    DbCluster cluster(Scope scope, String id) {
        return store.read(scope, s -> s.cluster(id)).orElseThrow(() -> RdsErrors.clusterNotFound(id));
    }

    DbInstance instance(Scope scope, String id) {
        return store.read(scope, s -> s.instance(id)).orElseThrow(() -> RdsErrors.instanceNotFound(id));
    }

    List<DbInstance> instancesOf(Scope scope, String clusterId) {
        return store.read(scope, s -> s.instancesOf(clusterId));
    }

    List<CustomEndpoint> endpointsOf(Scope scope, String clusterId) {
        return store.read(scope, s -> s.endpointsOf(clusterId));
    }

    static DbCluster cluster(RdsState state, String id) {
        return state.cluster(id).orElseThrow(() -> RdsErrors.clusterNotFound(id));
    }

    static DbInstance instance(RdsState state, String id) {
        return state.instance(id).orElseThrow(() -> RdsErrors.instanceNotFound(id));
    }

    static CustomEndpoint endpoint(RdsState state, String id) {
        return state.endpoint(id).orElseThrow(() -> RdsErrors.endpointNotFound(id));
    }

    /** An identifier or ARN of a cluster, as Describe/Modify accept. */
    static String clusterIdentifier(Scope scope, String value) {
        return Arns.parse(value).filter(p -> p.type().equals(Arns.CLUSTER) && p.scope().equals(scope))
                .map(p -> RdsValidation.lookup(p.id())).orElseGet(() -> RdsValidation.lookup(value));
    }

    /** An identifier or ARN of a DB instance. */
    static String instanceIdentifier(Scope scope, String value) {
        return Arns.parse(value).filter(p -> p.type().equals(Arns.INSTANCE) && p.scope().equals(scope))
                .map(p -> RdsValidation.lookup(p.id())).orElseGet(() -> RdsValidation.lookup(value));
    }
}

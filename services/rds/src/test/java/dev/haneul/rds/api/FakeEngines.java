package dev.haneul.rds.api;

import dev.haneul.core.net.Endpoint;
import dev.haneul.core.state.Scope;
import dev.haneul.rds.engine.ClusterChange;
import dev.haneul.rds.engine.ClusterControl;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.EndpointStatus;
import dev.haneul.rds.model.InstanceStatus;
import dev.haneul.rds.model.RdsState;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An engine side without engines, for fast tests of the API's rules: it records every change it
 * is handed and, while {@link #settle} is on, converges at once (what the real runtime does in the
 * background after starting engines), so a test sees either the transitional or the settled state.
 */
final class FakeEngines implements ClusterEngines {

    private final RdsStore store;
    private final Map<String, Control> controls = new ConcurrentHashMap<>();
    final List<ClusterChange> changes = new ArrayList<>();
    /** Whether changes settle at once; off, the state stays as the API left it. */
    boolean settle = true;
    /** When set, opening a cluster's endpoints fails with it. */
    BindException bindFailure;

    FakeEngines(RdsStore store) {
        this.store = store;
    }

    @Override
    public ClusterControl open(Scope scope, String clusterId) throws BindException {
        if (bindFailure != null) {
            throw bindFailure;
        }
        Control control = new Control(scope, clusterId);
        controls.put(scope + "/" + clusterId, control);
        return control;
    }

    @Override
    public ClusterControl control(Scope scope, String clusterId) {
        return find(scope, clusterId).orElseThrow();
    }

    @Override
    public Optional<ClusterControl> find(Scope scope, String clusterId) {
        return Optional.ofNullable(controls.get(scope + "/" + clusterId));
    }

    @Override
    public Optional<Endpoint> address(Scope scope, String clusterId, String endpointName) {
        return Optional.of(new Endpoint("127.0.0.1", 3306));
    }

    @Override
    public void reserveAddress(Scope scope, String clusterId, String endpointName, int port) {}

    @Override
    public void claimEngineDir(Scope scope, String instanceId) {}

    private final class Control implements ClusterControl {
        private final Scope scope;
        private final String clusterId;

        Control(Scope scope, String clusterId) {
            this.scope = scope;
            this.clusterId = clusterId;
        }

        @Override
        public void apply(ClusterChange change) {
            changes.add(change);
            if (settle) {
                store.write(scope, state -> {
                    converge(state, change);
                    return null;
                });
            }
        }

        private void converge(RdsState state, ClusterChange change) {
            DbCluster cluster = state.cluster(clusterId).orElseThrow();
            switch (change) {
                case ClusterChange.ClusterCreated c -> state.put(cluster.withStatus(ClusterStatus.AVAILABLE));
                case ClusterChange.MasterPasswordChanged c -> state.put(cluster.withStatus(ClusterStatus.AVAILABLE));
                case ClusterChange.ClusterDeleted c -> {
                    state.endpointsOf(clusterId).forEach(e -> state.removeEndpoint(e.identifier()));
                    state.removeCluster(clusterId);
                }
                case ClusterChange.ClusterStopped c -> {
                    state.instancesOf(clusterId).forEach(i -> state.put(i.withStatus(InstanceStatus.STOPPED)));
                    state.put(cluster.withStatus(ClusterStatus.STOPPED));
                }
                case ClusterChange.ClusterStarted c -> {
                    state.instancesOf(clusterId).forEach(i -> state.put(i.withStatus(InstanceStatus.AVAILABLE)));
                    state.put(cluster.withStatus(ClusterStatus.AVAILABLE));
                }
                case ClusterChange.FailoverRequested f -> {
                    String next = f.target() != null ? f.target() : state.instancesOf(clusterId).stream()
                            .map(DbInstance::identifier).filter(id -> !id.equals(cluster.writer())).findFirst()
                            .orElse(cluster.writer());
                    state.instancesOf(clusterId).forEach(i -> state.put(i.withStatus(InstanceStatus.AVAILABLE)));
                    state.put(cluster.withWriter(next).withStatus(ClusterStatus.AVAILABLE));
                }
                case ClusterChange.InstanceCreated i ->
                        state.put(state.instance(i.instanceId()).orElseThrow().withStatus(InstanceStatus.AVAILABLE));
                case ClusterChange.InstanceRebooted i ->
                        state.put(state.instance(i.instanceId()).orElseThrow().withStatus(InstanceStatus.AVAILABLE));
                case ClusterChange.InstanceDeleted i -> {
                    state.removeInstance(i.instanceId());
                    for (CustomEndpoint e : state.endpointsOf(clusterId)) {
                        state.put(e.without(i.instanceId()));
                    }
                    if (cluster.writer().equals(i.instanceId())) {
                        List<DbInstance> rest = state.instancesOf(clusterId);
                        state.put(cluster.withWriter(rest.isEmpty() ? "" : rest.getFirst().identifier()));
                    }
                }
                case ClusterChange.EndpointCreated e ->
                        state.put(state.endpoint(e.endpointId()).orElseThrow().withStatus(EndpointStatus.AVAILABLE));
                case ClusterChange.EndpointModified e ->
                        state.put(state.endpoint(e.endpointId()).orElseThrow().withStatus(EndpointStatus.AVAILABLE));
                case ClusterChange.EndpointDeleted e -> state.removeEndpoint(e.endpointId());
            }
        }

        @Override
        public ClusterStatus shownStatus(DbCluster cluster) {
            return cluster.status();
        }

        @Override
        public InstanceStatus shownStatus(DbInstance instance) {
            return instance.status();
        }
    }
}

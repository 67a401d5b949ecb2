package dev.haneul.rds.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.EndpointTraffic;
import dev.haneul.core.api.EndpointView;
import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.rds.endpoint.ClusterEndpoints;
import dev.haneul.rds.engine.ClusterControl;
import dev.haneul.rds.engine.ClusterRuntime;
import dev.haneul.rds.engine.EngineHost;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.RdsState;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real engine side: one {@link ClusterRuntime} per cluster, made with the server's
 * environment (engines, addresses, event loops), and what the server asks of all of them
 * together: bringing them back at start, health, endpoint views and traffic, closing.
 */
final class ClusterRuntimes implements ClusterEngines, AutoCloseable {

    private final ServiceEnvironment environment;
    private final ScopedStore<RdsState> store;
    private final EngineHost host;
    private final Map<String, ClusterRuntime> runtimes = new ConcurrentHashMap<>();

    ClusterRuntimes(ServiceEnvironment environment, ScopedStore<RdsState> store) {
        this.environment = requireNonNull(environment, "environment");
        this.store = requireNonNull(store, "store");
        this.host = new EngineHost(environment.supervisor(), environment.engines());
    }

    @Override
    public ClusterControl open(Scope scope, String clusterId) throws BindException {
        ClusterRuntime runtime = newRuntime(scope, clusterId);
        try {
            runtime.openBuiltInEndpoints();
            return runtime;
        } catch (BindException | RuntimeException e) {
            runtime.close();
            runtimes.remove(key(scope, clusterId));
            environment.addresses().release(resourceKey(scope, clusterId));
            throw e;
        }
    }

    @Override
    public ClusterControl control(Scope scope, String clusterId) {
        ClusterRuntime runtime = runtimes.get(key(scope, clusterId));
        if (runtime == null) {
            throw CommonErrors.internalFailure("DB cluster " + clusterId + " has no running engines in this server");
        }
        return runtime;
    }

    @Override
    public Optional<ClusterControl> find(Scope scope, String clusterId) {
        return Optional.ofNullable(runtimes.get(key(scope, clusterId)));
    }

    @Override
    public Optional<Endpoint> address(Scope scope, String clusterId, String endpointName) {
        return environment.addresses().find(resourceKey(scope, clusterId), endpointName);
    }

    @Override
    public void reserveAddress(Scope scope, String clusterId, String endpointName, int port) {
        environment.addresses().allocate(resourceKey(scope, clusterId), endpointName, port);
    }

    @Override
    public void claimEngineDir(Scope scope, String instanceId) {
        environment.engineDir("rds", scope, instanceId);
    }

    /** The runtime of a cluster, for tests. */
    Optional<ClusterRuntime> runtime(Scope scope, String clusterId) {
        return Optional.ofNullable(runtimes.get(key(scope, clusterId)));
    }

    /**
     * Reopens every cluster's endpoints and brings its engines back in the background (adopting
     * engines a killed Haneul left running). Engine directories are claimed here, before the
     * server sweeps unclaimed ones.
     */
    void start() {
        Map<Scope, List<DbCluster>> clusters = new LinkedHashMap<>();
        store.forEach((scope, state) -> clusters.put(scope, state.clusters()));
        clusters.forEach((scope, list) -> {
            for (DbCluster cluster : list) {
                for (DbInstance instance : store.read(scope, s -> s.instancesOf(cluster.identifier()))) {
                    environment.engineDir("rds", scope, instance.identifier());
                }
                ClusterRuntime runtime = newRuntime(scope, cluster.identifier());
                try {
                    runtime.recover();
                } catch (BindException | RuntimeException e) {
                    runtime.recoveryFailed("cannot reopen its endpoints: " + e.getMessage());
                }
            }
        });
    }

    ServiceHealth health() {
        int[] counts = new int[3];
        store.forEach((scope, state) -> {
            counts[0] += state.clusters().size();
            counts[1] += state.instances().size();
            counts[2] += state.endpoints().size();
        });
        Map<String, Integer> resources = new LinkedHashMap<>();
        resources.put("clusters", counts[0]);
        resources.put("instances", counts[1]);
        resources.put("customEndpoints", counts[2]);
        long recovering = runtimes.values().stream().filter(ClusterRuntime::recovering).count();
        List<String> unrecovered = new ArrayList<>();
        for (ClusterRuntime runtime : runtimes.values()) {
            runtime.recoveryFailure().ifPresent(reason -> unrecovered.add(
                    "cluster " + runtime.clusterId() + " could not be brought back (" + reason + ")"));
        }
        unrecovered.sort(null);
        if (!unrecovered.isEmpty()) {
            return ServiceHealth.degraded(String.join("; ", unrecovered), resources);
        }
        return recovering > 0
                ? ServiceHealth.starting(recovering + " cluster(s) bringing their engines back", resources)
                : ServiceHealth.running(resources);
    }

    List<EndpointView> endpoints() {
        List<EndpointView> views = new ArrayList<>();
        for (ClusterRuntime runtime : runtimes.values()) {
            String writer = runtime.topology().writer();
            runtime.endpointAddresses().forEach((endpointName, endpoint) -> views.add(new EndpointView(
                    "rds cluster " + runtime.clusterId(), role(endpointName, writer), endpoint.toString())));
        }
        return views;
    }

    private static String role(String endpointName, String writer) {
        if (endpointName.equals(ClusterEndpoints.CLUSTER)) {
            return "writer";
        }
        if (endpointName.equals(ClusterEndpoints.READER)) {
            return "reader";
        }
        if (endpointName.startsWith("instance/")) {
            String id = endpointName.substring("instance/".length());
            return "instance " + id + (id.equals(writer) ? " (writer)" : " (reader)");
        }
        return "custom " + endpointName.substring("custom/".length());
    }

    /** Every cluster's endpoints, their backends named by DB instance identifier. */
    List<EndpointTraffic> traffic(String service) {
        List<EndpointTraffic> traffic = new ArrayList<>();
        for (ClusterRuntime runtime : runtimes.values()) {
            Map<InetSocketAddress, String> instances = new LinkedHashMap<>();
            runtime.topology().members().values().stream().filter(m -> m.backend() != null)
                    .forEach(m -> instances.put(m.backend(), m.id()));
            Map<String, Endpoint> addresses = runtime.endpointAddresses();
            runtime.endpointStats().forEach((endpoint, stats) -> traffic.add(EndpointTraffic.tcp(service,
                    runtime.scope(), runtime.clusterId(), endpoint,
                    Optional.ofNullable(addresses.get(endpoint)).map(Endpoint::toString).orElse(""), stats,
                    instances)));
        }
        return traffic;
    }

    /** Closes every runtime at once (each stops its monitor and tasks and closes its endpoints). */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (ClusterRuntime runtime : runtimes.values()) {
            closing.add(Thread.ofVirtual().name("rds-close-" + runtime.clusterId()).start(runtime::close));
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        runtimes.clear();
    }

    private ClusterRuntime newRuntime(Scope scope, String clusterId) {
        String key = key(scope, clusterId);
        ClusterRuntime runtime = new ClusterRuntime(clusterId, scope, store, host,
                instanceId -> environment.engineDir("rds", scope, instanceId),
                environment.engineDir("rds", scope, "_volume-" + clusterId),
                environment.clock(),
                portMoved -> new ClusterEndpoints("rds/" + clusterId, environment.runtime(), environment.addresses(),
                        resourceKey(scope, clusterId), portMoved),
                () -> {
                    runtimes.remove(key);
                    environment.addresses().release(resourceKey(scope, clusterId));
                });
        runtimes.put(key, runtime);
        return runtime;
    }

    private static String key(Scope scope, String clusterId) {
        return scope + "/" + clusterId;
    }

    /** The cluster's key in the address allocator. */
    static String resourceKey(Scope scope, String clusterId) {
        return "rds/" + scope.accountId() + "/" + scope.region() + "/" + clusterId;
    }
}

package dev.haneul.elbv2.api;

import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.elbv2.dataplane.ApplyResult;
import dev.haneul.elbv2.dataplane.DataPlane;
import dev.haneul.elbv2.model.Elbv2State;
import dev.haneul.elbv2.model.LoadBalancerRecord;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Hands the whole stored state to the {@link DataPlane} as one desired config and writes back
 * what it observed: the port each listener actually listens on (the {@code Port} the API shows)
 * and, for health, the listeners that could not listen.
 */
final class DataPlaneSync {

    private final DataPlane dataPlane;
    private final Path logsDir;
    private volatile Map<String, String> bindFailures = Map.of();
    private volatile @Nullable Consumer<Set<String>> afterConverge;

    /** @param logsDir the server's logs directory; access logs go under {@code elbv2/} in it */
    DataPlaneSync(DataPlane dataPlane, Path logsDir) {
        this.dataPlane = dataPlane;
        this.logsDir = logsDir;
    }

    /** Tells {@code listener} the ARNs of the Application Load Balancers after each convergence. */
    void afterConverge(Consumer<Set<String>> listener) {
        this.afterConverge = listener;
    }

    DataPlane dataPlane() {
        return dataPlane;
    }

    /** Listener ARN → why it cannot listen, as of the last convergence. */
    Map<String, String> bindFailures() {
        return bindFailures;
    }

    /** Converges the data plane to {@code states}; the caller serialises calls (the store's write lock). */
    void converge(ScopedStore<Elbv2State> states) {
        DataPlaneMapper mapper = new DataPlaneMapper(logsDir);
        Map<String, Scope> scopeOfListener = new HashMap<>();
        Map<String, Integer> storedPorts = new HashMap<>();
        states.forEach((scope, state) -> {
            mapper.add(scope, state);
            state.listeners().values().forEach(l -> {
                scopeOfListener.put(l.arn(), scope);
                storedPorts.put(l.arn(), l.boundPort());
            });
        });
        ApplyResult result = dataPlane.apply(mapper.build());
        bindFailures = result.failures();
        Consumer<Set<String>> listener = afterConverge;
        if (listener != null) {
            Set<String> applicationLoadBalancers = new HashSet<>();
            states.forEach((scope, state) -> state.loadBalancers().values().stream()
                    .filter(LoadBalancerRecord::isApplication).forEach(lb -> applicationLoadBalancers.add(lb.arn())));
            listener.accept(applicationLoadBalancers);
        }
        Map<Scope, Map<String, Integer>> changes = new HashMap<>();
        result.boundPorts().forEach((arn, port) -> {
            Scope scope = scopeOfListener.get(arn);
            if (scope != null && !port.equals(storedPorts.get(arn))) {
                changes.computeIfAbsent(scope, s -> new HashMap<>()).put(arn, port);
            }
        });
        changes.forEach((scope, ports) -> states.write(scope, state -> {
            ports.forEach((arn, port) -> state.listeners().computeIfPresent(arn, (a, l) -> l.withBoundPort(port)));
            return true;
        }));
    }
}

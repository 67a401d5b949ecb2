package dev.haneul.elasticache.runtime;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.endpoint.CacheEndpoints;
import dev.haneul.elasticache.engine.AdminCommands;
import dev.haneul.elasticache.engine.EngineListener;
import dev.haneul.elasticache.engine.ReplicationEngine;
import dev.haneul.elasticache.engine.Topology;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CacheRuntime} on real {@code redis-server} engines ({@link ReplicationEngine}) and TCP
 * endpoints ({@link CacheEndpoints}): one {@link ResourceSlot} per resource, whose changes run on
 * virtual threads one at a time. Applying a config brings the engines up when none run (starting
 * or adopting them, after binding the endpoints), else removes and adds replicas, sets the AUTH
 * tokens and the automatic failover, and makes a planned switch, in that order.
 */
public final class EngineCacheRuntime implements CacheRuntime {

    private static final Logger log = LoggerFactory.getLogger(EngineCacheRuntime.class);

    private final String service;
    private final ServiceEnvironment environment;
    private final CacheObserver observer;
    private final Map<CacheKey, ResourceSlot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param service the service's name, for engine directories */
    public EngineCacheRuntime(String service, ServiceEnvironment environment, CacheObserver observer) {
        this.service = requireNonNull(service, "service");
        this.environment = requireNonNull(environment, "environment");
        this.observer = requireNonNull(observer, "observer");
    }

    @Override
    public void claim(CacheKey key, List<String> nodeIds) {
        nodeIds.forEach(node -> environment.engineDir(service, key.scope(), node));
    }

    @Override
    public void apply(CacheConfig desired, Consumer<Outcome> done) {
        ResourceSlot slot = slot(desired.key());
        slot.submit("apply", () -> done.accept(run(() -> reconcile(slot, desired))), () -> closed);
    }

    @Override
    public void testFailover(CacheKey key, Consumer<Outcome> done) {
        ResourceSlot slot = slot(key);
        slot.submit("test failover", () -> {
            boolean[] switched = new boolean[1];
            Outcome outcome = run(() -> switched[0] = slot.requireEngine().switchover(Optional.empty(), "TestFailover"));
            done.accept(outcome.ok() && !switched[0] ? Outcome.UNCHANGED : outcome);
        }, () -> closed);
    }

    @Override
    public void remove(CacheKey key, List<String> nodeIds, Consumer<Outcome> done) {
        ResourceSlot slot = slot(key);
        slot.submit("delete", () -> {
            Outcome outcome = run(() -> destroy(slot, nodeIds));
            if (outcome.ok()) {
                slots.remove(key);
            }
            done.accept(outcome);
        }, () -> closed);
    }

    @Override
    public List<Observed> observe() {
        List<Observed> observed = new ArrayList<>();
        for (ResourceSlot slot : slots.values()) {
            CacheEndpoints endpoints = slot.endpoints;
            ReplicationEngine engine = slot.engine;
            if (endpoints == null || engine == null) {
                continue;
            }
            Map<InetSocketAddress, String> nodes = new LinkedHashMap<>();
            ResourceSlot.backends(engine.topology()).nodes().forEach((id, backend) -> nodes.put(backend, id));
            observed.add(new Observed(slot.key, endpoints.stats(), nodes));
        }
        return observed;
    }

    /**
     * Stops every endpoint and engine; each primary first saves an RDB snapshot, which it loads
     * at the next start, so a clean stop keeps the data.
     */
    @Override
    public void close() {
        closed = true;
        // close() waits for every stop: resources stop in parallel.
        try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ResourceSlot slot : slots.values()) {
                stoppers.execute(() -> {
                    CacheEndpoints endpoints = slot.endpoints;
                    if (endpoints != null) {
                        endpoints.close();
                    }
                    ReplicationEngine engine = slot.engine;
                    if (engine != null) {
                        engine.close();
                    }
                });
            }
        }
    }

    // ---- the changes ----

    private void reconcile(ResourceSlot slot, CacheConfig desired) throws IOException, InterruptedException {
        ReplicationEngine engine = slot.engine;
        if (engine == null) {
            bringUp(slot, desired);
            return;
        }
        CacheEndpoints endpoints = slot.requireEndpoints();
        Set<String> running = engine.topology().nodes().keySet();
        List<String> removed = running.stream().filter(id -> !desired.nodeIds().contains(id)).toList();
        if (!removed.isEmpty()) {
            engine.removeReplicas(removed);
            removed.forEach(endpoints::closeNode);
        }
        List<String> added = desired.nodeIds().stream().filter(id -> !running.contains(id)).toList();
        if (!added.isEmpty()) {
            for (String node : added) {
                endpoints.openNode(node, desired.port());
            }
            engine.addReplicas(added);
        }
        if (!desired.authTokens().equals(engine.authTokens())) {
            engine.setAuthTokens(desired.authTokens());
        }
        engine.setAutomaticFailover(desired.automaticFailover());
        String target = desired.switchTo();
        if (target != null && !target.equals(engine.primaryId())) {
            engine.switchover(Optional.of(target), "ModifyReplicationGroup PrimaryClusterId");
        }
    }

    /** Binds the endpoints and starts (or adopts) the engines; at creation and at Haneul's start. */
    private void bringUp(ResourceSlot slot, CacheConfig desired) throws IOException, InterruptedException {
        CacheKey key = desired.key();
        for (String orphan : desired.discard()) {
            ReplicationEngine.deleteDirectory(environment.engineDir(service, key.scope(), orphan));
            environment.addresses().release(key.resourceKey(), orphan);
        }
        boolean group = key.kind() == CacheKey.Kind.GROUP;
        CacheEndpoints endpoints = new CacheEndpoints(environment.runtime(), environment.addresses(), key.resourceKey(),
                key.name(), group ? CacheEndpoints.PRIMARY : key.id(), moved -> observer.portMoved(key, moved));
        slot.endpoints = endpoints;
        int port = desired.port();
        if (group) {
            port = endpoints.openPrimary(port).port();
            endpoints.openReader(port);
        }
        for (String node : desired.nodeIds()) {
            endpoints.openNode(node, port);
        }
        ReplicationEngine engine = new ReplicationEngine(key.name(), key.kind().sourceType(), key.id(),
                environment.supervisor(), environment.engines(),
                nodeId -> environment.engineDir(service, key.scope(), nodeId),
                nodeId -> processName(key.scope(), nodeId), new AdminCommands(desired.adminSecret()),
                desired.authTokens(), desired.automaticFailover(), listener(slot));
        slot.engine = engine;
        engine.bringUp(desired.primaryId(), desired.replicaIds());
        endpoints.update(ResourceSlot.backends(engine.topology()));
    }

    private void destroy(ResourceSlot slot, List<String> nodeIds) throws IOException {
        CacheEndpoints endpoints = slot.endpoints;
        if (endpoints != null) {
            endpoints.close();
        }
        ReplicationEngine engine = slot.engine;
        if (engine != null) {
            engine.destroy();
        }
        for (String node : nodeIds) {
            ReplicationEngine.deleteDirectory(environment.engineDir(service, slot.key.scope(), node));
        }
        environment.addresses().release(slot.key.resourceKey());
    }

    private EngineListener listener(ResourceSlot slot) {
        return new EngineListener() {
            @Override
            public void topologyChanged(Topology topology) {
                CacheEndpoints endpoints = slot.endpoints;
                if (endpoints != null) {
                    endpoints.update(ResourceSlot.backends(topology));
                }
            }

            @Override
            public void primaryChanged(String primaryId) {
                observer.primaryChanged(slot.key, primaryId);
            }

            @Override
            public void event(String sourceType, String sourceId, String message) {
                observer.event(slot.key, sourceType, sourceId, message);
            }
        };
    }

    // ---- helpers ----

    /** A change that may fail. */
    @FunctionalInterface
    private interface Change {
        void run() throws IOException, InterruptedException;
    }

    /** Runs {@code change}; its failure (logged) becomes the outcome. */
    private static Outcome run(Change change) throws InterruptedException {
        try {
            change.run();
            return Outcome.DONE;
        } catch (IOException | RuntimeException e) {
            log.error("elasticache - a change failed", e);
            return Outcome.failed(e);
        }
    }

    private ResourceSlot slot(CacheKey key) {
        return slots.computeIfAbsent(key, ResourceSlot::new);
    }

    private String processName(Scope scope, String nodeId) {
        boolean home = scope.region().equals(environment.config().defaultRegion())
                && scope.accountId().equals(environment.config().accountId());
        return "elasticache/" + nodeId + (home ? "" : "@" + scope.accountId() + "/" + scope.region());
    }
}

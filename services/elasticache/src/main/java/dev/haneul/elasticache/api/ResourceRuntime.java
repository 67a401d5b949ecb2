package dev.haneul.elasticache.api;

import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.endpoint.CacheEndpoints;
import dev.haneul.elasticache.engine.ReplicationEngine;
import dev.haneul.elasticache.engine.Topology;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of one replication group or stand-alone cache cluster: its engines and its
 * endpoints, and the lock that runs its background work (create, modify, delete) one task at a
 * time, in the order the API accepted it.
 *
 * @param kind {@code replicationgroup} or {@code cluster}, as in its ARN
 */
final class ResourceRuntime {

    private static final Logger log = LoggerFactory.getLogger(ResourceRuntime.class);

    final Scope scope;
    final String kind;
    final String id;
    /** The allocator's key for its endpoints. */
    final String resourceKey;
    /** Log prefix: {@code elasticache/<id>}. */
    final String name;
    final ReentrantLock work = new ReentrantLock(true);
    volatile ReplicationEngine engine;
    volatile CacheEndpoints endpoints;
    volatile boolean starting;
    /** Why it could not be brought back after a Haneul restart; {@code null} when it was (or is not yet). */
    volatile String recoveryFailure;

    ResourceRuntime(Scope scope, String kind, String id) {
        this.scope = scope;
        this.kind = kind;
        this.id = id;
        this.resourceKey = resourceKey(scope, kind, id);
        this.name = "elasticache/" + id;
    }

    static String resourceKey(Scope scope, String kind, String id) {
        return "elasticache/" + scope.accountId() + "/" + scope.region() + "/" + kind + "/" + id;
    }

    /** The runtime map's key. */
    static String key(Scope scope, String kind, String id) {
        return resourceKey(scope, kind, id);
    }

    /** Work on the resource's engines or endpoints; may block. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code work} on a virtual thread once the resource's earlier work is done (the fair
     * lock keeps the order); skipped when {@code closed} says the provider is closing.
     */
    void submit(String what, Work work, BooleanSupplier closed) {
        Thread.ofVirtual().name("haneul-" + name + "-" + what).start(() -> {
            this.work.lock();
            try {
                if (closed.getAsBoolean()) {
                    return;
                }
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                log.error("{} - {} failed", name, what, e);
            } finally {
                this.work.unlock();
            }
        });
    }

    /** Where the endpoints should send connections, for the engines' {@code topology}. */
    static CacheEndpoints.Backends backends(Topology topology) {
        Optional<InetSocketAddress> primary = topology.primary().filter(n -> n.port() > 0)
                .map(n -> new InetSocketAddress(InetAddress.getLoopbackAddress(), n.port()));
        List<InetSocketAddress> replicas = topology.nodes().values().stream()
                .filter(n -> !n.primary() && n.available() && n.port() > 0)
                .map(n -> new InetSocketAddress(InetAddress.getLoopbackAddress(), n.port())).toList();
        Map<String, InetSocketAddress> nodes = new LinkedHashMap<>();
        topology.nodes().values().stream().filter(n -> n.port() > 0)
                .forEach(n -> nodes.put(n.id(), new InetSocketAddress(InetAddress.getLoopbackAddress(), n.port())));
        return new CacheEndpoints.Backends(primary, replicas, nodes);
    }
}

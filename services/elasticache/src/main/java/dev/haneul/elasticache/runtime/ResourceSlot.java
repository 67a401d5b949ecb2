package dev.haneul.elasticache.runtime;

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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of one replication group or stand-alone cache cluster: its engines and its
 * endpoints, and the lock that runs its changes one at a time, in the order they were given.
 */
final class ResourceSlot {

    private static final Logger log = LoggerFactory.getLogger(ResourceSlot.class);

    final CacheKey key;
    private final ReentrantLock work = new ReentrantLock(true);
    volatile @Nullable ReplicationEngine engine;
    volatile @Nullable CacheEndpoints endpoints;

    ResourceSlot(CacheKey key) {
        this.key = key;
    }

    /** A change of the resource's engines or endpoints; may block. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code work} on a virtual thread once the resource's earlier work is done (the fair
     * lock keeps the order); skipped when {@code closed} says the runtime is closing.
     */
    void submit(String what, Work work, BooleanSupplier closed) {
        Thread.ofVirtual().name("haneul-" + key.name() + "-" + what).start(() -> {
            this.work.lock();
            try {
                if (closed.getAsBoolean()) {
                    return;
                }
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                log.error("{} - {} failed", key.name(), what, e);
            } finally {
                this.work.unlock();
            }
        });
    }

    ReplicationEngine requireEngine() {
        ReplicationEngine running = engine;
        if (running == null) {
            throw new IllegalStateException(key.name() + " - its engines are not running");
        }
        return running;
    }

    CacheEndpoints requireEndpoints() {
        CacheEndpoints open = endpoints;
        if (open == null) {
            throw new IllegalStateException(key.name() + " - its endpoints are not open");
        }
        return open;
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

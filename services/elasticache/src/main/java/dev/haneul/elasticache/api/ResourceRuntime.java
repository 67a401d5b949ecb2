package dev.haneul.elasticache.api;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.net.EndpointMode;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.endpoint.CacheEndpoints;
import dev.haneul.elasticache.engine.ReplicationEngine;
import dev.haneul.elasticache.engine.Topology;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
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

    /**
     * Binds the endpoints {@code names} (primary, reader, node ids) on {@code port} and keeps them
     * as {@link #endpoints}. In address mode, when the port cannot be bound on the resource's
     * addresses (something holds it on 0.0.0.0), moves every endpoint of the resource to one free
     * port and returns that port.
     */
    int openEndpoints(AddressAllocator addresses, EventLoopRuntime eventLoops, int port, List<String> names)
            throws BindException {
        int current = port;
        for (int attempt = 1; ; attempt++) {
            CacheEndpoints opened = new CacheEndpoints(eventLoops, name);
            try {
                for (String endpointName : names) {
                    Endpoint at = addresses.allocate(resourceKey, endpointName, current);
                    switch (endpointName) {
                        case Shapes.PRIMARY_ENDPOINT -> opened.openPrimary(at);
                        case Shapes.READER_ENDPOINT -> opened.openReader(at);
                        default -> opened.openNode(endpointName, at);
                    }
                }
                endpoints = opened;
                return current;
            } catch (BindException e) {
                opened.close();
                if (attempt > 1 || addresses.mode() == EndpointMode.PORTS) {
                    throw e;
                }
                int free = freePort(addresses.endpoints(resourceKey).values());
                log.warn("{} - port {} cannot be bound on its endpoint addresses ({}); using port {} for all of them",
                        name, current, e.getMessage(), free);
                addresses.changePort(resourceKey, free);
                current = free;
            }
        }
    }

    private static int freePort(Collection<Endpoint> endpoints) throws BindException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new BindException("no free port: " + e.getMessage());
            }
            int candidate = port;
            if (endpoints.stream().allMatch(e -> AddressAllocator.canBind(e.host(), candidate))) {
                return candidate;
            }
        }
        throw new BindException("no port is free on every endpoint address");
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

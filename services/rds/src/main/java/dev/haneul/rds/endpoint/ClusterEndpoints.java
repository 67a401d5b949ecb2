package dev.haneul.rds.endpoint;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.net.EndpointMode;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.proxy.BackendSelector;
import dev.haneul.core.proxy.TcpProxy;
import dev.haneul.core.proxy.TcpProxyStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening endpoints of one cluster and the topology they route by.
 *
 * <p>Endpoint names: {@value #CLUSTER}, {@value #READER}, {@code custom/<id>} and
 * {@code instance/<id>}. Addresses come from the {@link AddressAllocator}, under the cluster's
 * resource key, so an endpoint keeps its address (and port) across restarts.
 *
 * <p>The port trap: in {@code ADDRESSES} mode all endpoints share the cluster's port, and a
 * program holding that port on {@code 0.0.0.0} blocks it on every loopback address. When an
 * endpoint cannot be bound, the whole cluster moves to a port that is free on all of its
 * addresses: every proxy is rebound there (dropping its connections), the allocation is updated
 * and the owner is told ({@code portMoved}), so the API returns the new {@code Port}. In
 * {@code PORTS} mode each endpoint has a port of its own and only the one that failed moves.
 *
 * <p>Not thread-safe for opening and closing: the owner serialises those. {@link #topology()},
 * {@link #endpoints()}, {@link #stats()} and the selectors are safe from any thread: the last two
 * read a copy of the open endpoints published after every change, so the dashboard never waits
 * for the cluster's lock (held for seconds during a failover).
 */
public final class ClusterEndpoints implements AutoCloseable {

    public static final String CLUSTER = "cluster";
    public static final String READER = "reader";

    private static final Logger log = LoggerFactory.getLogger(ClusterEndpoints.class);
    private static final int BIND_ATTEMPTS = 5;

    private final String name;
    private final EventLoopRuntime runtime;
    private final AddressAllocator addresses;
    private final String resourceKey;
    private final IntConsumer portMoved;
    private final AtomicReference<Topology> topology = new AtomicReference<>(Topology.EMPTY);
    private final Map<String, Open> open = new LinkedHashMap<>();
    /** A copy of {@link #open}, replaced after every change of it, for readers on other threads. */
    private volatile Map<String, Open> published = Map.of();
    private final Map<String, AtomicReference<CustomMembership>> memberships = new LinkedHashMap<>();

    private record Open(TcpProxy proxy, BackendSelector selector, Endpoint endpoint) {}

    /**
     * @param name for logs, such as {@code rds/mycluster}
     * @param resourceKey the cluster's key in the allocator
     * @param portMoved told the new port when the cluster had to move (ADDRESSES mode) or the
     *     cluster endpoint moved (PORTS mode)
     */
    public ClusterEndpoints(String name, EventLoopRuntime runtime, AddressAllocator addresses, String resourceKey,
                            IntConsumer portMoved) {
        this.name = requireNonNull(name, "name");
        this.runtime = requireNonNull(runtime, "runtime");
        this.addresses = requireNonNull(addresses, "addresses");
        this.resourceKey = requireNonNull(resourceKey, "resourceKey");
        this.portMoved = requireNonNull(portMoved, "portMoved");
    }

    public static String custom(String id) {
        return "custom/" + id;
    }

    public static String instance(String id) {
        return "instance/" + id;
    }

    /** Routes every new connection by {@code next} from now on. */
    public void publish(Topology next) {
        topology.set(requireNonNull(next, "next"));
    }

    public Topology topology() {
        return topology.get();
    }

    /** Opens the cluster (writer) endpoint on {@code port}, or where it already is. */
    public Endpoint openCluster(int port) throws BindException {
        return open(CLUSTER, EndpointSelectors.cluster(topology::get), port);
    }

    public Endpoint openReader(int port) throws BindException {
        return open(READER, EndpointSelectors.reader(topology::get), port);
    }

    public Endpoint openInstance(String id, int port) throws BindException {
        return open(instance(id), EndpointSelectors.instance(topology::get, id), port);
    }

    public Endpoint openCustom(String id, CustomMembership membership, int port) throws BindException {
        AtomicReference<CustomMembership> current = memberships.computeIfAbsent(id, k -> new AtomicReference<>());
        current.set(requireNonNull(membership, "membership"));
        return open(custom(id), EndpointSelectors.custom(topology::get, current::get), port);
    }

    /** Applies new lists or type to an open custom endpoint; connections already open stay. */
    public void updateCustom(String id, CustomMembership membership) {
        AtomicReference<CustomMembership> current = memberships.get(id);
        if (current == null) {
            throw new IllegalStateException(name + " - custom endpoint " + id + " is not open");
        }
        current.set(requireNonNull(membership, "membership"));
    }

    /** Closes one endpoint and frees its address. */
    public void close(String endpointName) {
        Open removed = open.remove(endpointName);
        publish();
        if (removed != null) {
            removed.proxy().close();
        }
        if (endpointName.startsWith("custom/")) {
            memberships.remove(endpointName.substring("custom/".length()));
        }
        addresses.release(resourceKey, endpointName);
    }

    /** The address of an open endpoint. */
    public java.util.Optional<Endpoint> endpoint(String endpointName) {
        Open o = published.get(endpointName);
        return o == null ? java.util.Optional.empty() : java.util.Optional.of(o.endpoint());
    }

    /** Every open endpoint's address, by name, in opening order. */
    public Map<String, Endpoint> endpoints() {
        Map<String, Endpoint> result = new LinkedHashMap<>();
        published.forEach((key, o) -> result.put(key, o.endpoint()));
        return result;
    }

    /** Live counters of every open endpoint, by name. */
    public Map<String, TcpProxyStats> stats() {
        Map<String, TcpProxyStats> result = new LinkedHashMap<>();
        published.forEach((key, o) -> result.put(key, o.proxy().stats()));
        return result;
    }

    /**
     * Closes every client connection, on every endpoint, that is spliced to {@code backend}: what
     * clients of an instance that restarts (a failover's old and new writer) see.
     *
     * @return how many were closed
     */
    public int dropConnectionsTo(InetSocketAddress backend) {
        int closed = 0;
        for (Open o : open.values()) {
            if (o.proxy().stats().currentConnections(backend) > 0) {
                closed += o.proxy().closeConnectionsTo(backend);
            }
        }
        return closed;
    }

    /** Closes every endpoint; their addresses stay allocated (the cluster still exists). */
    @Override
    public void close() {
        for (Open o : open.values()) {
            o.proxy().close();
        }
        open.clear();
        publish();
    }

    private void publish() {
        published = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(open));
    }

    private Endpoint open(String endpointName, BackendSelector selector, int port) throws BindException {
        Open existing = open.get(endpointName);
        if (existing != null) {
            return existing.endpoint();
        }
        BindException last = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            Endpoint endpoint = addresses.allocate(resourceKey, endpointName, port);
            try {
                open.put(endpointName, new Open(start(endpointName, endpoint, selector), selector, endpoint));
                publish();
                return endpoint;
            } catch (BindException e) {
                last = e;
                port = move(endpointName, endpoint, e);
            }
        }
        throw last;
    }

    private TcpProxy start(String endpointName, Endpoint endpoint, BackendSelector selector) throws BindException {
        return TcpProxy.builder(runtime)
                .name(name + "/" + endpointName)
                .bindAddress(endpoint.host(), endpoint.port())
                .backendSelector(selector)
                .start();
    }

    /** Finds a new port after {@code failed} could not be bound; returns it. */
    private int move(String endpointName, Endpoint failed, BindException cause) throws BindException {
        if (addresses.mode() == EndpointMode.PORTS) {
            int port = freePort("127.0.0.1");
            addresses.release(resourceKey, endpointName);
            log.warn("{} - cannot listen on {} ({}); endpoint {} moves to port {}", name, failed, cause.getMessage(),
                    endpointName, port);
            if (endpointName.equals(CLUSTER)) {
                portMoved.accept(port);
            }
            return port;
        }
        int port = portFreeOnAll(failed.host());
        log.warn("{} - cannot listen on {} ({}); the whole cluster moves to port {}", name, failed,
                cause.getMessage(), port);
        addresses.changePort(resourceKey, port);
        Map<String, Open> rebound = new LinkedHashMap<>();
        for (Map.Entry<String, Open> entry : open.entrySet()) {
            entry.getValue().proxy().close();
            Endpoint moved = new Endpoint(entry.getValue().endpoint().host(), port);
            rebound.put(entry.getKey(), new Open(start(entry.getKey(), moved, entry.getValue().selector()),
                    entry.getValue().selector(), moved));
        }
        open.putAll(rebound);
        publish();
        portMoved.accept(port);
        return port;
    }

    /** A port that can be bound right now on the failed endpoint's address and every open one. */
    private int portFreeOnAll(String failedHost) throws BindException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = freePort(failedHost);
            boolean freeEverywhere = open.values().stream()
                    .allMatch(o -> AddressAllocator.canBind(o.endpoint().host(), candidate));
            if (freeEverywhere) {
                return candidate;
            }
        }
        throw new BindException(name + " - no port is free on all of the cluster's addresses");
    }

    private static int freePort(String host) throws BindException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (BindException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

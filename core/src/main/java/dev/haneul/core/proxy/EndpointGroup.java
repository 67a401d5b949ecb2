package dev.haneul.core.proxy;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.net.EndpointMode;
import dev.haneul.core.netty.EventLoopRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening endpoints of one resource (a DB cluster, a replication group…): named
 * {@link TcpProxy}s, each on an address the {@link AddressAllocator} keeps for the resource, all
 * on the resource's port, each choosing a backend per connection with its own
 * {@link BackendSelector}.
 *
 * <p>The port trap, solved once for every data plane: in {@code ADDRESSES} mode all endpoints of
 * a resource share its port, and a program holding that port on {@code 0.0.0.0} blocks it on
 * every loopback address. When an endpoint cannot be bound, the whole resource moves to a port
 * free on all of its addresses: every open proxy is rebound there (dropping its connections), the
 * allocation is updated and the owner is told ({@code portMoved}), so the API answers the new
 * port. In {@code PORTS} mode each endpoint has a port of its own and only the one that failed
 * moves; the owner hears of it when it is the endpoint named {@code primaryEndpoint}.
 *
 * <p>Opening and closing are not thread-safe: the owner serialises them. {@link #endpoints()},
 * {@link #stats()} and {@link #endpoint} are safe from any thread: they read a copy published
 * after every change, so a dashboard never waits on the owner's lock.
 */
public final class EndpointGroup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EndpointGroup.class);
    private static final int BIND_ATTEMPTS = 5;
    private static final int PORT_SEARCH_ATTEMPTS = 50;

    private final String name;
    private final EventLoopRuntime runtime;
    private final AddressAllocator addresses;
    private final String resourceKey;
    private final String primaryEndpoint;
    private final IntConsumer portMoved;
    private final Map<String, Open> open = new LinkedHashMap<>();
    /** A copy of {@link #open}, replaced after every change of it, for readers on other threads. */
    private volatile Map<String, Open> published = Map.of();

    private record Open(TcpProxy proxy, BackendSelector selector, Endpoint endpoint) {}

    /**
     * @param name for logs, such as {@code rds/board-db}
     * @param resourceKey the resource's key in the allocator
     * @param primaryEndpoint the endpoint whose port is the resource's port in {@code PORTS} mode
     * @param portMoved told the new port when the resource moved
     */
    public EndpointGroup(String name, EventLoopRuntime runtime, AddressAllocator addresses, String resourceKey,
                         String primaryEndpoint, IntConsumer portMoved) {
        this.name = requireNonNull(name, "name");
        this.runtime = requireNonNull(runtime, "runtime");
        this.addresses = requireNonNull(addresses, "addresses");
        this.resourceKey = requireNonNull(resourceKey, "resourceKey");
        this.primaryEndpoint = requireNonNull(primaryEndpoint, "primaryEndpoint");
        this.portMoved = requireNonNull(portMoved, "portMoved");
    }

    /**
     * Opens endpoint {@code endpointName} on {@code port} (or where the allocator already placed
     * it), choosing backends with {@code selector}; does nothing when it is open.
     *
     * @return where it listens
     * @throws BindException when no port could be found after several moves
     */
    public Endpoint open(String endpointName, BackendSelector selector, int port) throws BindException {
        Open existing = open.get(endpointName);
        if (existing != null) {
            return existing.endpoint();
        }
        BindException last = null;
        int candidate = port;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            Endpoint endpoint = addresses.allocate(resourceKey, endpointName, candidate);
            try {
                open.put(endpointName, new Open(start(endpointName, endpoint, selector), selector, endpoint));
                publish();
                return endpoint;
            } catch (BindException e) {
                last = e;
                candidate = move(endpointName, endpoint, e);
            }
        }
        throw requireNonNull(last);
    }

    /** Closes one endpoint and frees its address. */
    public void close(String endpointName) {
        Open removed = open.remove(endpointName);
        publish();
        if (removed != null) {
            removed.proxy().close();
        }
        addresses.release(resourceKey, endpointName);
    }

    /** Whether {@code endpointName} is open. */
    public boolean isOpen(String endpointName) {
        return published.containsKey(endpointName);
    }

    /** The address of an open endpoint. */
    public Optional<Endpoint> endpoint(String endpointName) {
        Open o = published.get(endpointName);
        return o == null ? Optional.empty() : Optional.of(o.endpoint());
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
     * Closes every client connection, on every endpoint, spliced to {@code backend}: what clients
     * of an engine that restarts or loses its role see.
     *
     * @return how many were closed
     */
    public int dropConnectionsTo(InetSocketAddress backend) {
        int closed = 0;
        for (Open o : published.values()) {
            if (o.proxy().stats().currentConnections(backend) > 0) {
                closed += o.proxy().closeConnectionsTo(backend);
            }
        }
        return closed;
    }

    /**
     * Closes the client connections of endpoint {@code endpointName} only that are spliced to
     * {@code backend}: what the clients of one role see when the engine behind it loses that role
     * (its other endpoints keep theirs).
     *
     * @return how many were closed
     */
    public int dropConnectionsTo(String endpointName, InetSocketAddress backend) {
        Open o = published.get(endpointName);
        return o == null ? 0 : o.proxy().closeConnectionsTo(backend);
    }

    /** Closes every endpoint; their addresses stay allocated (the resource still exists). */
    @Override
    public void close() {
        for (Open o : open.values()) {
            o.proxy().close();
        }
        open.clear();
        publish();
    }

    private void publish() {
        published = Collections.unmodifiableMap(new LinkedHashMap<>(open));
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
            if (endpointName.equals(primaryEndpoint)) {
                portMoved.accept(port);
            }
            return port;
        }
        int port = portFreeOnAll(failed.host());
        log.warn("{} - cannot listen on {} ({}); all of its endpoints move to port {}", name, failed,
                cause.getMessage(), port);
        addresses.changePort(resourceKey, port);
        Map<String, Open> rebound = new LinkedHashMap<>();
        for (Map.Entry<String, Open> entry : open.entrySet()) {
            Open was = entry.getValue();
            was.proxy().close();
            Endpoint moved = new Endpoint(was.endpoint().host(), port);
            rebound.put(entry.getKey(), new Open(start(entry.getKey(), moved, was.selector()), was.selector(), moved));
        }
        open.putAll(rebound);
        publish();
        portMoved.accept(port);
        return port;
    }

    /** A port that can be bound right now on the failed endpoint's address and every open one. */
    private int portFreeOnAll(String failedHost) throws BindException {
        for (int attempt = 0; attempt < PORT_SEARCH_ATTEMPTS; attempt++) {
            int candidate = freePort(failedHost);
            boolean freeEverywhere = open.values().stream()
                    .allMatch(o -> AddressAllocator.canBind(o.endpoint().host(), candidate));
            if (freeEverywhere) {
                return candidate;
            }
        }
        throw new BindException(name + " - no port is free on all of its addresses");
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

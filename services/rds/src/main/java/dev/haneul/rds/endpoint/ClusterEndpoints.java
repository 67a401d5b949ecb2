package dev.haneul.rds.endpoint;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.proxy.BackendSelector;
import dev.haneul.core.proxy.EndpointGroup;
import dev.haneul.core.proxy.TcpProxyStats;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The listening endpoints of one cluster and the topology they route by: the kit's
 * {@link EndpointGroup} (addresses, the port move when the cluster's port is taken, live
 * counters) with Aurora's endpoints and selectors on top.
 *
 * <p>Endpoint names: {@value #CLUSTER}, {@value #READER}, {@code custom/<id>} and
 * {@code instance/<id>}. Addresses come from the {@link AddressAllocator}, under the cluster's
 * resource key, so an endpoint keeps its address (and port) across restarts. The cluster
 * endpoint's port is the cluster's {@code Port}.
 *
 * <p>Not thread-safe for opening and closing: the owner serialises those. {@link #topology()},
 * {@link #endpoints()}, {@link #stats()} and the selectors are safe from any thread, so the
 * dashboard never waits for the cluster's lock (held for seconds during a failover).
 */
public final class ClusterEndpoints implements AutoCloseable {

    public static final String CLUSTER = "cluster";
    public static final String READER = "reader";
    private static final String CUSTOM_PREFIX = "custom/";

    private final String name;
    private final EndpointGroup group;
    private final AtomicReference<Topology> topology = new AtomicReference<>(Topology.EMPTY);
    private final Map<String, AtomicReference<CustomMembership>> memberships = new LinkedHashMap<>();

    /**
     * @param name for logs, such as {@code rds/mycluster}
     * @param resourceKey the cluster's key in the allocator
     * @param portMoved told the new port when the cluster had to move (ADDRESSES mode) or the
     *     cluster endpoint moved (PORTS mode)
     */
    public ClusterEndpoints(String name, EventLoopRuntime runtime, AddressAllocator addresses, String resourceKey,
                            IntConsumer portMoved) {
        this.name = requireNonNull(name, "name");
        this.group = new EndpointGroup(name, runtime, addresses, resourceKey, CLUSTER, portMoved);
    }

    public static String custom(String id) {
        return CUSTOM_PREFIX + id;
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
        group.close(endpointName);
        if (endpointName.startsWith(CUSTOM_PREFIX)) {
            memberships.remove(endpointName.substring(CUSTOM_PREFIX.length()));
        }
    }

    /** The address of an open endpoint. */
    public Optional<Endpoint> endpoint(String endpointName) {
        return group.endpoint(endpointName);
    }

    /** Every open endpoint's address, by name, in opening order. */
    public Map<String, Endpoint> endpoints() {
        return group.endpoints();
    }

    /** Live counters of every open endpoint, by name. */
    public Map<String, TcpProxyStats> stats() {
        return group.stats();
    }

    /**
     * Closes every client connection, on every endpoint, that is spliced to {@code backend}: what
     * clients of an instance that restarts (a failover's old and new writer) see.
     *
     * @return how many were closed
     */
    public int dropConnectionsTo(InetSocketAddress backend) {
        return group.dropConnectionsTo(backend);
    }

    /** Closes every endpoint; their addresses stay allocated (the cluster still exists). */
    @Override
    public void close() {
        group.close();
    }

    private Endpoint open(String endpointName, BackendSelector selector, int port) throws BindException {
        return group.open(endpointName, selector, port);
    }
}

package dev.haneul.elasticache.endpoint;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.Endpoint;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.proxy.BackendSelector;
import dev.haneul.core.proxy.EndpointGroup;
import dev.haneul.core.proxy.TcpProxyStats;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints of one replication group (or cache cluster): an {@link EndpointGroup} of TCP
 * proxies that splice each new client connection to the engine chosen for it, and then stay out
 * of the protocol.
 * <ul>
 *   <li>{@value #PRIMARY}: the current primary;</li>
 *   <li>{@value #READER}: the available replicas, round-robin per connection; the primary when
 *       there is no available replica (as ElastiCache's reader endpoint);</li>
 *   <li>one per node, named by its id: that node, whatever its role.</li>
 * </ul>
 * Selectors read one volatile {@link Backends} snapshot, so choosing is a field read on the I/O
 * thread. {@link #update} swaps the snapshot first, then closes the connections that now go to
 * the wrong place: every primary and reader connection to a primary that is no longer the
 * primary (so clients of the old primary reconnect and land on the new one), and reader
 * connections to an engine that left the reader set. When the group's port cannot be bound, the
 * {@link EndpointGroup} moves every endpoint to a port free on all of them and says so.
 */
public final class CacheEndpoints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CacheEndpoints.class);

    /** The primary endpoint's name (in the allocator and in {@link #stats()}). */
    public static final String PRIMARY = "primary";
    /** The reader endpoint's name. */
    public static final String READER = "reader";

    private final String name;
    private final EndpointGroup group;
    private final AtomicInteger nextReader = new AtomicInteger();
    private volatile Backends backends = Backends.NONE;

    /**
     * Where the engines are now.
     *
     * @param primary the primary engine, if it runs
     * @param replicas the replicas that can serve reads, in member order
     * @param nodes every running node's engine, by node id
     */
    public record Backends(Optional<InetSocketAddress> primary, List<InetSocketAddress> replicas,
                           Map<String, InetSocketAddress> nodes) {
        public static final Backends NONE = new Backends(Optional.empty(), List.of(), Map.of());

        public Backends {
            requireNonNull(primary, "primary");
            replicas = List.copyOf(replicas);
            nodes = Map.copyOf(nodes);
        }

        /** What the reader endpoint may choose from. */
        List<InetSocketAddress> readers() {
            return replicas.isEmpty() ? primary.stream().toList() : replicas;
        }
    }

    /**
     * @param name log prefix, such as {@code elasticache/sessions}
     * @param resourceKey the resource's key in the allocator
     * @param mainEndpoint the endpoint whose port is the resource's port: {@value #PRIMARY} for a
     *     replication group, the node's id for a stand-alone cache cluster
     * @param portMoved told the resource's new port when its endpoints had to move
     */
    public CacheEndpoints(EventLoopRuntime runtime, AddressAllocator addresses, String resourceKey, String name,
                          String mainEndpoint, IntConsumer portMoved) {
        this.name = requireNonNull(name, "name");
        this.group = new EndpointGroup(name, runtime, addresses, resourceKey, mainEndpoint, portMoved);
    }

    /** Listens for the primary endpoint on {@code port} (or where it already is). */
    public synchronized Endpoint openPrimary(int port) throws BindException {
        return group.open(PRIMARY, (client, local, stats) -> backends.primary(), port);
    }

    /** Listens for the reader endpoint. */
    public synchronized Endpoint openReader(int port) throws BindException {
        return group.open(READER, readerSelector(), port);
    }

    /** Listens for one node's endpoint; nothing when it is open. */
    public synchronized Endpoint openNode(String nodeId, int port) throws BindException {
        requireNonNull(nodeId, "nodeId");
        return group.open(nodeId, (client, local, stats) -> Optional.ofNullable(backends.nodes().get(nodeId)), port);
    }

    /** Stops one node's endpoint and frees its address (the node was removed). */
    public synchronized void closeNode(String nodeId) {
        group.close(nodeId);
    }

    private BackendSelector readerSelector() {
        return (client, local, stats) -> {
            List<InetSocketAddress> candidates = backends.readers();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(candidates.get(Math.floorMod(nextReader.getAndIncrement(), candidates.size())));
        };
    }

    /** Points the endpoints at {@code next}; see the class comment for the connections it closes. */
    public void update(Backends next) {
        requireNonNull(next, "next");
        Backends previous;
        synchronized (this) {
            previous = backends;
            backends = next;
        }
        Set<InetSocketAddress> stale = new HashSet<>();
        previous.primary().filter(p -> !next.primary().equals(Optional.of(p))).ifPresent(stale::add);
        for (InetSocketAddress old : stale) {
            int closed = group.dropConnectionsTo(PRIMARY, old) + group.dropConnectionsTo(READER, old);
            if (closed > 0) {
                log.info("{} - {} is no longer the primary: closed {} connection(s) to it", name, format(old), closed);
            }
        }
        TcpProxyStats readerStats = group.stats().get(READER);
        if (readerStats != null) {
            Set<InetSocketAddress> eligible = Set.copyOf(next.readers());
            for (InetSocketAddress backend : readerStats.currentConnectionsByBackend().keySet()) {
                if (!eligible.contains(backend) && !stale.contains(backend)) {
                    group.dropConnectionsTo(READER, backend);
                }
            }
        }
    }

    /** The live counters of each endpoint, by name ({@value #PRIMARY}, {@value #READER}, node id). */
    public Map<String, TcpProxyStats> stats() {
        return group.stats();
    }

    /** Stops every endpoint, closing its connections; their addresses stay allocated. */
    @Override
    public synchronized void close() {
        group.close();
    }

    private static String format(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}

package dev.haneul.elasticache.endpoint;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.net.Endpoint;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.proxy.BackendSelector;
import dev.haneul.core.proxy.TcpProxy;
import dev.haneul.core.proxy.TcpProxyStats;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints of one replication group (or cache cluster): TCP proxies that splice each new
 * client connection to the engine chosen for it, and then stay out of the protocol.
 * <ul>
 *   <li>primary: the current primary;</li>
 *   <li>reader: the available replicas, round-robin per connection; the primary when there is no
 *       available replica (as ElastiCache's reader endpoint);</li>
 *   <li>one per node: that node, whatever its role.</li>
 * </ul>
 * Selectors read one volatile {@link Backends} snapshot, so choosing is a field read on the I/O
 * thread. {@link #update} swaps the snapshot first, then closes the connections that now go to
 * the wrong place: every connection to a primary that is no longer the primary (so clients of the
 * old primary reconnect and land on the new one), and reader connections to an engine that left
 * the reader set.
 */
public final class CacheEndpoints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CacheEndpoints.class);

    private final EventLoopRuntime runtime;
    private final String name;
    private final AtomicInteger nextReader = new AtomicInteger();
    private volatile Backends backends = Backends.NONE;
    private volatile TcpProxy primary;
    private volatile TcpProxy reader;
    private final Map<String, TcpProxy> nodes = new LinkedHashMap<>();

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

    /** @param name log prefix, such as {@code elasticache/sessions} */
    public CacheEndpoints(EventLoopRuntime runtime, String name) {
        this.runtime = requireNonNull(runtime, "runtime");
        this.name = requireNonNull(name, "name");
    }

    /** Listens for the primary endpoint. */
    public synchronized void openPrimary(Endpoint at) throws BindException {
        primary = open(at, "primary", (client, local, stats) -> backends.primary());
    }

    /** Listens for the reader endpoint. */
    public synchronized void openReader(Endpoint at) throws BindException {
        reader = open(at, "reader", (client, local, stats) -> {
            List<InetSocketAddress> candidates = backends.readers();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(candidates.get(Math.floorMod(nextReader.getAndIncrement(), candidates.size())));
        });
    }

    /** Listens for one node's endpoint. */
    public synchronized void openNode(String nodeId, Endpoint at) throws BindException {
        requireNonNull(nodeId, "nodeId");
        if (nodes.containsKey(nodeId)) {
            return;
        }
        nodes.put(nodeId, open(at, nodeId, (client, local, stats) -> Optional.ofNullable(backends.nodes().get(nodeId))));
    }

    /** Stops one node's endpoint (the node was removed). */
    public synchronized void closeNode(String nodeId) {
        TcpProxy proxy = nodes.remove(nodeId);
        if (proxy != null) {
            proxy.close();
        }
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
            int closed = closeTo(primary, old) + closeTo(reader, old);
            if (closed > 0) {
                log.info("{} - {} is no longer the primary: closed {} connection(s) to it", name, format(old), closed);
            }
        }
        TcpProxy readerProxy = reader;
        if (readerProxy != null) {
            Set<InetSocketAddress> eligible = Set.copyOf(next.readers());
            for (InetSocketAddress backend : readerProxy.stats().currentConnectionsByBackend().keySet()) {
                if (!eligible.contains(backend) && !stale.contains(backend)) {
                    readerProxy.closeConnectionsTo(backend);
                }
            }
        }
    }

    /** The live counters of each endpoint, by role ({@code primary}, {@code reader}, node id). */
    public synchronized Map<String, TcpProxyStats> stats() {
        Map<String, TcpProxyStats> stats = new LinkedHashMap<>();
        if (primary != null) {
            stats.put("primary", primary.stats());
        }
        if (reader != null) {
            stats.put("reader", reader.stats());
        }
        nodes.forEach((id, proxy) -> stats.put(id, proxy.stats()));
        return stats;
    }

    /** Stops every endpoint, closing its connections. */
    @Override
    public synchronized void close() {
        if (primary != null) {
            primary.close();
        }
        if (reader != null) {
            reader.close();
        }
        nodes.values().forEach(TcpProxy::close);
        nodes.clear();
    }

    private TcpProxy open(Endpoint at, String role, BackendSelector selector) throws BindException {
        return TcpProxy.builder(runtime)
                .name(name + "/" + role)
                .bindAddress(at.host(), at.port())
                .backendSelector(selector)
                .start();
    }

    private static int closeTo(TcpProxy proxy, InetSocketAddress backend) {
        return proxy == null ? 0 : proxy.closeConnectionsTo(backend);
    }

    private static String format(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}

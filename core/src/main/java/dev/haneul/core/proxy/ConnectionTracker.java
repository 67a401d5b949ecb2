package dev.haneul.core.proxy;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one proxy and its live client channels grouped by backend, which is what
 * {@link TcpProxy#closeConnectionsTo} and {@link TcpProxy#close()} need.
 *
 * <p>The trap is a client accepted while the proxy closes: {@link #close()} raises the flag
 * before it lists the channels, and {@link #assign} adds the channel before it reads the flag, so
 * a channel is either in the list or told to close itself, never neither.
 */
final class ConnectionTracker implements TcpProxyStats {

    private final Map<InetSocketAddress, Set<Channel>> byBackend = new ConcurrentHashMap<>();
    /** Never pruned: a proxy has few backends (engines keep their ports), and totals must outlive connections. */
    private final Map<InetSocketAddress, BackendCounters> counters = new ConcurrentHashMap<>();
    private final Set<InetSocketAddress> unreachable = ConcurrentHashMap.newKeySet();
    private final AtomicLong current = new AtomicLong();
    private final LongAdder total = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failedConnects = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private volatile boolean closed;

    /** Counts an accepted client until it closes; false if the proxy is closing and it must go. */
    boolean accepted(Channel client) {
        total.increment();
        current.incrementAndGet();
        client.closeFuture().addListener(future -> current.decrementAndGet());
        return !closed;
    }

    /** The running totals of one backend; what its relays add their bytes to. */
    static final class BackendCounters {
        final LongAdder connections = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
    }

    /** The totals of {@code backend}, created on first use. */
    BackendCounters counters(InetSocketAddress backend) {
        return counters.computeIfAbsent(backend, address -> new BackendCounters());
    }

    /** Counts a client against its backend until it closes; false if the proxy is closing and it must go. */
    boolean assign(InetSocketAddress backend, Channel client) {
        counters(backend).connections.increment();
        byBackend.compute(backend, (address, clients) -> {
            Set<Channel> set = clients != null ? clients : ConcurrentHashMap.newKeySet();
            set.add(client);
            return set;
        });
        client.closeFuture().addListener(future -> byBackend.computeIfPresent(backend, (address, clients) -> {
            clients.remove(client);
            return clients.isEmpty() ? null : clients;
        }));
        return !closed;
    }

    void refused() {
        refused.increment();
    }

    /** Records a failed connect; true if it is the first since the backend last answered. */
    boolean connectFailed(InetSocketAddress backend) {
        failedConnects.increment();
        return unreachable.add(backend);
    }

    /** Records a successful connect; true if the backend had failed before. */
    boolean connected(InetSocketAddress backend) {
        return !unreachable.isEmpty() && unreachable.remove(backend);
    }

    LongAdder bytesInCounter() {
        return bytesIn;
    }

    LongAdder bytesOutCounter() {
        return bytesOut;
    }

    List<Channel> clientsOf(InetSocketAddress backend) {
        Set<Channel> clients = byBackend.get(backend);
        return clients == null ? List.of() : List.copyOf(clients);
    }

    /** Marks the proxy closed and returns every client assigned to a backend. */
    List<Channel> close() {
        closed = true;
        List<Channel> all = new ArrayList<>();
        byBackend.values().forEach(all::addAll);
        return all;
    }

    @Override
    public long currentConnections() {
        return current.get();
    }

    @Override
    public long totalConnections() {
        return total.sum();
    }

    @Override
    public int currentConnections(InetSocketAddress backend) {
        Set<Channel> clients = byBackend.get(backend);
        return clients == null ? 0 : clients.size();
    }

    @Override
    public Map<InetSocketAddress, Integer> currentConnectionsByBackend() {
        Map<InetSocketAddress, Integer> counts = new HashMap<>();
        byBackend.forEach((backend, clients) -> {
            int size = clients.size();
            if (size > 0) {
                counts.put(backend, size);
            }
        });
        return Map.copyOf(counts);
    }

    @Override
    public Map<InetSocketAddress, BackendStats> backendStats() {
        Map<InetSocketAddress, BackendStats> stats = new HashMap<>();
        counters.forEach((backend, c) -> stats.put(backend, new BackendStats(currentConnections(backend),
                c.connections.sum(), c.bytesIn.sum(), c.bytesOut.sum())));
        return Map.copyOf(stats);
    }

    @Override
    public long refusedConnections() {
        return refused.sum();
    }

    @Override
    public long failedConnects() {
        return failedConnects.sum();
    }

    @Override
    public long bytesIn() {
        return bytesIn.sum();
    }

    @Override
    public long bytesOut() {
        return bytesOut.sum();
    }

    @Override
    public String toString() {
        return "TcpProxyStats[current=" + currentConnections() + ", total=" + totalConnections()
                + ", byBackend=" + currentConnectionsByBackend() + ", refused=" + refusedConnections()
                + ", failedConnects=" + failedConnects() + ", bytesIn=" + bytesIn() + ", bytesOut=" + bytesOut() + ']';
    }
}

package dev.haneul.core.proxy;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Chooses the backend of one new client connection, once, when the proxy accepts it (as Aurora's
 * DNS chooses an instance per connection, not per query). An empty result refuses the client: its
 * connection is closed at once.
 *
 * <p>Called on an I/O thread, possibly on several at once: it must be thread-safe, quick and must
 * never block (no locks held for long, no I/O, no DNS). Return a resolved address.
 * {@code stats} shows the proxy's live counts, for example for a least-connections choice:
 * <pre>{@code
 * BackendSelector leastConnections = (client, local, stats) -> replicas.get().stream()
 *         .min(Comparator.comparingInt(stats::currentConnections));
 * }</pre>
 * The connection being selected for is counted in {@link TcpProxyStats#currentConnections()} but
 * not yet in any backend's count.
 */
@FunctionalInterface
public interface BackendSelector {

    /**
     * @param clientAddress the remote address of the accepted connection
     * @param localAddress  the proxy address it connected to
     * @param stats         the live counts of the proxy
     * @return the backend to connect to, or empty to refuse the client
     */
    Optional<InetSocketAddress> select(InetSocketAddress clientAddress, InetSocketAddress localAddress,
                                       TcpProxyStats stats);

    /** Always {@code backend}: an instance endpoint, a node endpoint, a single-target proxy. */
    static BackendSelector fixed(InetSocketAddress backend) {
        requireNonNull(backend, "backend");
        if (backend.isUnresolved()) {
            throw new IllegalArgumentException("backend: " + backend + " (expected: a resolved address)");
        }
        Optional<InetSocketAddress> result = Optional.of(backend);
        return (clientAddress, localAddress, stats) -> result;
    }
}

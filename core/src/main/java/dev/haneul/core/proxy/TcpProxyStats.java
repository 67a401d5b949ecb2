package dev.haneul.core.proxy;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A live view of one proxy's counters, for the dashboard and for {@link BackendSelector}s. Each
 * method reads the current value; values read one after another are not an atomic snapshot.
 */
public interface TcpProxyStats {

    /** Client connections accepted and not closed yet, whether or not spliced to a backend. */
    long currentConnections();

    /** Client connections accepted since the proxy started. */
    long totalConnections();

    /**
     * Client connections currently assigned to {@code backend}: from the moment the selector chose
     * it (while connecting, too) until the client connection is closed; 0 for an unknown backend.
     */
    int currentConnections(InetSocketAddress backend);

    /** {@link #currentConnections(InetSocketAddress)} of every backend with at least one connection. */
    Map<InetSocketAddress, Integer> currentConnectionsByBackend();

    /**
     * The counters of every backend a client was ever assigned to, including those with no
     * connection now (their totals stay). Bytes count from the moment the backend is connected.
     */
    Map<InetSocketAddress, BackendStats> backendStats();

    /**
     * One backend's counters.
     *
     * @param currentConnections client connections assigned to it now
     * @param totalConnections client connections ever assigned to it
     * @param bytesIn bytes relayed from its clients to it
     * @param bytesOut bytes relayed from it to its clients
     */
    record BackendStats(int currentConnections, long totalConnections, long bytesIn, long bytesOut) {}

    /** Client connections closed at once because the selector returned no backend. */
    long refusedConnections();

    /** Client connections closed because the connection to their backend failed or timed out. */
    long failedConnects();

    /** Bytes read from clients (and relayed to backends). */
    long bytesIn();

    /** Bytes read from backends (and relayed to clients). */
    long bytesOut();
}

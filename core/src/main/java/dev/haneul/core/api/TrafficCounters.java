package dev.haneul.core.api;

import dev.haneul.core.proxy.TcpProxyStats;

/**
 * Live counters of one endpoint, or of one backend behind it, as the dashboard reads them. Totals
 * only grow while the endpoint exists, so a reader turns two samples into rates; a counter that
 * does not apply (requests on a TCP endpoint, bytes where they are not counted) stays 0.
 *
 * @param connections client connections open now
 * @param totalConnections client connections accepted so far
 * @param requests HTTP requests answered so far (load balancers; 0 for TCP endpoints)
 * @param activeRequests HTTP requests in flight now (load balancers; 0 for TCP endpoints)
 * @param bytesIn bytes relayed from clients so far
 * @param bytesOut bytes relayed to clients so far
 */
public record TrafficCounters(long connections, long totalConnections, long requests, long activeRequests,
                              long bytesIn, long bytesOut) {

    /** Nothing counted yet. */
    public static final TrafficCounters NONE = new TrafficCounters(0, 0, 0, 0, 0, 0);

    /** Counters of a TCP endpoint or backend: connections and bytes, no requests. */
    public static TrafficCounters tcp(long connections, long totalConnections, long bytesIn, long bytesOut) {
        return new TrafficCounters(connections, totalConnections, 0, 0, bytesIn, bytesOut);
    }

    /** The counters of a whole TCP endpoint. */
    public static TrafficCounters of(TcpProxyStats stats) {
        return tcp(stats.currentConnections(), stats.totalConnections(), stats.bytesIn(), stats.bytesOut());
    }

    /** The counters of one backend of a TCP endpoint. */
    public static TrafficCounters of(TcpProxyStats.BackendStats stats) {
        return tcp(stats.currentConnections(), stats.totalConnections(), stats.bytesIn(), stats.bytesOut());
    }

    /** The sum of two counters, for an endpoint made of several parts. */
    public TrafficCounters plus(TrafficCounters other) {
        return new TrafficCounters(connections + other.connections, totalConnections + other.totalConnections,
                requests + other.requests, activeRequests + other.activeRequests, bytesIn + other.bytesIn,
                bytesOut + other.bytesOut);
    }
}

package dev.haneul.dashboard;

import dev.haneul.core.api.EndpointTraffic;
import dev.haneul.core.api.TrafficCounters;
import dev.haneul.core.state.Scope;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers' traffic counters of one account and region, looked up by service, resource and
 * endpoint, and turned into what the diagram prints on an edge: connections now, and rates of new
 * connections, requests and bytes.
 */
final class TrafficIndex {

    private final Map<String, EndpointTraffic> byKey = new HashMap<>();
    private final Rates rates;

    TrafficIndex(List<EndpointTraffic> traffic, Scope scope, Rates rates) {
        this.rates = rates;
        for (EndpointTraffic t : traffic) {
            if (t.scope().equals(scope)) {
                byKey.put(key(t.service(), t.resource(), t.endpoint()), t);
            }
        }
    }

    private static String key(String service, String resource, String endpoint) {
        return service + '|' + resource + '|' + endpoint;
    }

    /** The endpoint's counters, or none when it carries nothing (or is not open). */
    TrafficCounters counters(String service, String resource, String endpoint) {
        EndpointTraffic t = byKey.get(key(service, resource, endpoint));
        return t == null ? TrafficCounters.NONE : t.counters();
    }

    /** One backend's counters behind an endpoint. */
    TrafficCounters backend(String service, String resource, String endpoint, String backend) {
        EndpointTraffic t = byKey.get(key(service, resource, endpoint));
        return t == null ? TrafficCounters.NONE : t.backends().getOrDefault(backend, TrafficCounters.NONE);
    }

    /** The edge numbers of an endpoint or backend: connections, new connections/s, requests/s, bytes/s. */
    Map<String, Object> edge(String key, TrafficCounters c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connections", c.connections());
        out.put("activeRequests", c.activeRequests());
        out.put("newConnectionsPerSecond", round(rates.perSecond(key + "|conn", c.totalConnections())));
        out.put("requestsPerSecond", round(rates.perSecond(key + "|req", c.requests())));
        out.put("bytesPerSecond", Math.round(rates.perSecond(key + "|bytes", c.bytesIn() + c.bytesOut())));
        return out;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

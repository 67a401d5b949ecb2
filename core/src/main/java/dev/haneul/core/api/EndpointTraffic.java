package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.proxy.TcpProxyStats;
import dev.haneul.core.state.Scope;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one endpoint of a provider's data plane carries right now: its own counters and those of
 * each backend it sends connections or requests to. The names are the AWS API's, so a reader can
 * join them with the provider's {@code Describe*} answers without knowing the provider.
 *
 * <p>Examples: an Aurora cluster's reader endpoint is {@code (rds, scope, "demo-db", "reader",
 * "127.10.0.2:3306", …, {"demo-db-2": …, "demo-db-3": …})}; a replication group's primary endpoint
 * is {@code (elasticache, scope, "sessions", "primary", …, {"sessions-001": …})}; a target group is
 * {@code (elbv2, scope, <target group ARN>, "targets", "", …, {"127.0.0.1:8081": …})}.
 *
 * @param service the provider's {@link ServiceProvider#name()}
 * @param scope the account and region of the resource
 * @param resource the resource's identifier as its {@code Describe*} operation names it: a DB
 *     cluster identifier, a replication group id, a load balancer or target group ARN
 * @param endpoint the endpoint's name within the resource, such as {@code cluster}, {@code reader},
 *     {@code custom/<id>}, {@code instance/<id>}, {@code primary}, {@code listener/<port>},
 *     {@code targets}
 * @param address where clients connect ({@code host:port}), empty when it has no address of its own
 * @param counters the endpoint's own counters
 * @param backends counters by backend: DB instance identifier, cache node id, or target
 *     {@code ip:port}, in a stable order; a backend that never carried anything may be missing
 */
public record EndpointTraffic(String service, Scope scope, String resource, String endpoint, String address,
                              TrafficCounters counters, Map<String, TrafficCounters> backends) {

    public EndpointTraffic {
        requireNonNull(service, "service");
        requireNonNull(scope, "scope");
        requireNonNull(resource, "resource");
        requireNonNull(endpoint, "endpoint");
        requireNonNull(address, "address");
        requireNonNull(counters, "counters");
        backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }

    /**
     * The traffic of a TCP endpoint proxy, its backends named by {@code backendIds} (engine address
     * to DB instance or cache node id) in that map's order; backends that are not named (an
     * engine's old address) are left out.
     */
    public static EndpointTraffic tcp(String service, Scope scope, String resource, String endpoint, String address,
                                      TcpProxyStats stats, Map<InetSocketAddress, String> backendIds) {
        Map<InetSocketAddress, TcpProxyStats.BackendStats> byBackend = stats.backendStats();
        Map<String, TrafficCounters> backends = new LinkedHashMap<>();
        backendIds.forEach((backend, id) -> {
            TcpProxyStats.BackendStats counters = byBackend.get(backend);
            if (counters != null) {
                backends.put(id, TrafficCounters.of(counters));
            }
        });
        return new EndpointTraffic(service, scope, resource, endpoint, address, TrafficCounters.of(stats), backends);
    }
}

package dev.haneul.dashboard;

import static java.util.Objects.requireNonNull;

import dev.haneul.apps.AppManager;
import dev.haneul.apps.AppView;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.EndpointTraffic;
import dev.haneul.core.state.Scope;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One picture of the architecture, as JSON-ready maps: what the {@code Describe*} operations of
 * the default account and region answer (DB clusters, instances and endpoints, replication groups
 * and cache clusters, load balancers, listeners, target groups with their health and attributes),
 * the apps, and the traffic on every edge. The browser joins them into the diagram.
 *
 * <p>The operations are read as the principal the dashboard acts as, authorized as the same calls
 * through the API would be ({@code HANEUL_AUTH=iam}): a list that principal may not read is empty,
 * and {@code denied} holds AWS's message for it under {@code "SERVICE OPERATION"}, for the page to
 * show in its place.
 *
 * <p>The edges from an app instance to an endpoint come from {@link ProcessSockets}: the
 * connections the instance's process holds to the endpoint's address. Every other edge comes from
 * the providers' counters ({@link EndpointTraffic}), turned into rates by {@link Rates}.
 */
final class ArchitectureSnapshot {

    private static final Logger log = LoggerFactory.getLogger(ArchitectureSnapshot.class);

    private final AwsOperations aws;
    private final AppManager apps;
    private final ProcessSockets sockets;
    private final Rates rates;
    private final WafPanel waf;

    ArchitectureSnapshot(AwsOperations aws, AppManager apps, ProcessSockets sockets, Rates rates) {
        this.aws = requireNonNull(aws, "aws");
        this.apps = requireNonNull(apps, "apps");
        this.sockets = requireNonNull(sockets, "sockets");
        this.rates = requireNonNull(rates, "rates");
        this.waf = new WafPanel(aws, rates);
    }

    /**
     * Takes the picture as {@code principal} (an ARN the dashboard may act as; the account's root
     * when {@code null}); a service that fails to answer shows as empty, with its error.
     */
    Map<String, Object> take(@Nullable String principal) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", Instant.now().toString());
        out.put("region", aws.region());
        Reads reads = new Reads(principal, new ArrayList<>(), new LinkedHashMap<>());
        Map<String, Object> rds = new LinkedHashMap<>();
        rds.put("clusters", describe("rds", "DescribeDBClusters", "DBClusters", reads));
        rds.put("instances", describe("rds", "DescribeDBInstances", "DBInstances", reads));
        rds.put("endpoints", describe("rds", "DescribeDBClusterEndpoints", "DBClusterEndpoints", reads));
        out.put("rds", rds);
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("replicationGroups", describe("elasticache", "DescribeReplicationGroups", "ReplicationGroups", reads));
        cache.put("cacheClusters", describe("elasticache", "DescribeCacheClusters", "CacheClusters", reads));
        out.put("elasticache", cache);
        out.put("elbv2", loadBalancing(reads));
        out.put("wafv2", Map.of("webAcls", waf.take(principal, reads.errors(), reads.denied())));
        out.put("apps", apps());
        out.put("traffic", traffic());
        out.put("principal", principal == null ? "" : principal);
        out.put("errors", reads.errors());
        out.put("denied", reads.denied());
        rates.prune();
        return out;
    }

    /** One picture's reads: as whom, and what failed (every error; AWS's message of each denial). */
    private record Reads(@Nullable String principal, List<String> errors, Map<String, String> denied) {}

    /** Records {@code e} as the denial of {@code read} ({@code "SERVICE OPERATION"}) when it is one. */
    static void noteDenial(Map<String, String> denied, String read, AwsServiceException e) {
        if (e.code().startsWith("AccessDenied")) {
            denied.putIfAbsent(read, e.code() + ": " + e.getMessage());
        }
    }

    private Map<String, Object> loadBalancing(Reads reads) {
        Map<String, Object> elbv2 = new LinkedHashMap<>();
        List<Object> loadBalancers = describe("elbv2", "DescribeLoadBalancers", "LoadBalancers", reads);
        List<Object> listeners = new ArrayList<>();
        for (Object lb : loadBalancers) {
            String arn = Trees.string(tree(lb), "LoadBalancerArn");
            listeners.addAll(call("elbv2", "DescribeListeners", Map.of("LoadBalancerArn", arn), "Listeners", reads));
        }
        List<Object> targetGroups = new ArrayList<>();
        for (Object group : describe("elbv2", "DescribeTargetGroups", "TargetGroups", reads)) {
            Map<String, Object> tg = new LinkedHashMap<>(tree(group));
            String arn = Trees.string(tg, "TargetGroupArn");
            tg.put("TargetHealthDescriptions", call("elbv2", "DescribeTargetHealth", Map.of("TargetGroupArn", arn),
                    "TargetHealthDescriptions", reads));
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (Object a : call("elbv2", "DescribeTargetGroupAttributes", Map.of("TargetGroupArn", arn), "Attributes",
                    reads)) {
                attributes.put(Trees.string(tree(a), "Key"), Trees.string(tree(a), "Value"));
            }
            tg.put("Attributes", attributes);
            targetGroups.add(tg);
        }
        elbv2.put("loadBalancers", loadBalancers);
        elbv2.put("listeners", listeners);
        elbv2.put("targetGroups", targetGroups);
        return elbv2;
    }

    private List<Object> apps() {
        List<AppView> views = apps.list();
        Map<Long, List<ProcessSockets.Socket>> held;
        try {
            held = sockets.established(views.stream().map(AppView::pid).filter(p -> p > 0).toList());
        } catch (IOException e) {
            log.debug("dashboard - cannot read the apps' sockets: {}", e.toString());
            held = Map.of();
        }
        List<Object> out = new ArrayList<>();
        for (AppView app : views) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", app.name());
            a.put("state", app.state());
            a.put("pid", app.pid());
            a.put("url", app.url());
            a.put("port", app.port());
            a.put("wanted", app.wanted());
            Map<String, Integer> connections = new LinkedHashMap<>();
            if (app.state().equals("running")) {
                for (ProcessSockets.Socket s : held.getOrDefault(app.pid(), List.of())) {
                    connections.merge(hostPort(s.remote()), 1, Integer::sum);
                }
            }
            a.put("connections", connections);
            out.add(a);
        }
        return out;
    }

    private List<Object> traffic() {
        TrafficIndex index = new TrafficIndex(aws.traffic(), new Scope(aws.accountId(), aws.region()), rates);
        List<Object> out = new ArrayList<>();
        for (EndpointTraffic t : aws.traffic()) {
            if (!t.scope().equals(new Scope(aws.accountId(), aws.region()))) {
                continue;
            }
            String key = t.service() + "|" + t.resource() + "|" + t.endpoint();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("service", t.service());
            e.put("resource", t.resource());
            e.put("endpoint", t.endpoint());
            e.put("address", t.address());
            e.putAll(index.edge(key, t.counters()));
            Map<String, Object> backends = new LinkedHashMap<>();
            t.backends().forEach((id, counters) -> backends.put(id, index.edge(key + "|" + id, counters)));
            e.put("backends", backends);
            out.add(e);
        }
        return out;
    }

    private List<Object> describe(String service, String operation, String member, Reads reads) {
        return call(service, operation, Map.of(), member, reads);
    }

    private List<Object> call(String service, String operation, Map<String, Object> input, String member,
                              Reads reads) {
        if (!aws.has(service)) {
            return List.of();
        }
        try {
            Object list = aws.read(service, operation, input, reads.principal()).get(member);
            return list instanceof List<?> l ? new ArrayList<>(l.stream().map(ArchitectureSnapshot::plain).toList())
                    : List.of();
        } catch (AwsServiceException e) {
            reads.errors().add(service + " " + operation + ": " + e.code() + ": " + e.getMessage());
            noteDenial(reads.denied(), service + " " + operation, e);
            return List.of();
        } catch (RuntimeException e) {
            log.warn("dashboard - {} {} failed", service, operation, e);
            reads.errors().add(service + " " + operation + ": InternalFailure: see the Haneul log");
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The value with maps, lists, strings, numbers and booleans only (timestamps become ISO strings). */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ArchitectureSnapshot::plain).toList();
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}

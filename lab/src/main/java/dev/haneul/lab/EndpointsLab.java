package dev.haneul.lab;

import static java.util.Objects.requireNonNull;

import dev.haneul.lab.report.Chart;
import dev.haneul.lab.report.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.rds.model.DBCluster;

/**
 * Which instances each Aurora endpoint hands out. A writer and two readers; a custom READER
 * endpoint with a static member list (the second instance) and a custom ANY endpoint with an
 * exclusion list (the third). Every endpoint gets the same number of new connections, each asks
 * {@code SELECT @@report_host}; then writes go through the ANY endpoint (those that land on a reader
 * fail with MySQL error 1290); then a fourth instance is added and the spread is measured again.
 */
public final class EndpointsLab implements Lab {

    static final String CLUSTER = "lab-endpoints";
    private static final String STATIC = "lab-endpoints-static";
    private static final String ANY = "lab-endpoints-any";
    private static final List<String> ENDPOINTS = List.of("cluster", "reader", "custom READER (static)",
            "custom ANY (exclusion list)");

    /**
     * @param connectionsPerEndpoint new connections opened through each endpoint per measurement
     * @param clusterSpread instance → connections, through the cluster endpoint
     * @param readerSpread through the reader endpoint
     * @param staticReaderSpread through the custom READER endpoint with static member {@code -2}
     * @param anyExclusionSpread through the custom ANY endpoint that excludes {@code -3}
     * @param anyWrites INSERTs sent through the ANY endpoint, one per new connection
     * @param anyWriteFailures how many failed
     * @param anyWriteFailureRate failures / writes
     * @param anyWriteErrorCodes MySQL error code → count (1290: read-only replica)
     * @param addedInstance the instance added half-way
     * @param pickedUpBy endpoints that handed out connections to it
     * @param notPickedUpBy endpoints that did not
     */
    public record Verdict(int connectionsPerEndpoint, Map<String, Integer> clusterSpread, Map<String, Integer> readerSpread,
                   Map<String, Integer> staticReaderSpread, Map<String, Integer> anyExclusionSpread, int anyWrites,
                   int anyWriteFailures, double anyWriteFailureRate, Map<Integer, Integer> anyWriteErrorCodes,
                   String addedInstance, List<String> pickedUpBy, List<String> notPickedUpBy) {}

    @Override
    public String name() {
        return "endpoints";
    }

    @Override
    public String question() {
        return "How do connections spread over the Aurora instances through the cluster, reader and custom endpoints, "
                + "and which endpoints pick up a new instance?";
    }

    @Override
    public LabResult run(LabContext context) throws Exception {
        int connections = context.pick(60, 12);
        List<String> instances = List.of(CLUSTER + "-1", CLUSTER + "-2", CLUSTER + "-3");
        String added = CLUSTER + "-4";
        DBCluster cluster = Aurora.create(context, CLUSTER, instances);
        context.log("creating custom endpoints %s (READER, static member %s) and %s (ANY, excluding %s)", STATIC,
                instances.get(1), ANY, instances.get(2));
        context.rds().createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier(STATIC)
                .endpointType("READER").staticMembers(instances.get(1)));
        context.rds().createDBClusterEndpoint(r -> r.dbClusterIdentifier(CLUSTER).dbClusterEndpointIdentifier(ANY)
                .endpointType("ANY").excludedMembers(instances.get(2)));
        Map<String, String> hosts = new LinkedHashMap<>();
        hosts.put(ENDPOINTS.get(0), cluster.endpoint());
        hosts.put(ENDPOINTS.get(1), cluster.readerEndpoint());
        hosts.put(ENDPOINTS.get(2), customEndpoint(context, STATIC));
        hosts.put(ENDPOINTS.get(3), customEndpoint(context, ANY));
        int port = cluster.port();

        context.log("opening %d connections through each endpoint", connections);
        Map<String, Map<String, Integer>> before = new LinkedHashMap<>();
        for (Map.Entry<String, String> endpoint : hosts.entrySet()) {
            before.put(endpoint.getKey(), spread(endpoint.getValue(), port, connections));
        }

        context.log("writing through the ANY endpoint, one INSERT per new connection");
        try (Connection writer = Aurora.connect(cluster.endpoint(), port, Duration.ofSeconds(5))) {
            Aurora.execute(writer, "CREATE TABLE IF NOT EXISTS notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(40))");
        }
        int failures = 0;
        Map<Integer, Integer> codes = new TreeMap<>();
        for (int i = 0; i < connections; i++) {
            try (Connection connection = Aurora.connect(hosts.get(ENDPOINTS.get(3)), port, Duration.ofSeconds(5))) {
                Aurora.execute(connection, "INSERT INTO notes (body) VALUES ('through ANY')");
            } catch (SQLException e) {
                failures++;
                codes.merge(e.getErrorCode(), 1, Integer::sum);
            }
        }

        context.log("adding instance %s", added);
        context.rds().createDBInstance(r -> r.dbInstanceIdentifier(added).dbClusterIdentifier(CLUSTER)
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
        Aurora.awaitAvailable(context, CLUSTER, List.of(added));
        Map<String, Map<String, Integer>> after = new LinkedHashMap<>();
        for (Map.Entry<String, String> endpoint : hosts.entrySet()) {
            after.put(endpoint.getKey(), spread(endpoint.getValue(), port, connections));
        }
        List<String> pickedUp = new ArrayList<>();
        List<String> notPickedUp = new ArrayList<>();
        for (String endpoint : ENDPOINTS) {
            (of(after, endpoint).getOrDefault(added, 0) > 0 ? pickedUp : notPickedUp).add(endpoint);
        }

        Verdict verdict = new Verdict(connections, of(before, ENDPOINTS.get(0)), of(before, ENDPOINTS.get(1)),
                of(before, ENDPOINTS.get(2)), of(before, ENDPOINTS.get(3)), connections, failures,
                (double) failures / connections, codes, added, pickedUp, notPickedUp);
        List<String> all = new ArrayList<>(instances);
        all.add(added);
        return new LabResult(verdict, conclusions(verdict, instances),
                List.of(table("Connections per instance", before, after, all)),
                List.of(chart("Connections per instance, 3 instances", before, instances, connections),
                        chart("Connections per instance after adding " + added, after, all, connections)),
                List.of("Each connection is new: Haneul's endpoints, like Aurora's DNS names, choose an instance per new "
                                + "connection, so a connection pool keeps whatever it got when it connected.",
                        "The instance that answered is SELECT @@report_host, which names the DB instance.",
                        "Writes: one INSERT per new connection through the ANY endpoint; a reader refuses it with "
                                + "MySQL error 1290 (the server is running with the --read-only option)."));
    }

    /** The spread measured through {@code endpoint}: every one of {@link #ENDPOINTS} is measured. */
    private static Map<String, Integer> of(Map<String, Map<String, Integer>> spreads, String endpoint) {
        return requireNonNull(spreads.get(endpoint), endpoint);
    }

    private static List<String> conclusions(Verdict v, List<String> instances) {
        return List.of(
                String.format(Locale.ROOT, "Cluster endpoint: %s — every connection on the writer.", v.clusterSpread()),
                String.format(Locale.ROOT, "Reader endpoint: %s — the readers only.", v.readerSpread()),
                String.format(Locale.ROOT, "Custom READER with static member %s: %s.", instances.get(1),
                        v.staticReaderSpread()),
                String.format(Locale.ROOT, "Custom ANY excluding %s: %s — %.0f%% of writes through it failed (%s).",
                        instances.get(2), v.anyExclusionSpread(), v.anyWriteFailureRate() * 100,
                        v.anyWriteErrorCodes().isEmpty() ? "no errors" : "MySQL error codes " + v.anyWriteErrorCodes()),
                "New instance " + v.addedInstance() + " picked up by: " + String.join(", ", v.pickedUpBy())
                        + "; not by: " + String.join(", ", v.notPickedUpBy()) + ".");
    }

    private static Table table(String title, Map<String, Map<String, Integer>> before,
                               Map<String, Map<String, Integer>> after, List<String> instances) {
        List<String> header = new ArrayList<>(List.of("endpoint", "when"));
        header.addAll(instances);
        Table.Builder table = Table.builder(title, header.toArray(String[]::new));
        for (String endpoint : ENDPOINTS) {
            for (var phase : List.of(Map.entry("3 instances", before), Map.entry("4 instances", after))) {
                List<Object> row = new ArrayList<>(List.of(endpoint, phase.getKey()));
                for (String instance : instances) {
                    row.add(of(phase.getValue(), endpoint).getOrDefault(instance, 0));
                }
                table.row(row.toArray());
            }
        }
        return table.build();
    }

    private static Chart chart(String title, Map<String, Map<String, Integer>> spread, List<String> instances,
                               int connections) {
        List<Chart.BarSeries> series = new ArrayList<>();
        for (String instance : instances) {
            List<Double> values = new ArrayList<>();
            for (String endpoint : ENDPOINTS) {
                values.add((double) of(spread, endpoint).getOrDefault(instance, 0));
            }
            series.add(new Chart.BarSeries(instance, values));
        }
        return new Chart.Bar(title, "connections (of " + connections + ")",
                List.of("cluster", "reader", "READER static", "ANY excl."), series);
    }

    /** Opens {@code n} new connections through {@code host}; counts which instance answered each. */
    private static Map<String, Integer> spread(String host, int port, int n) throws SQLException {
        Map<String, Integer> answered = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            try (Connection connection = Aurora.connect(host, port, Duration.ofSeconds(5))) {
                answered.merge(Aurora.queryString(connection, "SELECT @@report_host"), 1, Integer::sum);
            }
        }
        return answered;
    }

    private static String customEndpoint(LabContext context, String id) throws InterruptedException {
        Waits.until("custom endpoint " + id + " to be available", Aurora.AVAILABLE_TIMEOUT, () -> "available".equals(
                context.rds().describeDBClusterEndpoints(r -> r.dbClusterEndpointIdentifier(id)).dbClusterEndpoints()
                        .getFirst().status()));
        return context.rds().describeDBClusterEndpoints(r -> r.dbClusterEndpointIdentifier(id)).dbClusterEndpoints()
                .getFirst().endpoint();
    }
}

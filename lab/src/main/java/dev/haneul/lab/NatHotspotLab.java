package dev.haneul.lab;

import static dev.haneul.lab.StickyVsStoreLab.share;
import static java.util.Objects.requireNonNull;

import dev.haneul.lab.report.Chart;
import dev.haneul.lab.report.Table;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * A thousand employees behind one office router (one source address) versus the same users on
 * their own addresses, through a Network Load Balancer with source-address stickiness, an ALB with
 * cookie stickiness and an ALB without stickiness; the load each of three app instances gets.
 * Source addresses are simulated on loopback: each user's client socket is bound to its own
 * {@code 127.x.y.z} address before it connects (Linux routes all of 127.0.0.0/8 to loopback).
 */
public final class NatHotspotLab implements Lab {

    static final String PREFIX = "lab-nat-hotspot";
    /** The office router's address, as the load balancer sees it. */
    private static final String OFFICE = "127.77.0.1";
    /** Users on their own addresses: 127.78.x.y. */
    private static final int SPREAD_SECOND_OCTET = 78;
    private static final int CONCURRENCY = 48;

    /**
     * @param users simulated users per run
     * @param requestsPerUser requests each user sends, one connection each, with its own cookie jar
     * @param maxShare run → the busiest instance's share (1/3 is an even spread; 1 is a hot spot)
     * @param hotspots runs where one instance took more than half the load
     * @param failedRequests requests without an answer, over all runs
     */
    public record Verdict(int users, int requestsPerUser, Map<String, Double> maxShare, List<String> hotspots,
                          int failedRequests) {}

    @Override
    public String name() {
        return "nat-hotspot";
    }

    @Override
    public String question() {
        return "A thousand users behind one office NAT address: how is the load spread with NLB source-IP stickiness, "
                + "ALB cookie stickiness and no stickiness?";
    }

    /** One measured combination. */
    private record Run(String key, String label, LoadBalancers.Entry entry, boolean oneAddress) {}

    @Override
    public LabResult run(LabContext context) throws Exception {
        int users = context.pick(1000, 200);
        int requestsPerUser = context.pick(3, 2);
        List<AppFleet.Instance> apps = AppFleet.start(context, List.of(PREFIX + "-1", PREFIX + "-2", PREFIX + "-3"),
                "memory", null, 0);
        LoadBalancer nlb = LoadBalancers.network(context, PREFIX + "-nlb");
        LoadBalancer alb = LoadBalancers.application(context, PREFIX);
        var sourceIp = LoadBalancers.forward(context, nlb, 8001, PREFIX + "-tcp", apps, "source_ip");
        var cookie = LoadBalancers.forward(context, alb, 8002, PREFIX + "-cookie", apps, "lb_cookie");
        var none = LoadBalancers.forward(context, alb, 8003, PREFIX + "-none", apps, null);
        List<Run> runs = new ArrayList<>();
        for (boolean one : List.of(true, false)) {
            String where = one ? "one address" : users + " addresses";
            runs.add(new Run("nlb-source-ip/" + (one ? "one" : "spread"), "NLB source_ip, " + where, sourceIp, one));
            runs.add(new Run("alb-lb-cookie/" + (one ? "one" : "spread"), "ALB lb_cookie, " + where, cookie, one));
            runs.add(new Run("alb-none/" + (one ? "one" : "spread"), "ALB no stickiness, " + where, none, one));
        }

        Map<String, Double> maxShare = new LinkedHashMap<>();
        List<String> hotspots = new ArrayList<>();
        int failed = 0;
        Table.Builder table = Table.builder("Requests per instance", "load balancer, users' addresses",
                apps.get(0).name(), apps.get(1).name(), apps.get(2).name(), "busiest share", "failed");
        List<List<Double>> barValues = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            barValues.add(new ArrayList<>());
        }
        for (Run run : runs) {
            Map<String, Integer> counts = new TreeMap<>();
            int runFailed = measure(run, users, requestsPerUser, counts);
            failed += runFailed;
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            Map<String, Double> runShares = new TreeMap<>();
            for (AppFleet.Instance app : apps) {
                runShares.put(app.name(), total == 0 ? 0 : (double) counts.getOrDefault(app.name(), 0) / total);
            }
            double max = runShares.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            maxShare.put(run.key(), max);
            if (max > 0.5) {
                hotspots.add(run.key());
            }
            table.row(run.label(), counts.getOrDefault(apps.get(0).name(), 0), counts.getOrDefault(apps.get(1).name(), 0),
                    counts.getOrDefault(apps.get(2).name(), 0), String.format(Locale.ROOT, "%.0f%%", max * 100), runFailed);
            for (int i = 0; i < apps.size(); i++) {
                barValues.get(i).add(share(counts.getOrDefault(apps.get(i).name(), 0), total));
            }
            context.log("%-40s %s", run.label(), counts);
        }
        List<Chart.BarSeries> bars = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            bars.add(new Chart.BarSeries(apps.get(i).name(), barValues.get(i)));
        }
        Verdict verdict = new Verdict(users, requestsPerUser, maxShare, hotspots, failed);
        List<String> conclusions = List.of(
                String.format(Locale.ROOT, "NLB with source_ip stickiness: from one office address, %.0f%% of the load "
                        + "lands on one instance; from %d addresses the busiest gets %.0f%%.",
                        percent(maxShare, "nlb-source-ip/one"), users, percent(maxShare, "nlb-source-ip/spread")),
                String.format(Locale.ROOT, "ALB with lb_cookie stickiness: the busiest instance gets %.0f%% from one "
                        + "address and %.0f%% from many — the cookie, not the address, picks the instance.",
                        percent(maxShare, "alb-lb-cookie/one"), percent(maxShare, "alb-lb-cookie/spread")),
                String.format(Locale.ROOT, "ALB without stickiness: %.0f%% / %.0f%% — round robin, whatever the address.",
                        percent(maxShare, "alb-none/one"), percent(maxShare, "alb-none/spread")),
                hotspots.isEmpty() ? "No hot spot." : "Hot spots (one instance over half the load): "
                        + String.join(", ", hotspots) + ".");
        return new LabResult(verdict, conclusions, List.of(table.build()), List.of(new Chart.Bar(
                        "Share of the requests per instance", "% of requests",
                        List.of("NLB src_ip 1", "ALB cookie 1", "ALB none 1", "NLB src_ip N", "ALB cookie N", "ALB none N"),
                        bars)),
                List.of(String.format(Locale.ROOT, "%d simulated users per run, %d requests each (GET /), one TCP connection "
                                + "per request, %d users at a time; each user keeps its own cookies.", users,
                                requestsPerUser, CONCURRENCY),
                        "Source addresses are simulated on loopback: each client socket is bound to " + OFFICE
                                + " (the office router, \"1\" in the chart) or to the user's own address 127."
                                + SPREAD_SECOND_OCTET + ".x.y (\"N\") before it connects; Linux routes all of 127.0.0.0/8 "
                                + "to the loopback interface, so the load balancers see those addresses as the clients'.",
                        "NLB: a TCP listener whose target group has stickiness.type=source_ip. ALB: HTTP listeners, "
                                + "stickiness.type=lb_cookie or none. Three instances of the labs' session app, shared by "
                                + "the three target groups."));
    }

    /** Sends every user's requests through the run's listener; counts answers per instance; returns failures. */
    private static int measure(Run run, int users, int requestsPerUser, Map<String, Integer> counts) throws Exception {
        Map<String, AtomicInteger> perInstance = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        Semaphore slots = new Semaphore(CONCURRENCY);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < users; u++) {
                InetAddress from = run.oneAddress() ? InetAddress.getByName(OFFICE) : userAddress(u);
                VirtualUser user = new VirtualUser("user-" + u, from, run.entry().host(), run.entry().port());
                slots.acquire();
                executor.execute(() -> {
                    try {
                        for (int r = 0; r < requestsPerUser; r++) {
                            WebClient.Response response = user.get("/");
                            if (response.ok()) {
                                perInstance.computeIfAbsent(response.instance(), i -> new AtomicInteger()).incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        perInstance.forEach((instance, count) -> counts.put(instance, count.get()));
        return failed.get();
    }

    private static InetAddress userAddress(int user) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {127, (byte) SPREAD_SECOND_OCTET, (byte) (user / 250),
                (byte) (user % 250 + 1)});
    }

    /** The busiest instance's share in {@code run}, in percent; every run was measured. */
    private static double percent(Map<String, Double> maxShare, String run) {
        return requireNonNull(maxShare.get(run), run) * 100;
    }
}

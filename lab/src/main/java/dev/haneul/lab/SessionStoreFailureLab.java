package dev.haneul.lab;

import static dev.haneul.lab.StickyVsStoreLab.percent;
import static dev.haneul.lab.StickyVsStoreLab.share;

import dev.haneul.lab.report.Chart;
import dev.haneul.lab.report.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Logged-in users of an app that keeps its sessions in ElastiCache when the cache primary dies:
 * a replication group of one node (no replica) next to one of two nodes with automatic failover,
 * each behind its own listener with two app instances. Both primaries are killed with SIGKILL at
 * the same moment.
 */
public final class SessionStoreFailureLab implements Lab {

    static final String PREFIX = "lab-session-store-failure";
    private static final String SOLO = PREFIX + "-solo";
    private static final String HA = PREFIX + "-ha";

    /**
     * @param usersPerScenario logged-in users behind each listener
     * @param soloUsersLoggedOut users logged out after the kill, primary without a replica
     * @param soloFailedRequests requests answered 503 (session store unavailable) or not at all
     * @param soloErrorWindowMillis from the kill to the last failed request
     * @param haUsersLoggedOut users logged out after the kill, primary with a replica and automatic failover
     * @param haFailedRequests requests that failed
     * @param haErrorWindowMillis from the kill to the last failed request
     * @param haNewPrimary the node that took over
     */
    public record Verdict(int usersPerScenario, int soloUsersLoggedOut, int soloFailedRequests,
                          long soloErrorWindowMillis, int haUsersLoggedOut, int haFailedRequests,
                          long haErrorWindowMillis, String haNewPrimary) {}

    @Override
    public String name() {
        return "session-store-failure";
    }

    @Override
    public String question() {
        return "The ElastiCache primary holding the sessions dies: what do logged-in users see, with and without a replica?";
    }

    @Override
    public LabResult run(LabContext context) throws Exception {
        int users = context.pick(100, 30);
        double warmSeconds = context.pick(5.0, 3.0);
        double afterSeconds = context.pick(15.0, 8.0);
        Duration pace = Duration.ofMillis(context.pick(500, 500));

        context.log("creating replication groups %s (1 node) and %s (2 nodes, automatic failover)", SOLO, HA);
        context.elasticache().createReplicationGroup(r -> r.replicationGroupId(SOLO)
                .replicationGroupDescription("sessions without a replica").numCacheClusters(1));
        context.elasticache().createReplicationGroup(r -> r.replicationGroupId(HA)
                .replicationGroupDescription("sessions with a replica").numCacheClusters(2).automaticFailoverEnabled(true));
        Endpoint solo = Caches.awaitAvailable(context, SOLO).nodeGroups().getFirst().primaryEndpoint();
        Endpoint ha = Caches.awaitAvailable(context, HA).nodeGroups().getFirst().primaryEndpoint();
        List<AppFleet.Instance> soloApps = AppFleet.start(context, List.of(SOLO + "-1", SOLO + "-2"), "redis",
                solo.address(), solo.port());
        List<AppFleet.Instance> haApps = AppFleet.start(context, List.of(HA + "-1", HA + "-2"), "redis", ha.address(),
                ha.port());
        LoadBalancer alb = LoadBalancers.application(context, PREFIX);
        var soloEntry = LoadBalancers.forward(context, alb, 8001, SOLO, soloApps, null);
        var haEntry = LoadBalancers.forward(context, alb, 8002, HA, haApps, null);
        List<SessionLoad.Scenario> scenarios = List.of(
                new SessionLoad.Scenario("solo", "no replica", soloEntry.host(), soloEntry.port()),
                new SessionLoad.Scenario("ha", "replica + automatic failover", haEntry.host(), haEntry.port()));
        SessionLoad load = new SessionLoad(scenarios, users, pace);
        load.start(context);
        Waits.elapse("the users to browse", System.nanoTime(), warmSeconds);
        String soloEngine = "elasticache/" + SOLO + "-001";
        String haEngine = "elasticache/" + HA + "-001";
        long soloPid = context.enginePid(soloEngine);
        long haPid = context.enginePid(haEngine);
        long killedAt = load.incident();
        context.killEngine(soloEngine, soloPid);
        context.killEngine(haEngine, haPid);
        context.log("killed the primaries %s (pid %d) and %s (pid %d) with SIGKILL; users keep browsing for %.0f s",
                soloEngine, soloPid, haEngine, haPid, afterSeconds);
        Waits.elapse("the users to browse after the kill", killedAt, afterSeconds);
        load.stop();
        String haPrimary = Caches.describe(context, HA).nodeGroups().getFirst().nodeGroupMembers().stream()
                .filter(m -> "primary".equals(m.currentRole())).map(m -> m.cacheClusterId()).findFirst().orElse("-");

        SessionLoad.Stats s = load.stats("solo");
        SessionLoad.Stats h = load.stats("ha");
        Verdict verdict = new Verdict(users, s.loggedOut.size(), s.failed.get(), window(s, killedAt),
                h.loggedOut.size(), h.failed.get(), window(h, killedAt), haPrimary);
        Table.Builder table = Table.builder("After the cache primary was killed", "session store", "users", "logged out",
                "logged out %", "requests", "failed (503)", "errors for");
        for (SessionLoad.Scenario sc : scenarios) {
            SessionLoad.Stats st = load.stats(sc.key());
            table.row(sc.label(), users, st.loggedOut.size(), percent(st.loggedOut.size(), users), st.requests.get(),
                    st.failed.get(), st.failed.get() == 0 ? "-" : window(st, killedAt) + " ms");
        }
        List<Chart.Series> lines = new ArrayList<>();
        for (SessionLoad.Scenario sc : scenarios) {
            for (String kind : List.of("ok", "failed", "logged-out")) {
                lines.add(load.timeline().rate(sc.key() + ":" + kind, sc.key() + ": " + kind, killedAt, 0.5,
                        -warmSeconds, afterSeconds));
            }
        }
        List<String> conclusions = List.of(
                String.format(Locale.ROOT, "Without a replica: requests failed with 503 for %d ms while the node was "
                        + "replaced, and it came back empty: %d of %d logged-in users (%s) were logged out.",
                        verdict.soloErrorWindowMillis(), s.loggedOut.size(), users, percent(s.loggedOut.size(), users)),
                String.format(Locale.ROOT, "With a replica and automatic failover: %d requests failed (for %d ms) while "
                        + "%s took over; %d users were logged out.", h.failed.get(), verdict.haErrorWindowMillis(),
                        haPrimary, h.loggedOut.size()));
        return new LabResult(verdict, conclusions, List.of(table.build()), List.of(
                new Chart.Line("What logged-in users saw (solo: no replica; ha: replica + failover)",
                        "seconds since the kill", "requests / s",
                        lines, List.of(new Chart.Marker(0, "kill -9 primary"))),
                new Chart.Bar("Users logged out and requests failed", "% of users / % of requests",
                        scenarios.stream().map(SessionLoad.Scenario::label).toList(), List.of(
                                new Chart.BarSeries("users logged out %", List.of(share(s.loggedOut.size(), users),
                                        share(h.loggedOut.size(), users))),
                                new Chart.BarSeries("requests failed %", List.of(share(s.failed.get(), s.requests.get()),
                                        share(h.failed.get(), h.requests.get())))))),
                List.of(String.format(Locale.ROOT, "%d users per scenario, each logged in once, then GET /api/me every %d ms "
                                + "for %.0f s before and %.0f s after the kill, through an ALB without stickiness to two "
                                + "app instances.", users, pace.toMillis(), warmSeconds, afterSeconds),
                        "The app reads the session from Redis on every request (as Spring Session does); when Redis does "
                                + "not answer within 1 s it answers 503 with Retry-After, and the next request dials "
                                + "the primary endpoint again.",
                        "A user answered 401 after the kill has lost its session; it is counted once and logs in again.",
                        "The app is the labs' small purpose-built session app (JDK HTTP server, a minimal Redis client), "
                                + "run by Haneul's apps API."));
    }

    private static long window(SessionLoad.Stats stats, long killedAt) {
        return stats.failed.get() == 0 ? 0 : (stats.lastFailure.get() - killedAt) / 1_000_000;
    }
}

package dev.haneul.lab;

import dev.haneul.lab.report.Chart;
import dev.haneul.lab.report.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Logged-in users behind an ALB when one of three app instances dies, three ways: (a) lb_cookie
 * stickiness with sessions in each server's memory, (b) no stickiness with sessions in ElastiCache,
 * (c) both. Six app instances: three keep sessions in memory (a), three in Redis (b and c share
 * them through two target groups). One of each kind is killed with SIGKILL at the same moment.
 */
public final class StickyVsStoreLab implements Lab {

    static final String PREFIX = "lab-sticky-vs-store";

    /**
     * @param usersPerScenario logged-in users behind each listener
     * @param killedInstances the instances killed (one memory-session, one Redis-session)
     * @param lostStickyMemory users of (a) logged out after the kill
     * @param lostStoreNoStickiness users of (b) logged out after the kill
     * @param lostStickyAndStore users of (c) logged out after the kill
     * @param failedStickyMemory requests of (a) that failed after the kill (502 until health checks notice)
     * @param failedStoreNoStickiness requests of (b) that failed after the kill
     * @param failedStickyAndStore requests of (c) that failed after the kill
     * @param requestsAfterKill requests per scenario after the kill (about the same for each)
     */
    public record Verdict(int usersPerScenario, List<String> killedInstances, int lostStickyMemory,
                          int lostStoreNoStickiness, int lostStickyAndStore, int failedStickyMemory,
                          int failedStoreNoStickiness, int failedStickyAndStore, int requestsAfterKill) {}

    @Override
    public String name() {
        return "sticky-vs-store";
    }

    @Override
    public String question() {
        return "One app server dies: which logged-in users lose their session with sticky sessions in server memory, "
                + "with sessions in ElastiCache, and with both?";
    }

    @Override
    public LabResult run(LabContext context) throws Exception {
        int users = context.pick(150, 30);
        double warmSeconds = context.pick(5.0, 3.0);
        double afterSeconds = context.pick(20.0, 14.0);
        Duration pace = Duration.ofMillis(context.pick(1000, 500));

        context.log("creating replication group %s (the session store)", PREFIX);
        context.elasticache().createReplicationGroup(r -> r.replicationGroupId(PREFIX)
                .replicationGroupDescription("haneul lab sessions").numCacheClusters(1));
        List<AppFleet.Instance> memory = AppFleet.start(context, names("mem"), "memory", null, 0);
        Endpoint redis = Caches.awaitAvailable(context, PREFIX).nodeGroups().getFirst().primaryEndpoint();
        List<AppFleet.Instance> stored = AppFleet.start(context, names("redis"), "redis", redis.address(), redis.port());

        LoadBalancer alb = LoadBalancers.application(context, PREFIX);
        var a = LoadBalancers.forward(context, alb, 8001, PREFIX + "-a", memory, "lb_cookie");
        var b = LoadBalancers.forward(context, alb, 8002, PREFIX + "-b", stored, null);
        var c = LoadBalancers.forward(context, alb, 8003, PREFIX + "-c", stored, "lb_cookie");
        List<SessionLoad.Scenario> scenarios = List.of(
                new SessionLoad.Scenario("a", "(a) sticky + memory", a.host(), a.port()),
                new SessionLoad.Scenario("b", "(b) ElastiCache, not sticky", b.host(), b.port()),
                new SessionLoad.Scenario("c", "(c) sticky + ElastiCache", c.host(), c.port()));
        SessionLoad load = new SessionLoad(scenarios, users, pace);
        load.start(context);
        Waits.elapse("the users to browse", System.nanoTime(), warmSeconds);
        List<String> killed = List.of(memory.get(1).name(), stored.get(1).name());
        long killedAt = load.incident();
        for (String name : killed) {
            context.apps().kill(name);
        }
        context.log("killed %s with SIGKILL; users keep browsing for %.0f s", killed, afterSeconds);
        Waits.elapse("the users to browse after the kill", killedAt, afterSeconds);
        load.stop();

        SessionLoad.Stats sa = load.stats("a");
        SessionLoad.Stats sb = load.stats("b");
        SessionLoad.Stats sc = load.stats("c");
        Verdict verdict = new Verdict(users, killed, sa.loggedOut.size(), sb.loggedOut.size(), sc.loggedOut.size(),
                sa.failed.get(), sb.failed.get(), sc.failed.get(), sa.requests.get());
        Table.Builder table = Table.builder("After one instance of three was killed", "scenario", "users",
                "logged out", "logged out %", "requests", "failed", "failed %", "failures for");
        for (SessionLoad.Scenario s : scenarios) {
            SessionLoad.Stats st = load.stats(s.key());
            table.row(s.label(), users, st.loggedOut.size(), percent(st.loggedOut.size(), users), st.requests.get(),
                    st.failed.get(), percent(st.failed.get(), st.requests.get()),
                    st.failed.get() == 0 ? "-" : seconds(st.lastFailure.get() - killedAt));
        }
        List<Chart.Series> perInstance = new ArrayList<>();
        for (AppFleet.Instance instance : concat(memory, stored)) {
            perInstance.add(load.timeline().rate("instance:" + instance.name(),
                    instance.name().substring(PREFIX.length() + 1), killedAt, 1.0,
                    -warmSeconds, afterSeconds));
        }
        List<String> conclusions = List.of(
                String.format(Locale.ROOT, "(a) Sticky sessions in server memory: %d of %d users (%s) lost their session "
                        + "with %s.", sa.loggedOut.size(), users, percent(sa.loggedOut.size(), users), killed.get(0)),
                String.format(Locale.ROOT, "(b) Sessions in ElastiCache, no stickiness: %d users lost their session; "
                        + "%d requests failed (%s of them) until the health checks took %s out.", sb.loggedOut.size(),
                        sb.failed.get(), percent(sb.failed.get(), sb.requests.get()), killed.get(1)),
                String.format(Locale.ROOT, "(c) Both: %d users lost their session; %d requests failed (%s): only the "
                        + "users pinned to %s, until the health checks noticed.", sc.loggedOut.size(), sc.failed.get(),
                        percent(sc.failed.get(), sc.requests.get()), killed.get(1)));
        return new LabResult(verdict, conclusions, List.of(table.build()), List.of(
                new Chart.Bar("Users logged out and requests failed after the kill", "% of users / % of requests",
                        scenarios.stream().map(SessionLoad.Scenario::label).toList(), List.of(
                                new Chart.BarSeries("users logged out %", List.of(share(sa.loggedOut.size(), users),
                                        share(sb.loggedOut.size(), users), share(sc.loggedOut.size(), users))),
                                new Chart.BarSeries("requests failed %", List.of(share(sa.failed.get(), sa.requests.get()),
                                        share(sb.failed.get(), sb.requests.get()),
                                        share(sc.failed.get(), sc.requests.get()))))),
                new Chart.Line("Requests per second per instance", "seconds since the kill", "requests / s", perInstance,
                        List.of(new Chart.Marker(0, "kill -9 " + String.join(", ", killed))))),
                List.of(String.format(Locale.ROOT, "%d users per scenario, each logged in once, then GET /api/me every %d ms "
                                + "for %.0f s before and %.0f s after the kill, one TCP connection per request.", users,
                                pace.toMillis(), warmSeconds, afterSeconds),
                        "A user answered 401 after the kill has lost its session; it is counted once and logs in again.",
                        "Failed = no answer or 502/503 from the load balancer: requests sent to the dead instance until "
                                + "two health checks 5 s apart (the fastest AWS allows) marked it unhealthy.",
                        "The app is a small purpose-built session app (JDK HTTP server; sessions in its memory or in "
                                + "Redis keys session:<id> with a 30-minute expiry), run by Haneul's apps API; its "
                                + "instances start in a fraction of a second, where Spring Boot's take several seconds each "
                                + "on two cores."));
    }

    private static List<String> names(String kind) {
        return List.of(PREFIX + "-" + kind + "-1", PREFIX + "-" + kind + "-2", PREFIX + "-" + kind + "-3");
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static double share(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }

    static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f%%", share(part, whole));
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "first %.1f s", nanos / 1e9);
    }
}

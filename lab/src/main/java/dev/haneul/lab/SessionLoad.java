package dev.haneul.lab;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logged-in users browsing through load balancer listeners, one group of users per scenario: each
 * user logs in, then asks {@code GET /api/me} at a steady pace. A user answered 401 after the
 * incident has lost its session: it is counted once and logs in again, as a person would. Every
 * answer is recorded by serving instance (load per instance) and by kind (ok, logged out, failed)
 * per scenario.
 */
final class SessionLoad {

    /** A group of users behind one listener. */
    record Scenario(String key, String label, String host, int port) {}

    /** What one scenario's users saw after the incident. */
    static final class Stats {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Set<String> loggedOut = ConcurrentHashMap.newKeySet();
        final AtomicLong lastFailure = new AtomicLong();
        final AtomicLong firstFailure = new AtomicLong();
    }

    private final List<Scenario> scenarios;
    private final int usersPerScenario;
    private final Duration pace;
    private final Timeline timeline = new Timeline();
    private final Map<String, Stats> stats = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private volatile long incidentAt = Long.MAX_VALUE;

    SessionLoad(List<Scenario> scenarios, int usersPerScenario, Duration pace) {
        this.scenarios = List.copyOf(scenarios);
        this.usersPerScenario = usersPerScenario;
        this.pace = pace;
        for (Scenario s : scenarios) {
            stats.put(s.key(), new Stats());
        }
    }

    Timeline timeline() {
        return timeline;
    }

    Stats stats(String scenario) {
        return requireNonNull(stats.get(scenario), scenario); // the constructor made one per scenario
    }

    int usersPerScenario() {
        return usersPerScenario;
    }

    /** Logs every user in, then lets them browse; fails when a login fails (the scenario cannot run). */
    void start(LabContext context) throws InterruptedException {
        List<VirtualUser> users = new ArrayList<>();
        Map<VirtualUser, Scenario> scenarioOf = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            for (int i = 1; i <= usersPerScenario; i++) {
                VirtualUser user = new VirtualUser(s.key() + "-user-" + i, null, s.host(), s.port());
                users.add(user);
                scenarioOf.put(user, s);
            }
        }
        Set<String> failedLogins = ConcurrentHashMap.newKeySet();
        List<Thread> logins = new ArrayList<>();
        for (VirtualUser user : users) {
            logins.add(Thread.ofVirtual().start(() -> {
                WebClient.Response response = user.login();
                if (!response.ok()) {
                    failedLogins.add(user.name + ": " + response.status() + " " + response.body().strip());
                }
            }));
        }
        for (Thread login : logins) {
            login.join();
        }
        if (!failedLogins.isEmpty()) {
            throw new IllegalStateException(failedLogins.size() + " login(s) failed, e.g. " + failedLogins.iterator().next());
        }
        context.log("%d users logged in (%d per scenario); browsing every %d ms", users.size(), usersPerScenario,
                pace.toMillis());
        for (VirtualUser user : users) {
            Scenario scenario = requireNonNull(scenarioOf.get(user));
            threads.add(Thread.ofVirtual().name(user.name).start(() -> browse(user, scenario)));
        }
    }

    private void browse(VirtualUser user, Scenario scenario) {
        Stats s = stats(scenario.key());
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(pace.toMillis() + 1)); // spread the users over the pace
            while (running.get()) {
                WebClient.Response response = user.me();
                long now = System.nanoTime();
                boolean after = now > incidentAt;
                if (response.status() != 0) {
                    timeline.record("instance:" + response.instance());
                }
                if (after) {
                    s.requests.incrementAndGet();
                }
                if (response.ok()) {
                    timeline.record(scenario.key() + ":ok");
                } else if (response.status() == 401) {
                    timeline.record(scenario.key() + ":logged-out");
                    if (after) {
                        s.loggedOut.add(user.name);
                    }
                    user.login();
                } else {
                    timeline.record(scenario.key() + ":failed");
                    if (after) {
                        s.failed.incrementAndGet();
                        s.firstFailure.compareAndSet(0, now);
                        s.lastFailure.set(now);
                    }
                }
                Thread.sleep(pace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Marks the incident: from now on, 401s are lost sessions and errors count. Returns its time. */
    long incident() {
        incidentAt = System.nanoTime();
        return incidentAt;
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10));
        }
    }
}

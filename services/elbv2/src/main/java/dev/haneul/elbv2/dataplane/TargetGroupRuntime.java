package dev.haneul.elbv2.dataplane;

import io.netty.util.collection.LongObjectHashMap;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target group at run time: its registered (and draining) targets with their health, and the
 * choice of a target for a request or a connection.
 *
 * <p><b>Which targets are routable.</b> The healthy ones, unless fewer are healthy than
 * {@code unhealthy_state_routing.minimum_healthy_targets} (count 1 by default, so "none"): then
 * every registered target is, healthy or not, including those still in {@code initial} — ALB's
 * fail-open. Draining targets never are: they finish what they have and get nothing new.
 *
 * <p><b>How one is chosen.</b> A valid stickiness cookie (or the NLB's source address) wins when
 * it names a routable target. Otherwise the algorithm: {@code round_robin} takes the next in
 * turn; {@code least_outstanding_requests} the one with the fewest requests in flight, starting
 * the scan at the round-robin position so ties rotate; {@code weighted_random} picks uniformly
 * (Haneul has no anomaly detection, so every weight is equal). While a target is in slow start its
 * weight grows linearly from 1/100 to 1 over the duration, and the choice is weighted-random over
 * those weights whatever the algorithm.
 *
 * <p><b>Concurrency.</b> Changes (a new snapshot, a health-check result, a drain ending) take the
 * group's lock and publish a new immutable {@link Routing}; the hot path reads that volatile
 * snapshot and two atomics, never the lock.
 */
final class TargetGroupRuntime {

    private static final Logger log = LoggerFactory.getLogger(TargetGroupRuntime.class);
    private static final double SLOW_START_FLOOR = 0.01;

    final String arn;
    /** The scope of its {@code AWSALB}/{@code AWSALBAPP} cookies. */
    final int cookieScope;
    private final Clock clock;
    private final Consumer<TargetState> onGone;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, TargetState> targets = new LinkedHashMap<>();
    private volatile TargetGroupConfig config;
    private volatile boolean inUse;
    private volatile Routing routing = Routing.EMPTY;

    /**
     * @param onGone told when a target has finished draining and is forgotten (its connections
     *     must be cut)
     */
    TargetGroupRuntime(TargetGroupConfig config, Clock clock, Consumer<TargetState> onGone) {
        this.arn = config.arn();
        this.cookieScope = StickinessCookieCodec.scope(config.arn());
        this.clock = clock;
        this.onGone = onGone;
        this.config = config;
    }

    TargetGroupConfig config() {
        return config;
    }

    boolean inUse() {
        return inUse;
    }

    String name() {
        return config.name();
    }

    /**
     * Converges to a new snapshot: new targets start {@code initial} (or {@code unused} when no
     * listener uses the group) and are checked at once; targets gone from the snapshot start
     * draining; a draining target registered again starts over.
     */
    synchronized void update(TargetGroupConfig newConfig, boolean nowInUse) {
        long now = clock.millis();
        boolean becameUsed = nowInUse && !inUse;
        config = newConfig;
        inUse = nowInUse;
        Map<String, TargetConfig> wanted = new LinkedHashMap<>();
        newConfig.targets().forEach(t -> wanted.put(t.key(), t));
        List<TargetState> drained = new ArrayList<>();
        for (TargetState target : List.copyOf(targets.values())) {
            if (!wanted.containsKey(target.key) && target.state() != HealthState.DRAINING) {
                long delay = newConfig.settings().deregistrationDelay().toMillis();
                target.set(HealthState.DRAINING, "Target.DeregistrationInProgress", "Target deregistration is in progress");
                target.drainUntil(now + delay);
                target.markHealthySince(Long.MIN_VALUE);
                log.info("elbv2/{} - target {} deregistered, draining for {} ms", config.name(), target.key, delay);
                if (delay == 0) {
                    targets.remove(target.key);
                    drained.add(target);
                }
            }
        }
        for (TargetConfig t : wanted.values()) {
            TargetState existing = targets.get(t.key());
            if (existing == null || existing.state() == HealthState.DRAINING) {
                TargetState fresh = nowInUse
                        ? new TargetState(t, HealthState.INITIAL, "Elb.RegistrationInProgress", "Target registration is in progress")
                        : notInUse(t);
                fresh.nextCheckAt = now;
                targets.put(t.key(), fresh);
            }
        }
        if (becameUsed) {
            for (TargetState target : targets.values()) {
                if (target.state() == HealthState.UNUSED) {
                    target.set(HealthState.INITIAL, "Elb.RegistrationInProgress", "Target registration is in progress");
                    target.passes = 0;
                    target.failures = 0;
                    target.nextCheckAt = now;
                }
            }
        } else if (!nowInUse) {
            for (TargetState target : targets.values()) {
                if (target.state() != HealthState.DRAINING && target.state() != HealthState.UNUSED) {
                    target.set(HealthState.UNUSED, "Target.NotInUse",
                            "Target group is not configured to receive traffic from the load balancer");
                    target.markHealthySince(Long.MIN_VALUE);
                }
            }
        }
        publish(now);
        drained.forEach(onGone);
    }

    private static TargetState notInUse(TargetConfig t) {
        return new TargetState(t, HealthState.UNUSED, "Target.NotInUse",
                "Target group is not configured to receive traffic from the load balancer");
    }

    /** Every target, draining ones included, in registration order. */
    synchronized List<TargetState> targets() {
        return List.copyOf(targets.values());
    }

    /**
     * Applies one health-check result. Healthy after one pass from {@code initial} and after
     * {@code healthyThreshold} passes from {@code unhealthy}; unhealthy after
     * {@code unhealthyThreshold} failures.
     */
    synchronized void onCheck(TargetState target, boolean passed, @Nullable String reason,
                              @Nullable String description) {
        if (targets.get(target.key) != target || !inUse) {
            return;
        }
        HealthState state = target.state();
        if (state == HealthState.DRAINING || state == HealthState.UNUSED) {
            return;
        }
        HealthCheckSettings check = config.healthCheck();
        long now = clock.millis();
        if (passed) {
            target.failures = 0;
            target.passes++;
            boolean becomesHealthy = state == HealthState.INITIAL
                    || state == HealthState.UNHEALTHY && target.passes >= check.healthyThreshold();
            if (becomesHealthy) {
                target.set(HealthState.HEALTHY, null, null);
                target.markHealthySince(now);
                log.info("elbv2/{} - target {} is healthy", config.name(), target.key);
                publish(now);
            }
        } else {
            target.passes = 0;
            target.failures++;
            if (state == HealthState.UNHEALTHY) {
                target.set(HealthState.UNHEALTHY, reason, description);
            } else if (target.failures >= check.unhealthyThreshold()) {
                target.set(HealthState.UNHEALTHY, reason, description);
                target.markHealthySince(Long.MIN_VALUE);
                log.info("elbv2/{} - target {} is unhealthy: {}", config.name(), target.key, description);
                publish(now);
            } else if (state == HealthState.INITIAL) {
                target.set(HealthState.INITIAL, "Elb.InitialHealthChecking", "Initial health checks in progress");
            }
        }
    }

    /** Forgets targets whose deregistration delay is over; their connections are cut. */
    void expireDraining() {
        List<TargetState> gone = new ArrayList<>();
        synchronized (this) {
            long now = clock.millis();
            for (TargetState target : List.copyOf(targets.values())) {
                if (target.state() == HealthState.DRAINING && target.drainUntil() <= now) {
                    targets.remove(target.key);
                    gone.add(target);
                    log.info("elbv2/{} - target {} finished draining", config.name(), target.key);
                }
            }
        }
        gone.forEach(onGone);
    }

    /** Everything this group holds is being dropped (group deleted): cut its connections. */
    synchronized List<TargetState> clear() {
        List<TargetState> all = List.copyOf(targets.values());
        targets.clear();
        routing = Routing.EMPTY;
        return all;
    }

    private void publish(long now) {
        List<TargetState> registered = new ArrayList<>();
        List<TargetState> healthy = new ArrayList<>();
        for (TargetState target : targets.values()) {
            HealthState s = target.state();
            if (s == HealthState.DRAINING) {
                continue;
            }
            registered.add(target);
            if (s == HealthState.HEALTHY) {
                healthy.add(target);
            }
        }
        TargetGroupSettings settings = config.settings();
        int minimum = Math.max(settings.minimumHealthyCount(), 0);
        if (settings.minimumHealthyPercentage().isPresent()) {
            int pct = settings.minimumHealthyPercentage().getAsInt();
            minimum = Math.max(minimum, (int) Math.ceil(registered.size() * pct / 100.0));
        }
        boolean failOpen = healthy.size() < Math.max(minimum, 1) && inUse;
        List<TargetState> routable = failOpen ? registered : healthy;
        if (!inUse) {
            routable = List.of();
        }
        LongObjectHashMap<TargetState> bySubject = new LongObjectHashMap<>();
        long slowStartUntil = Long.MIN_VALUE;
        long slowStart = settings.slowStart().toMillis();
        for (TargetState target : routable) {
            bySubject.put(target.subject, target);
            if (slowStart > 0 && target.healthySince() != Long.MIN_VALUE) {
                slowStartUntil = Math.max(slowStartUntil, target.healthySince() + slowStart);
            }
        }
        routing = new Routing(routable.toArray(TargetState[]::new), bySubject, registered.size(), failOpen,
                slowStartUntil);
    }

    /** Whether any target is registered (draining ones are not); without one, ALB answers 503. */
    boolean hasRegisteredTargets() {
        return routing.registered > 0;
    }

    /** The routable target a stickiness value names, or {@code null}. */
    @Nullable TargetState routable(long subject) {
        return routing.bySubject.get(subject);
    }

    /** A target for one request by the group's algorithm, or {@code null} when none is routable. */
    @Nullable TargetState choose() {
        Routing r = routing;
        TargetState[] routable = r.routable;
        int n = routable.length;
        if (n <= 1) {
            return n == 0 ? null : routable[0];
        }
        if (r.slowStartUntil != Long.MIN_VALUE) {
            long now = clock.millis();
            if (now < r.slowStartUntil) {
                return slowStartChoice(routable, now);
            }
        }
        return switch (config.settings().algorithm()) {
            case ROUND_ROBIN -> routable[Math.floorMod(next.getAndIncrement(), n)];
            case WEIGHTED_RANDOM -> routable[ThreadLocalRandom.current().nextInt(n)];
            case LEAST_OUTSTANDING_REQUESTS -> {
                int start = Math.floorMod(next.getAndIncrement(), n);
                TargetState best = routable[start];
                int bestCount = best.outstanding.get();
                for (int i = 1; i < n && bestCount > 0; i++) {
                    TargetState candidate = routable[(start + i) % n];
                    int count = candidate.outstanding.get();
                    if (count < bestCount) {
                        best = candidate;
                        bestCount = count;
                    }
                }
                yield best;
            }
        };
    }

    private TargetState slowStartChoice(TargetState[] routable, long now) {
        long duration = config.settings().slowStart().toMillis();
        double[] weights = new double[routable.length];
        double total = 0;
        for (int i = 0; i < routable.length; i++) {
            long since = routable[i].healthySince();
            double w = since == Long.MIN_VALUE || duration <= 0 ? 1
                    : Math.max(SLOW_START_FLOOR, Math.min(1, (now - since) / (double) duration));
            weights[i] = w;
            total += w;
        }
        double pick = ThreadLocalRandom.current().nextDouble(total);
        for (int i = 0; i < routable.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return routable[i];
            }
        }
        return routable[routable.length - 1];
    }

    /**
     * A target for a new NLB connection: rendezvous hashing of the client's address (with its port
     * too, unless {@code sourceIpSticky}) over the routable targets, so a client keeps its target
     * while that target stays routable, and only the clients of a target that leaves move.
     */
    @Nullable TargetState chooseForConnection(InetAddress client, int clientPort, boolean sourceIpSticky) {
        TargetState[] routable = routing.routable;
        if (routable.length == 0) {
            return null;
        }
        long key = Arrays.hashCode(client.getAddress()) * 0x9E3779B97F4A7C15L;
        if (!sourceIpSticky) {
            key ^= (clientPort + 1) * 0xC2B2AE3D27D4EB4FL;
        }
        TargetState best = null;
        long bestScore = Long.MIN_VALUE;
        for (TargetState target : routable) {
            long score = mix(key ^ target.subject);
            if (best == null || score > bestScore) {
                best = target;
                bestScore = score;
            }
        }
        return best;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** An immutable routing snapshot. */
    private record Routing(TargetState[] routable, LongObjectHashMap<TargetState> bySubject, int registered,
                           boolean failOpen, long slowStartUntil) {
        static final Routing EMPTY = new Routing(new TargetState[0], new LongObjectHashMap<>(), 0, false, Long.MIN_VALUE);
    }
}

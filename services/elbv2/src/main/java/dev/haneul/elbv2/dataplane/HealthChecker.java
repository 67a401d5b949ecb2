package dev.haneul.elbv2.dataplane;

import dev.haneul.core.netty.EventLoopRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every target group's health checks and drains from one event loop.
 *
 * <p>Every {@code tick} of real time it looks at the injected clock: a target whose next check is
 * due gets a {@link HealthProbe} (the next one is due an interval after this one started, however
 * long it takes, as ALB's schedule does); a draining target past its deregistration delay is
 * forgotten. Because due-ness is read from the clock, a test that advances a fake clock sees the
 * next check within one tick, without sleeping through a 5-second interval. A probe's own timeout
 * is real time: a check that answers in a millisecond must not fail because a test moved the clock
 * while it ran; one that has not answered after the group's timeout fails with
 * {@code Target.Timeout}. Only groups that a listener uses are
 * checked; the others' targets stay {@code unused}.
 */
final class HealthChecker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final Clock clock;
    private final Supplier<Collection<TargetGroupRuntime>> groups;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ScheduledFuture<?> task;

    HealthChecker(EventLoopRuntime runtime, Clock clock, Duration tick, Supplier<Collection<TargetGroupRuntime>> groups) {
        this.clock = clock;
        this.groups = groups;
        this.loop = runtime.group().next();
        this.bootstrap = runtime.bootstrap(loop);
        long period = Math.max(1, tick.toMillis());
        this.task = loop.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long now = clock.millis();
            for (TargetGroupRuntime group : groups.get()) {
                group.expireDraining();
                if (!group.inUse()) {
                    continue;
                }
                HealthCheckSettings settings = group.config().healthCheck();
                for (TargetState target : group.targets()) {
                    HealthState state = target.state();
                    if (state == HealthState.DRAINING || state == HealthState.UNUSED) {
                        continue;
                    }
                    HealthProbe probe = target.probe;
                    if (probe != null && !probe.finished()
                            && System.nanoTime() - probe.startedNanos >= settings.timeout().toNanos()) {
                        probe.timeOut();
                    }
                    if ((target.probe == null || target.probe.finished()) && now >= target.nextCheckAt) {
                        target.nextCheckAt = now + settings.interval().toMillis();
                        HealthProbe next = new HealthProbe(target, now,
                                (p, passed, reason, description) -> group.onCheck(p.target, passed, reason, description));
                        target.probe = next;
                        next.start(bootstrap, settings);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("elbv2 - health check round failed; next round in one tick", e);
        }
    }

    @Override
    public void close() {
        task.cancel(false);
    }

    EventLoop loop() {
        return loop;
    }
}

package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The target group attributes that change routing.
 *
 * @param stickiness how a client is kept on one target, empty when {@code stickiness.enabled} is false
 * @param deregistrationDelay how long a deregistered target drains
 * @param slowStart how long a newly healthy target takes to reach its full share, zero for none
 * @param minimumHealthyCount below this many healthy targets, route to all of them
 *     ({@code target_group_health.unhealthy_state_routing.minimum_healthy_targets.count})
 * @param minimumHealthyPercentage the same as a percentage, or empty for {@code off}
 */
public record TargetGroupSettings(Algorithm algorithm, Optional<Stickiness> stickiness, Duration deregistrationDelay,
                                  Duration slowStart, int minimumHealthyCount, OptionalInt minimumHealthyPercentage) {

    /** {@code load_balancing.algorithm.type}. */
    public enum Algorithm { ROUND_ROBIN, LEAST_OUTSTANDING_REQUESTS, WEIGHTED_RANDOM }

    /** {@code stickiness.type} with its duration (and, for {@code app_cookie}, the application's cookie). */
    public record Stickiness(Type type, Duration duration, Optional<String> appCookieName) {
        /** Stickiness kinds. */
        public enum Type { LB_COOKIE, APP_COOKIE, SOURCE_IP }

        public Stickiness {
            requireNonNull(type, "type");
            requireNonNull(duration, "duration");
            requireNonNull(appCookieName, "appCookieName");
            if (type == Type.APP_COOKIE && appCookieName.isEmpty()) {
                throw new IllegalArgumentException("appCookieName: empty (expected: set for app_cookie)");
            }
        }
    }

    public TargetGroupSettings {
        requireNonNull(algorithm, "algorithm");
        requireNonNull(stickiness, "stickiness");
        requireNonNull(deregistrationDelay, "deregistrationDelay");
        requireNonNull(slowStart, "slowStart");
        requireNonNull(minimumHealthyPercentage, "minimumHealthyPercentage");
    }

    /** ALB's defaults. */
    public static TargetGroupSettings defaults() {
        return new TargetGroupSettings(Algorithm.ROUND_ROBIN, Optional.empty(), Duration.ofSeconds(300), Duration.ZERO,
                1, OptionalInt.empty());
    }
}

package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * How targets are checked.
 *
 * @param protocol {@code HTTP} (GET {@code path}, then {@code matcher}) or {@code TCP} (connect only)
 * @param port the port to check, or empty for the target's own ("traffic-port")
 * @param matcher the HTTP codes that count as healthy, for example {@code 200} or {@code 200-299,302}
 */
public record HealthCheckSettings(Protocol protocol, OptionalInt port, String path, Duration interval,
                                  Duration timeout, int healthyThreshold, int unhealthyThreshold,
                                  StatusMatcher matcher) {

    /** Health check protocols. */
    public enum Protocol { HTTP, TCP }

    public HealthCheckSettings {
        requireNonNull(protocol, "protocol");
        requireNonNull(port, "port");
        requireNonNull(path, "path");
        requireNonNull(interval, "interval");
        requireNonNull(timeout, "timeout");
        requireNonNull(matcher, "matcher");
        if (healthyThreshold < 1 || unhealthyThreshold < 1) {
            throw new IllegalArgumentException("thresholds: " + healthyThreshold + "/" + unhealthyThreshold
                    + " (expected: >= 1)");
        }
    }

    /** ALB's defaults for an HTTP target group of target type ip. */
    public static HealthCheckSettings httpDefaults() {
        return new HealthCheckSettings(Protocol.HTTP, OptionalInt.empty(), "/", Duration.ofSeconds(30),
                Duration.ofSeconds(5), 5, 2, StatusMatcher.parse("200"));
    }
}

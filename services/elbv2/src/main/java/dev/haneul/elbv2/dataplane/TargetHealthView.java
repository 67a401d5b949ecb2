package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What {@code DescribeTargetHealth} shows of one target: its state ({@code initial},
 * {@code healthy}, {@code unhealthy}, {@code unused}, {@code draining}) with ALB's reason code and
 * description (none when healthy), the port health checks use, and live request counters.
 */
public record TargetHealthView(String id, int port, String state, Optional<String> reason,
                               Optional<String> description, int healthCheckPort, long requests, int outstanding,
                               int connections) {

    public TargetHealthView {
        requireNonNull(id, "id");
        requireNonNull(state, "state");
        requireNonNull(reason, "reason");
        requireNonNull(description, "description");
    }
}

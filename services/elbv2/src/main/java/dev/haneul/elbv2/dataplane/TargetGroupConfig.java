package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One target group: how its targets are chosen and checked, and the targets registered now.
 * Targets missing from a new snapshot start draining; targets new to it start {@code initial}.
 */
public record TargetGroupConfig(String arn, String name, Protocol protocol, HealthCheckSettings healthCheck,
                                TargetGroupSettings settings, List<TargetConfig> targets) {

    /** Target group protocols the data plane serves. */
    public enum Protocol { HTTP, TCP }

    public TargetGroupConfig {
        requireNonNull(arn, "arn");
        requireNonNull(name, "name");
        requireNonNull(protocol, "protocol");
        requireNonNull(healthCheck, "healthCheck");
        requireNonNull(settings, "settings");
        targets = List.copyOf(requireNonNull(targets, "targets"));
    }
}

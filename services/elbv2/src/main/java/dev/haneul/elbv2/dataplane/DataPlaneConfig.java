package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The whole desired state of the ELBv2 data plane, across accounts and regions: every load
 * balancer with its listeners and compiled rules, and every target group with its registered
 * targets. The control plane builds one after each change and hands it to
 * {@link Elbv2DataPlane#apply}; the data plane converges to it (binds new listeners, closes
 * removed ones, swaps rule tables atomically, keeps target health across snapshots).
 */
public record DataPlaneConfig(List<LoadBalancerConfig> loadBalancers, List<TargetGroupConfig> targetGroups) {

    public DataPlaneConfig {
        loadBalancers = List.copyOf(requireNonNull(loadBalancers, "loadBalancers"));
        targetGroups = List.copyOf(requireNonNull(targetGroups, "targetGroups"));
    }

    public static DataPlaneConfig empty() {
        return new DataPlaneConfig(List.of(), List.of());
    }
}

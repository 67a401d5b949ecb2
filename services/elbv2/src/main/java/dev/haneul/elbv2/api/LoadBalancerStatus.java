package dev.haneul.elbv2.api;

import dev.haneul.core.resource.StatusMachine;

/**
 * A load balancer's {@code State.Code} and its lifecycle. Haneul binds a load balancer's
 * listeners before {@code CreateLoadBalancer} answers, so the create answer says
 * {@code provisioning} (as AWS's does) and every later describe says {@code active}; the other
 * codes are in the lifecycle for completeness and are not reached yet.
 */
enum LoadBalancerStatus {
    PROVISIONING("provisioning"),
    ACTIVE("active"),
    ACTIVE_IMPAIRED("active_impaired"),
    FAILED("failed");

    static final StatusMachine<LoadBalancerStatus> LIFECYCLE = StatusMachine
            .builder(LoadBalancerStatus.class, LoadBalancerStatus::wire)
            .allow(PROVISIONING, ACTIVE, FAILED)
            .allow(ACTIVE, ACTIVE_IMPAIRED)
            .allow(ACTIVE_IMPAIRED, ACTIVE)
            .build();

    private final String wire;

    LoadBalancerStatus(String wire) {
        this.wire = wire;
    }

    /** As the API spells it. */
    String wire() {
        return wire;
    }
}

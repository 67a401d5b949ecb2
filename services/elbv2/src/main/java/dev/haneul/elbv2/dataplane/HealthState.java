package dev.haneul.elbv2.dataplane;

/**
 * A target's {@code TargetHealth.State}, with the transitions the health checker drives:
 * <pre>
 *   registered ─▶ UNUSED (group not used by any listener) ─▶ INITIAL (group in use)
 *   INITIAL ── 1 pass ──▶ HEALTHY ── unhealthyThreshold failures ──▶ UNHEALTHY
 *   INITIAL ── unhealthyThreshold failures ──▶ UNHEALTHY ── healthyThreshold passes ──▶ HEALTHY
 *   deregistered ─▶ DRAINING ── deregistration delay ──▶ gone
 * </pre>
 */
enum HealthState {
    INITIAL("initial"), HEALTHY("healthy"), UNHEALTHY("unhealthy"), UNUSED("unused"), DRAINING("draining");

    private final String wireName;

    HealthState(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}

package dev.haneul.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.lab.StickyVsStoreLab;
import dev.haneul.testing.HaneulExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code haneul lab run sticky-vs-store --short}: one instance of three dies under logged-in users. */
class LabStickyVsStoreIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void onlyMemorySessionsAreLostAndOnlyToTheDeadInstancesUsers() throws Exception {
        StickyVsStoreLab.Verdict v = LabRuns.runShort(haneul, "sticky-vs-store", StickyVsStoreLab.Verdict.class);
        assertThat(v.killedInstances()).containsExactly("lab-sticky-vs-store-mem-2", "lab-sticky-vs-store-redis-2");
        // lb_cookie spreads new users round-robin: about a third were pinned to the dead memory instance.
        assertThat(v.lostStickyMemory()).isBetween(v.usersPerScenario() / 6, v.usersPerScenario() / 2);
        assertThat(v.lostStoreNoStickiness()).isZero();
        assertThat(v.lostStickyAndStore()).isZero();
        assertThat(v.failedStoreNoStickiness()).as("502s until the health checks noticed").isPositive();
        assertThat(v.requestsAfterKill()).isGreaterThan(v.usersPerScenario() * 10);
    }
}

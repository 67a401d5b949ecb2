package dev.haneul.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.lab.FailoverLab;
import dev.haneul.testing.HaneulExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code haneul lab run failover --short}: writer and cache primary killed under load, nothing acknowledged lost. */
class LabFailoverIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void everyAcknowledgedWriteSurvivesBothKills() throws Exception {
        FailoverLab.Verdict v = LabRuns.runShort(haneul, "failover", FailoverLab.Verdict.class);
        assertThat(v.dbKilledWriter()).isEqualTo("lab-failover-1");
        assertThat(v.dbNewWriter()).isEqualTo("lab-failover-2");
        assertThat(v.dbAcknowledged()).isPositive();
        assertThat(v.dbPresent()).isEqualTo(v.dbAcknowledged());
        assertThat(v.dbLostAcknowledged()).isZero();
        assertThat(v.dbAcknowledgedEqualsPresent()).isTrue();
        assertThat(v.dbRecoveryMillis()).isBetween(0L, 10_000L);

        assertThat(v.cacheKilledPrimary()).isEqualTo("lab-failover-cache-001");
        assertThat(v.cacheNewPrimary()).isNotEqualTo(v.cacheKilledPrimary());
        assertThat(v.cacheAcknowledged()).isPositive();
        assertThat(v.cachePresent()).isEqualTo(v.cacheAcknowledged());
        assertThat(v.cacheAcknowledgedEqualsPresent()).isTrue();
        assertThat(v.cacheRecoveryMillis()).isBetween(0L, 10_000L);
        assertThat(v.dbWritesPerSecondBefore()).isPositive();
        assertThat(v.cacheWritesPerSecondBefore()).isPositive();
    }
}

package dev.haneul.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.lab.WafLab;
import dev.haneul.testing.HaneulExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.Scope;

/** {@code haneul lab run waf --short}: no WAF blocks nothing; managed, custom and both block attacks, not users. */
class LabWafIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void managedAndCustomRulesEachBlockTheirShareAndBothBlockTheMost() throws Exception {
        WafLab.Verdict v = LabRuns.runShort(haneul, "waf", WafLab.Verdict.class);
        assertThat(v.attacksBlockedPct().get("no WAF")).isZero();
        assertThat(v.legitimateBlocked()).containsEntry("no WAF", 0).containsEntry("managed rules", 0)
                .containsEntry("custom rules", 0).containsEntry("both", 0);
        assertThat(v.attacksBlockedPct().get("managed rules")).isPositive();
        assertThat(v.attacksBlockedPct().get("custom rules")).isPositive();
        assertThat(v.attacksBlockedPct().get("both")).isGreaterThanOrEqualTo(v.attacksBlockedPct().get("managed rules"))
                .isGreaterThanOrEqualTo(v.attacksBlockedPct().get("custom rules"));
        try (Wafv2Client waf = haneul.client(Wafv2Client.builder())) {
            assertThat(waf.listWebACLs(r -> r.scope(Scope.REGIONAL)).webACLs()).noneMatch(a -> a.name().startsWith("lab-waf"));
        }
    }
}

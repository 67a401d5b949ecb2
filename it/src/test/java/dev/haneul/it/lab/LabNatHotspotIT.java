package dev.haneul.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.lab.NatHotspotLab;
import dev.haneul.testing.HaneulExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code haneul lab run nat-hotspot --short}: users behind one address versus many, three balancing setups. */
class LabNatHotspotIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void sourceIpStickinessPutsAWholeOfficeOnOneInstanceAndCookiesDoNot() throws Exception {
        NatHotspotLab.Verdict v = LabRuns.runShort(haneul, "nat-hotspot", NatHotspotLab.Verdict.class);
        assertThat(v.failedRequests()).isZero();
        assertThat(v.maxShare().get("nlb-source-ip/one")).isEqualTo(1.0);
        assertThat(v.hotspots()).containsExactly("nlb-source-ip/one");
        assertThat(v.maxShare().get("nlb-source-ip/spread")).isLessThan(0.5);
        for (String evenRun : new String[] {"alb-lb-cookie/one", "alb-lb-cookie/spread", "alb-none/one", "alb-none/spread"}) {
            assertThat(v.maxShare().get(evenRun)).as(evenRun).isLessThan(0.4);
        }
    }
}

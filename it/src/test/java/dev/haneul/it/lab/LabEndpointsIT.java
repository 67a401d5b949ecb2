package dev.haneul.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.lab.EndpointsLab;
import dev.haneul.testing.HaneulExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code haneul lab run endpoints --short}: the spread per endpoint, writes through ANY, the added instance. */
class LabEndpointsIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void eachEndpointHandsOutTheInstancesItsTypeAndListsSay() throws Exception {
        EndpointsLab.Verdict v = LabRuns.runShort(haneul, "endpoints", EndpointsLab.Verdict.class);
        int n = v.connectionsPerEndpoint();
        assertThat(v.clusterSpread()).containsExactly(Map.entry("lab-endpoints-1", n));
        assertThat(v.readerSpread()).containsOnlyKeys("lab-endpoints-2", "lab-endpoints-3");
        assertThat(v.readerSpread().values()).allMatch(count -> count == n / 2);
        assertThat(v.staticReaderSpread()).containsOnlyKeys("lab-endpoints-2");
        assertThat(v.anyExclusionSpread()).containsOnlyKeys("lab-endpoints-1", "lab-endpoints-2");

        assertThat(v.anyWrites()).isEqualTo(n);
        assertThat(v.anyWriteFailures()).isEqualTo(v.anyExclusionSpread().get("lab-endpoints-2"));
        assertThat(v.anyWriteFailureRate()).isEqualTo(0.5);
        assertThat(v.anyWriteErrorCodes()).containsOnlyKeys(1290);

        assertThat(v.addedInstance()).isEqualTo("lab-endpoints-4");
        assertThat(v.pickedUpBy()).containsExactly("reader", "custom ANY (exclusion list)");
        assertThat(v.notPickedUpBy()).containsExactly("cluster", "custom READER (static)");
    }
}

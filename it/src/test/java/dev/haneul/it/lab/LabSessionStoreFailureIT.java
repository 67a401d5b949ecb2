package dev.haneul.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.lab.SessionStoreFailureLab;
import dev.haneul.testing.HaneulExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code haneul lab run session-store-failure --short}: the cache primary dies, with and without a replica. */
class LabSessionStoreFailureIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void withoutAReplicaEveryoneIsLoggedOutAndWithOneNobodyIs() throws Exception {
        SessionStoreFailureLab.Verdict v = LabRuns.runShort(haneul, "session-store-failure",
                SessionStoreFailureLab.Verdict.class);
        assertThat(v.soloUsersLoggedOut()).as("the replaced node starts empty").isEqualTo(v.usersPerScenario());
        assertThat(v.haUsersLoggedOut()).isZero();
        assertThat(v.haNewPrimary()).isEqualTo("lab-session-store-failure-ha-002");
        assertThat(v.haErrorWindowMillis()).isBetween(0L, 5_000L);
        assertThat(v.soloErrorWindowMillis()).isBetween(0L, 8_000L);
    }
}

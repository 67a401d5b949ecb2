package dev.haneul.it.rds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.testing.HaneulExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Issue 11: a new reader comes up correct while its writer takes fast DDL and DML, every time:
 * {@value #DEFAULT_ITERATIONS} readers in a row in the suite (about 7 s each on a busy 2-core
 * machine), {@code -Dhaneul.seeding.iterations=50} for the long run. See {@link SeedingUnderChurn}.
 */
class RdsSeedingIT {

    static final int DEFAULT_ITERATIONS = 10;

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void everyReaderSeededUnderSchemaChurnMatchesItsWriter() throws Exception {
        int iterations = Integer.getInteger("haneul.seeding.iterations", DEFAULT_ITERATIONS);
        try (RdsClient rds = haneul.client(RdsClient.builder())) {
            assertThat(SeedingUnderChurn.run(rds, "churn", iterations)).isEqualTo(iterations);
        }
    }
}

package dev.haneul.rds.api;

import dev.haneul.core.testing.ModelResources;
import org.junit.jupiter.api.Test;

class RdsModelTest {

    @Test
    void modelResourceIsTheAwsModel() throws Exception {
        ModelResources.assertMatchesCorpus(RdsProvider.class, "/dev/haneul/rds/service-2.json",
                "rds/2014-10-31/service-2.json");
    }
}

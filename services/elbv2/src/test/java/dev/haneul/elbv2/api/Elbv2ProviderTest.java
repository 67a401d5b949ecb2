package dev.haneul.elbv2.api;

import dev.haneul.core.testing.ModelResources;
import org.junit.jupiter.api.Test;

class Elbv2ProviderTest {

    @Test
    void modelResourceIsTheAwsModel() throws Exception {
        ModelResources.assertMatchesCorpus(Elbv2Provider.class, "/dev/haneul/elbv2/service-2.json",
                "elbv2/2015-12-01/service-2.json");
    }
}

package dev.haneul.sts.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.testing.ModelResources;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class StsProviderTest {

    private final StsProvider sts = new StsProvider();

    @Test
    void modelResourceIsTheAwsModel() throws Exception {
        ModelResources.assertMatchesCorpus(StsProvider.class, "/dev/haneul/sts/service-2.json",
                "sts/2011-06-15/service-2.json");
    }

    @Test
    void defaultKeyIsTheRootUser() {
        GetCallerIdentityResponse identity = sts.getCallerIdentity(context("test"), GetCallerIdentityRequest.builder().build());
        assertThat(identity.account()).isEqualTo("000000000000");
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(identity.userId()).isEqualTo("000000000000");
    }

    @Test
    void otherKeysAreUsersNamedAfterTheKeyWithStableIds() {
        GetCallerIdentityResponse identity = sts.getCallerIdentity(context("AKIDEXAMPLE"), GetCallerIdentityRequest.builder().build());
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::000000000000:user/AKIDEXAMPLE");
        assertThat(identity.userId()).matches("AIDA[A-Z2-7]{17}").isEqualTo(StsProvider.userId("AKIDEXAMPLE"));
        assertThat(StsProvider.userId("other")).isNotEqualTo(identity.userId());
    }

    private static RequestContext context(String accessKey) {
        return new RequestContext("req-1", "000000000000", "us-east-1", accessKey, "sts", "GetCallerIdentity", Instant.now());
    }
}

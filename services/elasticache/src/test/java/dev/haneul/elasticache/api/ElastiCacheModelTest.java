package dev.haneul.elasticache.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.testing.ModelResources;
import org.junit.jupiter.api.Test;

/** The model resource, and the validation ElastiCache applies before any state changes. */
class ElastiCacheModelTest {

    private static final ServiceModel MODEL = ServiceModel.fromResource(ElastiCacheProvider.class,
            "/dev/haneul/elasticache/service-2.json");
    private final Validation validation = new Validation(new ServiceErrors(MODEL));

    @Test
    void modelResourceIsTheAwsModel() throws Exception {
        ModelResources.assertMatchesCorpus(ElastiCacheProvider.class, "/dev/haneul/elasticache/service-2.json",
                "elasticache/2015-02-02/service-2.json");
    }

    @Test
    void identifiersAreLowerCasedAndFollowElastiCachesRules() {
        assertThat(validation.identifier("ReplicationGroupId", "Sessions-1", 40)).isEqualTo("sessions-1");
        for (String bad : new String[] {"1abc", "a--b", "abc-", "", "a_b", "a".repeat(41)}) {
            assertThatThrownBy(() -> validation.identifier("ReplicationGroupId", bad, 40))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidParameterValue");
                        assertThat(e.status()).isEqualTo(400);
                    });
        }
    }

    @Test
    void authTokensAreSixteenToOneHundredTwentyEightCharactersWithFewSpecials() {
        validation.authToken("abcdefghijklmnop");
        validation.authToken("a!&#$^<>-" + "x".repeat(119));
        for (String bad : new String[] {"short", "x".repeat(129), "has space in it!!", "quote\"quote\"quote", "at@at@at@at@at@at@"}) {
            assertThatThrownBy(() -> validation.authToken(bad)).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        }
    }

    @Test
    void memcachedIsNotEmulatedAndOtherEnginesAreInvalid() {
        assertThat(validation.engine(null)).isEqualTo("redis");
        assertThat(validation.engine("Valkey")).isEqualTo("valkey");
        assertThatThrownBy(() -> validation.engine("memcached")).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.status()).isEqualTo(501));
        assertThatThrownBy(() -> validation.engine("mysql")).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> validation.pageSize(19)).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        validation.pageSize(null);
        validation.pageSize(100);
    }

    @Test
    void defaultParameterGroupsAreNamedAsElastiCacheNamesThem() {
        assertThat(Shapes.parameterGroup("redis", "7.0")).isEqualTo("default.redis7");
        assertThat(Shapes.parameterGroup("redis", "6.2")).isEqualTo("default.redis6.x");
        assertThat(Shapes.parameterGroup("redis", "5.0.6")).isEqualTo("default.redis5.0");
        assertThat(Shapes.parameterGroup("valkey", "7.2")).isEqualTo("default.valkey7");
    }
}

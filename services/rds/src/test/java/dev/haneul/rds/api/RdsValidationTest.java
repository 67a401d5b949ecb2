package dev.haneul.rds.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.resource.Page;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.rds.model.Filter;

class RdsValidationTest {

    @Test
    void identifiersAreLowerCased() {
        assertThat(RdsValidation.identifier("DBClusterIdentifier", "My-Cluster-1")).isEqualTo("my-cluster-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a_b", "trailing-", "two--hyphens", "a.b",
            "a123456789012345678901234567890123456789012345678901234567890123"})
    void badIdentifiersAreInvalidParameterValue(String id) {
        assertThatThrownBy(() -> RdsValidation.identifier("DBInstanceIdentifier", id))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("The parameter DBInstanceIdentifier is not a valid identifier.");
                });
    }

    /** Issue 11: MySQL's reserved words are refused as the master user, as Aurora MySQL refuses them. */
    @ParameterizedTest
    @ValueSource(strings = {"select", "SELECT", "Table", "key", "rdsadmin"})
    void reservedWordsAreNotMasterUsers(String name) {
        assertThatThrownBy(() -> RdsValidation.masterUsername(name))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.getMessage()).isEqualTo("MasterUsername " + name
                            + " cannot be used as it is a reserved word used by the engine");
                });
    }

    @Test
    void masterCredentials() {
        assertThat(code(() -> RdsValidation.masterUsername(null))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsValidation.masterUsername("rdsadmin"))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsValidation.masterUsername("9lives"))).isEqualTo("InvalidParameterValue");
        RdsValidation.masterUsername("admin_1");
        RdsValidation.masterUsername("admin"); // not reserved in MySQL; Aurora MySQL accepts it
        RdsValidation.masterUsername("selected");
        assertThat(code(() -> RdsValidation.masterPassword("short"))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsValidation.masterPassword("has space in it"))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsValidation.masterPassword("with@sign99"))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsValidation.masterPassword("x".repeat(42)))).isEqualTo("InvalidParameterValue");
        RdsValidation.masterPassword("secret99");
    }

    @Test
    void rangesOfPortTierAndRetention() {
        assertThat(code(() -> RdsValidation.port(1149))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsValidation.port(65536))).isEqualTo("InvalidParameterValue");
        RdsValidation.port(1150);
        RdsValidation.port(null);
        assertThat(code(() -> RdsValidation.promotionTier(16))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsValidation.promotionTier(-1))).isEqualTo("InvalidParameterValue");
        RdsValidation.promotionTier(0);
        RdsValidation.promotionTier(15);
        assertThat(code(() -> RdsValidation.backupRetentionPeriod(0))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void endpointTypesAreCaseInsensitiveAndCustomOnly() {
        assertThat(RdsValidation.customEndpointType("reader")).isEqualTo("READER");
        assertThat(RdsValidation.customEndpointType("Any")).isEqualTo("ANY");
        assertThat(code(() -> RdsValidation.customEndpointType("writer"))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsValidation.customEndpointType("both"))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void staticAndExcludedMembersAreExclusive() {
        assertThat(code(() -> RdsValidation.exclusiveLists(List.of("a"), List.of("b"))))
                .isEqualTo("InvalidParameterCombination");
        RdsValidation.exclusiveLists(List.of("a"), List.of());
        assertThat(RdsValidation.members(List.of("DB-1", "db-1", "db-2"))).containsExactly("db-1", "db-2");
    }

    @Test
    void instanceClasses() {
        RdsValidation.instanceClass("db.r6g.large", "aurora-mysql", "8.0");
        RdsValidation.instanceClass("db.serverless", "aurora-mysql", "8.0");
        assertThat(code(() -> RdsValidation.instanceClass("m5.large", "aurora-mysql", "8.0")))
                .isEqualTo("InvalidParameterCombination");
    }

    @Test
    void pagingAndFilters() {
        List<Integer> numbers = IntStream.range(0, 45).boxed().toList();
        Page<Integer> first = RdsKit.PAGING.byOffset(numbers, null, 20);
        assertThat(first.items()).hasSize(20);
        Page<Integer> third = RdsKit.PAGING.byOffset(numbers,
                RdsKit.PAGING.byOffset(numbers, first.nextMarker(), 20).nextMarker(), 20);
        assertThat(third.items()).containsExactly(40, 41, 42, 43, 44);
        assertThat(third.nextMarker()).isNull();
        assertThat(RdsKit.PAGING.byOffset(numbers, null, null).items()).hasSize(45);
        assertThat(code(() -> RdsKit.PAGING.byOffset(numbers, null, 19))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsKit.PAGING.byOffset(numbers, null, 101))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsKit.PAGING.byOffset(numbers, "x", 20))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> RdsKit.PAGING.byOffset(numbers, "46", 20))).isEqualTo("InvalidParameterValue");
        Filters<String> filters = new Filters<String>().field("name", s -> List.of(s));
        var filter = filters.predicate(List.of(Filter.builder()
                .name("name").values("B").build()));
        assertThat(List.of("a", "b").stream().filter(filter)).containsExactly("b");
        assertThat(code(() -> filters.predicate(List.of(Filter.builder()
                .name("other").values("x").build())))).isEqualTo("InvalidParameterValue");
    }

    private static String code(Runnable check) {
        try {
            check.run();
        } catch (AwsServiceException e) {
            return e.code();
        }
        return "none";
    }
}

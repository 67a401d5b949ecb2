package dev.haneul.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagRulesTest {

    private static final TagRules.Errors ERRORS = new TagRules.Errors() {
        @Override
        public AwsServiceException tooMany(int max) {
            return new AwsServiceException(400, "TooManyTags", "at most " + max);
        }

        @Override
        public AwsServiceException invalidKey(String key, String reason) {
            return new AwsServiceException(400, "InvalidKey", key + ": " + reason);
        }

        @Override
        public AwsServiceException invalidValue(String key, String reason) {
            return new AwsServiceException(400, "InvalidValue", key + ": " + reason);
        }
    };

    private final TagRules rules = TagRules.standard(ERRORS);

    @Test
    void validatesInRequestOrderAndKeepsIt() {
        Map<String, String> tags = rules.validate(List.of(Map.entry("b", "2"), Map.entry("a", "1"),
                new SimpleEntry<>("c", null)));
        assertThat(tags).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"), Map.entry("c", ""));
    }

    @Test
    void refusesEmptyLongAndReservedKeysAndLongValues() {
        assertCode(() -> rules.validate(List.of(Map.entry("", "x"))), "InvalidKey");
        assertCode(() -> rules.validate(List.of(Map.entry("k".repeat(129), "x"))), "InvalidKey");
        assertCode(() -> rules.validate(List.of(Map.entry("AWS:owner", "x"))), "InvalidKey");
        assertCode(() -> rules.validate(List.of(Map.entry("k", "v".repeat(257)))), "InvalidValue");
        assertThat(rules.validate(List.of(Map.entry("k".repeat(128), "v".repeat(256))))).hasSize(1);
        TagRules rds = rules.reserving("rds:");
        assertCode(() -> rds.validate(List.of(Map.entry("rds:x", "y"))), "InvalidKey");
    }

    @Test
    void countsAfterMerging() {
        List<Map.Entry<String, String>> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(Map.entry("k" + i, "v"));
        }
        Map<String, String> current = rules.validate(fifty);
        assertThat(rules.merge(current, Map.of("k1", "changed"))).hasSize(50).containsEntry("k1", "changed");
        assertCode(() -> rules.merge(current, Map.of("k50", "v")), "TooManyTags");
        assertThat(current).doesNotContainKey("k50");
        assertThat(TagRules.remove(current, List.of("k1", "absent"))).hasSize(49).doesNotContainKey("k1");
    }

    @Test
    void duplicatesAreTheLastOneUnlessTheServiceRefusesThem() {
        assertThat(rules.validate(List.of(Map.entry("a", "1"), Map.entry("a", "2")))).containsEntry("a", "2");
        TagRules strict = TagRules.standard(new TagRules.Errors() {
            @Override
            public AwsServiceException tooMany(int max) {
                return ERRORS.tooMany(max);
            }

            @Override
            public AwsServiceException invalidKey(String key, String reason) {
                return ERRORS.invalidKey(key, reason);
            }

            @Override
            public AwsServiceException invalidValue(String key, String reason) {
                return ERRORS.invalidValue(key, reason);
            }

            @Override
            public Optional<AwsServiceException> duplicateKey(String key) {
                return Optional.of(new AwsServiceException(400, "DuplicateTagKeys", key));
            }
        });
        assertCode(() -> strict.validate(List.of(Map.entry("a", "1"), Map.entry("a", "2"))), "DuplicateTagKeys");
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}

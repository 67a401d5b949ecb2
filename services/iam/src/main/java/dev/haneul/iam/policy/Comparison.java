package dev.haneul.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The six ordered comparisons the numeric and date operators share. A negated comparison
 * ({@code NotEquals}) tests equality and lets {@link CompiledCondition} invert the answer.
 */
enum Comparison {
    EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_EQUALS, GREATER_THAN, GREATER_THAN_EQUALS;

    boolean negated() {
        return this == NOT_EQUALS;
    }

    /** Whether {@code actual <this> expected}, given {@code actual.compareTo(expected)}. */
    boolean holds(int comparison) {
        return switch (this) {
            case EQUALS, NOT_EQUALS -> comparison == 0;
            case LESS_THAN -> comparison < 0;
            case LESS_THAN_EQUALS -> comparison <= 0;
            case GREATER_THAN -> comparison > 0;
            case GREATER_THAN_EQUALS -> comparison >= 0;
        };
    }

    /**
     * The policy values parsed once by {@code parse} ({@code null} for a value that never
     * matches); a request value {@code parse} rejects is {@link ConditionOperator#INVALID}.
     */
    <T extends Comparable<T>> ConditionOperator.PolicyValues compile(List<String> values,
                                                                     Function<String, @Nullable T> parse) {
        List<@Nullable T> expected = new ArrayList<>(values.size());
        for (String value : values) {
            expected.add(parse.apply(value));
        }
        return (requestValue, request) -> {
            T actual = parse.apply(requestValue);
            if (actual == null) {
                return ConditionOperator.INVALID;
            }
            for (T value : expected) {
                if (value != null && holds(actual.compareTo(value))) {
                    return ConditionOperator.MATCH;
                }
            }
            return ConditionOperator.NO_MATCH;
        };
    }
}

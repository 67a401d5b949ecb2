package dev.haneul.iam.policy;

import java.math.BigDecimal;
import java.util.List;

/** {@code NumericEquals} … {@code NumericGreaterThanEquals}: integers or decimals, no variables. */
public enum NumericOperator implements ConditionOperator {
    NUMERIC_EQUALS("NumericEquals", false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true),
    NUMERIC_LESS_THAN("NumericLessThan", false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false);

    private final String operatorName;
    private final boolean negated;

    NumericOperator(String operatorName, boolean negated) {
        this.operatorName = operatorName;
        this.negated = negated;
    }

    @Override
    public String operatorName() {
        return operatorName;
    }

    @Override
    public boolean negated() {
        return negated;
    }

    @Override
    public PolicyValues compile(List<String> values, boolean variables) {
        BigDecimal[] numbers = values.stream().map(NumericOperator::parse).toArray(BigDecimal[]::new);
        return (requestValue, request) -> {
            BigDecimal actual = parse(requestValue);
            if (actual == null) {
                return INVALID;
            }
            for (BigDecimal expected : numbers) {
                if (expected != null && holds(actual.compareTo(expected))) {
                    return MATCH;
                }
            }
            return NO_MATCH;
        };
    }

    /** Whether {@code actual <op> expected} given their comparison; negated operators test equality. */
    private boolean holds(int comparison) {
        return switch (this) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS -> comparison == 0;
            case NUMERIC_LESS_THAN -> comparison < 0;
            case NUMERIC_LESS_THAN_EQUALS -> comparison <= 0;
            case NUMERIC_GREATER_THAN -> comparison > 0;
            case NUMERIC_GREATER_THAN_EQUALS -> comparison >= 0;
        };
    }

    static BigDecimal parse(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.haneul.iam.policy;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code NumericEquals} … {@code NumericGreaterThanEquals}: integers or decimals, no variables. */
public enum NumericOperator implements ConditionOperator {
    NUMERIC_EQUALS("NumericEquals", Comparison.EQUALS),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Comparison.NOT_EQUALS),
    NUMERIC_LESS_THAN("NumericLessThan", Comparison.LESS_THAN),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Comparison.LESS_THAN_EQUALS),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Comparison.GREATER_THAN),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Comparison.GREATER_THAN_EQUALS);

    private final String operatorName;
    private final Comparison comparison;

    NumericOperator(String operatorName, Comparison comparison) {
        this.operatorName = operatorName;
        this.comparison = comparison;
    }

    @Override
    public String operatorName() {
        return operatorName;
    }

    @Override
    public boolean negated() {
        return comparison.negated();
    }

    @Override
    public PolicyValues compile(List<String> values, boolean variables) {
        return comparison.compile(values, NumericOperator::parse);
    }

    static @Nullable BigDecimal parse(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

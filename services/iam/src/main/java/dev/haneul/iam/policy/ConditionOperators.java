package dev.haneul.iam.policy;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Splits an operator name such as {@code ForAllValues:StringLikeIfExists} into its qualifier, its
 * operator and its {@code IfExists} flag. Names are case-sensitive, as AWS spells them.
 */
final class ConditionOperators {

    /** The set operator in front of the name. */
    enum Qualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    record Parsed(ConditionOperator operator, Qualifier qualifier, boolean ifExists) {
    }

    private static final Map<String, ConditionOperator> BY_NAME = new HashMap<>();

    static {
        register(StringOperator.values());
        register(NumericOperator.values());
        register(DateOperator.values());
        register(BoolOperator.values());
        register(BinaryOperator.values());
        register(IpOperator.values());
        register(ArnOperator.values());
        register(NullOperator.values());
    }

    private ConditionOperators() {
    }

    private static void register(ConditionOperator[] operators) {
        for (ConditionOperator operator : operators) {
            BY_NAME.put(operator.operatorName(), operator);
        }
    }

    /** The parts of {@code name}, or {@code null} when no operator has that name. */
    static @Nullable Parsed parse(String name) {
        Qualifier qualifier = Qualifier.NONE;
        String rest = name;
        if (rest.startsWith("ForAllValues:")) {
            qualifier = Qualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        } else if (rest.startsWith("ForAnyValue:")) {
            qualifier = Qualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        }
        boolean ifExists = false;
        ConditionOperator operator = BY_NAME.get(rest);
        if (operator == null && rest.endsWith("IfExists")) {
            operator = BY_NAME.get(rest.substring(0, rest.length() - "IfExists".length()));
            ifExists = true;
        }
        if (operator == null || (operator instanceof NullOperator && (ifExists || qualifier != Qualifier.NONE))) {
            return null;
        }
        return new Parsed(operator, qualifier, ifExists);
    }
}

package dev.haneul.iam.policy;

import java.util.List;

/**
 * {@code Null}: {@code true} tests that the key is absent, {@code false} that it is present. It
 * never sees a request value ({@link CompiledCondition} decides on presence), and takes neither
 * {@code IfExists} nor a set qualifier nor variables.
 */
public enum NullOperator implements ConditionOperator {
    NULL;

    @Override
    public String operatorName() {
        return "Null";
    }

    @Override
    public boolean negated() {
        return false;
    }

    @Override
    public PolicyValues compile(List<String> values, boolean variables) {
        return (requestValue, request) -> NO_MATCH;
    }

    /** Whether the policy's values accept a key that is {@code absent} (values are OR'ed). */
    static boolean accepts(List<String> values, boolean absent) {
        for (String value : values) {
            Boolean wantsAbsent = BoolOperator.parse(value);
            if (wantsAbsent != null && wantsAbsent == absent) {
                return true;
            }
        }
        return false;
    }
}

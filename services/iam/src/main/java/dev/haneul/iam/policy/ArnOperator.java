package dev.haneul.iam.policy;

import java.util.List;

/**
 * {@code ArnEquals}/{@code ArnLike} (identical: both take wildcards per component) and their
 * negations. A request value that is no ARN matches no ARN-shaped policy value.
 */
public enum ArnOperator implements ConditionOperator {
    ARN_EQUALS("ArnEquals", false),
    ARN_LIKE("ArnLike", false),
    ARN_NOT_EQUALS("ArnNotEquals", true),
    ARN_NOT_LIKE("ArnNotLike", true);

    private final String operatorName;
    private final boolean negated;

    ArnOperator(String operatorName, boolean negated) {
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
        ArnPattern[] patterns = values.stream().map(v -> ArnPattern.compile(v, variables)).toArray(ArnPattern[]::new);
        return (requestValue, request) -> {
            Arn arn = Arn.parse(requestValue);
            for (ArnPattern pattern : patterns) {
                if (pattern.matches(requestValue, arn, request)) {
                    return MATCH;
                }
            }
            return NO_MATCH;
        };
    }
}

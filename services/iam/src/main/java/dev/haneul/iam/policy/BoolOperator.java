package dev.haneul.iam.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code Bool}: {@code true} or {@code false}, any case; policy variables allowed. */
public enum BoolOperator implements ConditionOperator {
    BOOL;

    @Override
    public String operatorName() {
        return "Bool";
    }

    @Override
    public boolean negated() {
        return false;
    }

    @Override
    public PolicyValues compile(List<String> values, boolean variables) {
        Template[] templates = values.stream().map(v -> Template.parse(v, variables)).toArray(Template[]::new);
        return (requestValue, request) -> {
            Boolean actual = parse(requestValue);
            if (actual == null) {
                return INVALID;
            }
            for (Template template : templates) {
                String text = template.toText(request);
                Boolean expected = text == null ? null : parse(text);
                if (actual.equals(expected)) {
                    return MATCH;
                }
            }
            return NO_MATCH;
        };
    }

    static @Nullable Boolean parse(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }
}

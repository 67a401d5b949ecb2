package dev.haneul.iam.policy;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code StringEquals}, {@code StringLike} and their negated and case-insensitive forms. Only the
 * {@code Like} forms know wildcards; policy variables work in all of them.
 */
public enum StringOperator implements ConditionOperator {
    STRING_EQUALS("StringEquals", false, false, false),
    STRING_NOT_EQUALS("StringNotEquals", true, false, false),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, true, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, true, false),
    STRING_LIKE("StringLike", false, false, true),
    STRING_NOT_LIKE("StringNotLike", true, false, true);

    private final String operatorName;
    private final boolean negated;
    private final boolean ignoreCase;
    private final boolean wildcards;

    StringOperator(String operatorName, boolean negated, boolean ignoreCase, boolean wildcards) {
        this.operatorName = operatorName;
        this.negated = negated;
        this.ignoreCase = ignoreCase;
        this.wildcards = wildcards;
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
        TemplateMatcher[] matchers = new TemplateMatcher[values.size()];
        for (int i = 0; i < matchers.length; i++) {
            matchers[i] = new TemplateMatcher(Template.parse(values.get(i), variables), wildcards, ignoreCase);
        }
        boolean lower = ignoreCase;
        return (requestValue, request) -> {
            String subject = lower ? requestValue.toLowerCase(Locale.ROOT) : requestValue;
            for (TemplateMatcher matcher : matchers) {
                if (matcher.matches(subject, request)) {
                    return MATCH;
                }
            }
            return NO_MATCH;
        };
    }

    /** One policy value: a pattern compiled once, or rebuilt per request when it has variables. */
    static final class TemplateMatcher {
        private final Template template;
        private final boolean wildcards;
        private final boolean lowerCase;
        private final @Nullable WildcardPattern fixed;

        TemplateMatcher(Template template, boolean wildcards, boolean lowerCase) {
            this.template = template;
            this.wildcards = wildcards;
            this.lowerCase = lowerCase;
            this.fixed = template.isDynamic() ? null : template.toPattern(null, wildcards, lowerCase);
        }

        boolean matches(String subject, @Nullable RequestContext request) {
            WildcardPattern pattern = fixed != null ? fixed : template.toPattern(request, wildcards, lowerCase);
            return pattern != null && pattern.matches(subject);
        }
    }
}

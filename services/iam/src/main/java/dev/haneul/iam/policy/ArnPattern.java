package dev.haneul.iam.policy;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An ARN with wildcards, as a {@code Resource} element or an {@code Arn*} condition value holds
 * it, compared component by component: each of the six colon-delimited parts is its own glob, so
 * {@code *} in the region never eats the account. A pattern that is no ARN ({@code *}) is one glob
 * over the whole text. Policy variables (2012-10-17) are resolved per request; a colon inside
 * {@code ${aws:username}} does not split components.
 */
final class ArnPattern {

    private final String source;
    /** Six templates for an ARN-shaped pattern, one otherwise. */
    private final Template[] components;
    private final @Nullable WildcardPattern[] fixed;

    private ArnPattern(String source, Template[] components) {
        this.source = source;
        this.components = components;
        this.fixed = new WildcardPattern[components.length];
        for (int i = 0; i < components.length; i++) {
            fixed[i] = components[i].isDynamic() ? null : components[i].toPattern(null, true, false);
        }
    }

    static ArnPattern compile(String pattern, boolean variables) {
        List<String> parts = splitOutsideVariables(pattern);
        Template[] components;
        if (parts.size() == 6 && parts.get(0).equals("arn")) {
            components = parts.stream().map(p -> Template.parse(p, variables)).toArray(Template[]::new);
        } else {
            components = new Template[] {Template.parse(pattern, variables)};
        }
        return new ArnPattern(pattern, components);
    }

    /** Whether {@code value} (parsed as {@code arn}, {@code null} when it is no ARN) matches. */
    boolean matches(String value, @Nullable Arn arn, @Nullable RequestContext request) {
        if (components.length == 1) {
            WildcardPattern whole = pattern(0, request);
            return whole != null && whole.matches(value);
        }
        if (arn == null) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            WildcardPattern component = pattern(i, request);
            if (component == null || !component.matches(arn.component(i))) {
                return false;
            }
        }
        return true;
    }

    private @Nullable WildcardPattern pattern(int index, @Nullable RequestContext request) {
        WildcardPattern pattern = fixed[index];
        return pattern != null ? pattern : components[index].toPattern(request, true, false);
    }

    String source() {
        return source;
    }

    /** Splits on the first five colons that are not inside {@code ${…}}. */
    private static List<String> splitOutsideVariables(String text) {
        List<String> parts = new ArrayList<>(6);
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length() && parts.size() < 5; i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    @Override
    public String toString() {
        return source;
    }
}

package dev.haneul.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A policy string split into literal text and policy variables, parsed once at compile time.
 *
 * <p>The grammar, from the IAM user guide's "Policy variables" page: {@code ${key}} is replaced by
 * the request's single value for the (case-insensitive) condition key; {@code ${key, 'default'}}
 * falls back to {@code default} when the key has no value; {@code ${*}}, {@code ${?}} and
 * {@code ${$}} stand for the literal characters, so they never act as wildcards. Only policies of
 * {@code Version 2012-10-17} have variables; in older ones the text is taken as written.
 *
 * <p>A variable without a value makes the whole string unresolvable: a {@code Resource} with one
 * matches no resource, and a condition value with one matches no request value (so the negated
 * operators, such as {@code StringNotEquals}, are true against it).
 */
final class Template {

    sealed interface Part permits Literal, Variable, Escaped {
    }

    record Literal(String text) implements Part {
    }

    /**
     * {@code name} as written, {@code key} lower case; {@code defaultValue} is {@code null} when the
     * policy gave none.
     */
    record Variable(String name, String key, @Nullable String defaultValue) implements Part {
    }

    record Escaped(char character) implements Part {
    }

    private static final Set<String> ESCAPES = Set.of("*", "?", "$");

    private final String source;
    private final List<Part> parts;
    private final boolean dynamic;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.dynamic = parts.stream().anyMatch(p -> p instanceof Variable);
    }

    /** Parses {@code text}; with {@code variables} off (Version 2008-10-17) it is one literal. */
    static Template parse(String text, boolean variables) {
        if (!variables || !text.contains("${")) {
            return new Template(text, List.of(new Literal(text)));
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            String body = text.substring(open + 2, close);
            Part part = variable(body);
            if (part instanceof Literal) {
                literal.append(text, open, close + 1);
            } else {
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(part);
            }
            i = close + 1;
        }
        if (!literal.isEmpty() || parts.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new Template(text, parts);
    }

    private static Part variable(String body) {
        String trimmed = body.strip();
        if (ESCAPES.contains(trimmed)) {
            return new Escaped(trimmed.charAt(0));
        }
        String key = trimmed;
        String defaultValue = null;
        int comma = trimmed.indexOf(',');
        if (comma >= 0) {
            key = trimmed.substring(0, comma).strip();
            String rest = trimmed.substring(comma + 1).strip();
            if (rest.length() >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
                defaultValue = rest.substring(1, rest.length() - 1);
            } else {
                return new Literal(body);
            }
        }
        if (key.isEmpty() || key.indexOf(':') < 0) {
            return new Literal(body);
        }
        return new Variable(key, key.toLowerCase(Locale.ROOT), defaultValue);
    }

    String source() {
        return source;
    }

    List<Part> parts() {
        return parts;
    }

    /** {@code true} when the value depends on the request (at least one real variable). */
    boolean isDynamic() {
        return dynamic;
    }

    /** Every condition key the template reads, as written, in order. */
    void forEachVariableKey(Consumer<String> action) {
        for (Part part : parts) {
            if (part instanceof Variable v) {
                action.accept(v.name());
            }
        }
    }

    /**
     * The template as a glob: literal parts keep their wildcards (when {@code wildcards}), escapes
     * and variable values are literal. {@code null} when a variable has no value and no default.
     */
    @Nullable WildcardPattern toPattern(@Nullable RequestContext request, boolean wildcards, boolean lowerCase) {
        WildcardPattern.Builder builder = WildcardPattern.builder();
        for (Part part : parts) {
            switch (part) {
                case Literal l -> {
                    String text = lowerCase ? l.text().toLowerCase(Locale.ROOT) : l.text();
                    if (wildcards) {
                        builder.glob(text);
                    } else {
                        builder.literal(text);
                    }
                }
                case Escaped e -> builder.literal(e.character());
                case Variable v -> {
                    String value = resolve(v, request);
                    if (value == null) {
                        return null;
                    }
                    builder.literal(lowerCase ? value.toLowerCase(Locale.ROOT) : value);
                }
            }
        }
        return builder.build();
    }

    /** The template as plain text; {@code null} when a variable has no value and no default. */
    @Nullable String toText(@Nullable RequestContext request) {
        StringBuilder b = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal l -> b.append(l.text());
                case Escaped e -> b.append(e.character());
                case Variable v -> {
                    String value = resolve(v, request);
                    if (value == null) {
                        return null;
                    }
                    b.append(value);
                }
            }
        }
        return b.toString();
    }

    /** Only single-valued keys resolve (the user guide: a multivalued key is no variable). */
    private static @Nullable String resolve(Variable variable, @Nullable RequestContext request) {
        ContextValue value = request == null ? null : request.value(variable.key());
        if (value == null || value.type().isList() || value.values().size() != 1) {
            return variable.defaultValue();
        }
        return value.values().get(0);
    }

    @Override
    public String toString() {
        return source;
    }
}

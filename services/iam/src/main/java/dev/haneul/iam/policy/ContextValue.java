package dev.haneul.iam.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** One request-context key's value: its type and its values (one, or any number for a list type). */
public record ContextValue(ContextKeyType type, List<String> values) {

    public ContextValue {
        requireNonNull(type, "type");
        values = List.copyOf(requireNonNull(values, "values"));
    }

    public static ContextValue of(ContextKeyType type, String... values) {
        return new ContextValue(type, List.of(values));
    }

    public static ContextValue string(String value) {
        return new ContextValue(ContextKeyType.STRING, List.of(value));
    }

    public static ContextValue strings(Collection<String> values) {
        return new ContextValue(ContextKeyType.STRING_LIST, List.copyOf(values));
    }

    public static ContextValue bool(boolean value) {
        return new ContextValue(ContextKeyType.BOOLEAN, List.of(Boolean.toString(value)));
    }

    public static ContextValue numeric(long value) {
        return new ContextValue(ContextKeyType.NUMERIC, List.of(Long.toString(value)));
    }

    public static ContextValue ip(String address) {
        return new ContextValue(ContextKeyType.IP, List.of(address));
    }

    public static ContextValue date(Instant instant) {
        return new ContextValue(ContextKeyType.DATE, List.of(instant.toString()));
    }

    /** {@code true} when the key resolves to the empty set (an empty list or one empty string). */
    boolean isEmptySet() {
        return values.isEmpty() || (values.size() == 1 && values.get(0).isEmpty() && type.isList());
    }
}

package dev.haneul.lab.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A verdict record as named, formatted fields: its components in declaration order. */
public final class VerdictFields {

    private VerdictFields() {}

    public static Map<String, String> of(Record verdict) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (RecordComponent component : verdict.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(verdict);
                fields.put(component.getName(), format(value));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("verdict field " + component.getName() + " cannot be read", e);
            }
        }
        return fields;
    }

    public static Table table(Record verdict) {
        Table.Builder table = Table.builder("Verdict", "field", "value");
        of(verdict).forEach(table::row);
        return table.build();
    }

    static String format(Object value) {
        return switch (value) {
            case null -> "-";
            case Double d -> String.format(Locale.ROOT, "%.3f", d);
            case Float f -> String.format(Locale.ROOT, "%.3f", f);
            case Map<?, ?> map -> map.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case Collection<?> list -> list.stream().map(VerdictFields::format).collect(Collectors.joining(", ", "[", "]"));
            default -> String.valueOf(value);
        };
    }
}

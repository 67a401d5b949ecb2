package dev.haneul.rds.api;

import dev.haneul.core.api.CommonErrors;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.Filter;

/**
 * The {@code Filters} of a Describe operation: each filter a name and values; an item passes when,
 * for every filter, one of its values matches. Names an operation does not know are refused, as
 * RDS refuses them. Values compare case-insensitively (identifiers are stored lower-case).
 */
final class Filters<T> {

    private final Map<String, Function<T, List<String>>> fields = new LinkedHashMap<>();

    /** A filter name and the item's values it matches against. */
    Filters<T> field(String name, Function<T, List<String>> values) {
        fields.put(name, values);
        return this;
    }

    /** A filter Haneul accepts but that no Haneul resource matches (such as {@code domain}). */
    Filters<T> never(String name) {
        fields.put(name, item -> List.of());
        return this;
    }

    Predicate<T> predicate(List<Filter> filters) {
        if (filters == null || filters.isEmpty()) {
            return item -> true;
        }
        Map<Function<T, List<String>>, Set<String>> checks = new LinkedHashMap<>();
        for (Filter filter : filters) {
            Function<T, List<String>> field = fields.get(filter.name());
            if (field == null) {
                throw CommonErrors.invalidParameterValue("Unrecognized filter name: " + filter.name()
                        + ". Valid filter names are: " + String.join(", ", fields.keySet()) + ".");
            }
            checks.computeIfAbsent(field, f -> new HashSet<>()).addAll(
                    filter.values().stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
        }
        return item -> checks.entrySet().stream().allMatch(check -> check.getKey().apply(item).stream()
                .anyMatch(value -> check.getValue().contains(value.toLowerCase(Locale.ROOT))));
    }
}

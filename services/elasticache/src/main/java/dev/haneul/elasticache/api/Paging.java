package dev.haneul.elasticache.api;

import java.util.List;
import java.util.function.Function;

/** {@code MaxRecords} and {@code Marker}, as ElastiCache's Describe operations page their answers. */
final class Paging {

    private final Validation validation;

    Paging(Validation validation) {
        this.validation = validation;
    }

    /** One page of a listing and the marker of the next ({@code null} on the last page). */
    record Page<T>(List<T> items, String marker) {}

    /** Pages by item id: the marker is the id of the first item of the next page. */
    <T> Page<T> byId(List<T> items, Function<T, String> id, String marker, int max) {
        int from = 0;
        if (marker != null) {
            from = -1;
            for (int i = 0; i < items.size(); i++) {
                if (id.apply(items.get(i)).equals(marker)) {
                    from = i;
                    break;
                }
            }
            if (from < 0) {
                throw validation.invalidValue("Invalid marker: %s", marker);
            }
        }
        int to = Math.min(items.size(), from + max);
        return new Page<>(items.subList(from, to), to < items.size() ? id.apply(items.get(to)) : null);
    }

    /** Pages by position, for events (which have no id). */
    <T> Page<T> byPosition(List<T> items, String marker, int max) {
        int from = 0;
        if (marker != null) {
            try {
                from = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > items.size()) {
                throw validation.invalidValue("Invalid marker: %s", marker);
            }
        }
        int to = Math.min(items.size(), from + max);
        return new Page<>(items.subList(from, to), to < items.size() ? Integer.toString(to) : null);
    }
}

package dev.haneul.rds.api;

import dev.haneul.core.api.CommonErrors;
import java.util.List;

/**
 * {@code MaxRecords} and {@code Marker} of the Describe operations: at most {@code MaxRecords}
 * (20 to 100, default 100) items from the marker on; the marker of the next page when more remain.
 * Markers are opaque to callers; Haneul's is the offset of the next item.
 */
record Paging<T>(List<T> items, String nextMarker) {

    static final int DEFAULT_MAX_RECORDS = 100;
    static final int MIN_MAX_RECORDS = 20;

    static <T> Paging<T> of(List<T> all, String marker, Integer maxRecords) {
        int max = maxRecords == null ? DEFAULT_MAX_RECORDS : maxRecords;
        if (max < MIN_MAX_RECORDS || max > DEFAULT_MAX_RECORDS) {
            throw CommonErrors.invalidParameterValue("Invalid value " + max + " for MaxRecords. Must be between "
                    + MIN_MAX_RECORDS + " and " + DEFAULT_MAX_RECORDS + ".");
        }
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            try {
                from = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > all.size()) {
                throw CommonErrors.invalidParameterValue("Invalid marker: " + marker);
            }
        }
        int to = Math.min(all.size(), from + max);
        return new Paging<>(List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null);
    }
}

package dev.haneul.elbv2.api;

import java.util.List;

/**
 * ELBv2's {@code Marker}/{@code PageSize} paging: a page of at most {@code PageSize} items (1-400,
 * all when absent) and, when more remain, a {@code NextMarker} to continue from. Markers are the
 * offset of the next item, opaque to callers.
 */
record Pages<T>(List<T> items, String nextMarker) {

    static final int MAX_PAGE_SIZE = 400;

    static <T> Pages<T> of(List<T> all, String marker, Integer pageSize) {
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            try {
                from = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > all.size()) {
                throw Elbv2Errors.validation("The marker '%s' is not valid", marker);
            }
        }
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
            throw Elbv2Errors.validation("Page size '%d' is not between 1 and %d", pageSize, MAX_PAGE_SIZE);
        }
        int to = pageSize == null ? all.size() : Math.min(all.size(), from + pageSize);
        return new Pages<>(List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null);
    }
}

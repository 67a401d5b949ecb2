package dev.haneul.core.resource;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Paging of a listing, in the two styles AWS services use:
 * <ul>
 *   <li>{@link #byOffset}: the marker is the position of the next item (RDS and ELBv2
 *       {@code Marker}, ElastiCache events). Opaque to callers, cheap, and stable as long as
 *       the listing does not change between pages — as on AWS, where markers are not
 *       guaranteed across changes either.</li>
 *   <li>{@link #byKey}: the marker is the identifier of the first item of the next page
 *       (ElastiCache {@code Marker}, S3's start-after). An item deleted between pages does not
 *       shift the rest.</li>
 * </ul>
 * Both check the size against {@link PageLimits} and a malformed or stale marker with the
 * service's own error.
 */
public final class Paging {

    /** The service's errors for a bad page size and a bad marker. */
    public interface Errors {
        AwsServiceException invalidSize(int size, PageLimits limits);

        AwsServiceException invalidMarker(String marker);
    }

    private final PageLimits limits;
    private final Errors errors;

    public Paging(PageLimits limits, Errors errors) {
        this.limits = requireNonNull(limits, "limits");
        this.errors = requireNonNull(errors, "errors");
    }

    public PageLimits limits() {
        return limits;
    }

    /** The page of {@code all} that starts at the position {@code marker} names. */
    public <T> Page<T> byOffset(List<T> all, @Nullable String marker, @Nullable Integer size) {
        int max = size(size);
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            from = parseOffset(marker);
            if (from < 0 || from > all.size()) {
                throw errors.invalidMarker(marker);
            }
        }
        int to = (int) Math.min(all.size(), (long) from + max);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    /** The page of {@code all} that starts at the item whose {@code key} is {@code marker}. */
    public <T> Page<T> byKey(List<T> all, Function<? super T, String> key, @Nullable String marker,
                             @Nullable Integer size) {
        int max = size(size);
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (key.apply(all.get(i)).equals(marker)) {
                    from = i;
                    break;
                }
            }
            if (from < 0) {
                throw errors.invalidMarker(marker);
            }
        }
        int to = (int) Math.min(all.size(), (long) from + max);
        return new Page<>(all.subList(from, to), to < all.size() ? key.apply(all.get(to)) : null);
    }

    private int size(@Nullable Integer size) {
        if (size == null) {
            return limits.defaultSize();
        }
        if (!limits.allows(size)) {
            throw errors.invalidSize(size, limits);
        }
        return size;
    }

    private static int parseOffset(String marker) {
        try {
            return Integer.parseInt(marker);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

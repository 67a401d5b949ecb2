package dev.haneul.core.resource;

import dev.haneul.core.protocol.Shape;
import org.jspecify.annotations.Nullable;

/**
 * The bounds of a page-size parameter ({@code MaxRecords}, {@code PageSize}, {@code MaxItems},
 * {@code max-keys}…) and the size used when the caller gives none.
 *
 * @param defaultSize the size of a page when the request names none; {@link #ALL} for "everything"
 */
public record PageLimits(int min, int max, int defaultSize) {

    /** A {@link #defaultSize} meaning "no limit unless asked". */
    public static final int ALL = Integer.MAX_VALUE;

    public PageLimits {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("min: " + min + ", max: " + max + " (expected: 0 <= min <= max)");
        }
        if (defaultSize != ALL && (defaultSize < min || defaultSize > max)) {
            throw new IllegalArgumentException("defaultSize: " + defaultSize + " (expected: " + min + "-" + max + ")");
        }
    }

    /**
     * The limits a model's size shape declares ({@code min}/{@code max} traits), falling back to
     * {@code fallback} for a bound the model leaves out (many query models document their bounds
     * only in prose).
     */
    public static PageLimits of(@Nullable Shape sizeShape, PageLimits fallback) {
        if (sizeShape == null) {
            return fallback;
        }
        int min = sizeShape.min().map(Long::intValue).orElse(fallback.min());
        int max = sizeShape.max().map(Long::intValue).orElse(fallback.max());
        int size = fallback.defaultSize() == ALL ? ALL : Math.max(min, Math.min(max, fallback.defaultSize()));
        return new PageLimits(min, max, size);
    }

    /** Whether {@code size} is within bounds. */
    public boolean allows(int size) {
        return size >= min && size <= max;
    }
}

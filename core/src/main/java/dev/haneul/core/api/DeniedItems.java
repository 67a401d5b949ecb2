package dev.haneul.core.api;

import java.util.Set;

/**
 * The items of a batch request the caller may not act on, by their position in the request's
 * list: S3's DeleteObjects authorizes each key on its own, so a denied key is reported in the
 * result while the others are deleted. The gateway's authorization decides them before the
 * provider runs; the provider answers each denied item with the service's per-item error.
 *
 * @param positions zero-based positions in the request's list
 */
public record DeniedItems(Set<Integer> positions) {

    /** Every item may be acted on. */
    public static final DeniedItems NONE = new DeniedItems(Set.of());

    public DeniedItems {
        positions = Set.copyOf(positions);
    }

    public boolean denied(int position) {
        return positions.contains(position);
    }

    public boolean isEmpty() {
        return positions.isEmpty();
    }
}

package dev.haneul.core.resource;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing and where the next one starts.
 *
 * @param nextMarker the marker (or token) of the next page; {@code null} on the last page, which
 *     the protocols then leave out of the answer
 */
public record Page<T>(List<T> items, @Nullable String nextMarker) {

    public Page {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextMarker);
    }
}

package dev.haneul.examples.board;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import org.springframework.lang.Nullable;

/**
 * What a read returned, and who answered it: the DB instance ({@code @@report_host}, which Aurora
 * and Haneul set to the DB instance identifier, else {@code @@hostname:@@port}) and the endpoint
 * the connection came through. The footer of every page shows it.
 *
 * @param note why the read did not come from where it should (the reader lagged), or {@code null}
 */
public record DbRead<T>(T value, String instance, BoardDatabase.Role role, @Nullable String note) {

    public DbRead {
        requireNonNull(value, "value");
        requireNonNull(instance, "instance");
        requireNonNull(role, "role");
    }

    <R> DbRead<R> map(Function<? super T, R> mapper) {
        return new DbRead<>(mapper.apply(value), instance, role, note);
    }

    DbRead<T> withNote(String note) {
        return new DbRead<>(value, instance, role, note);
    }

    /** Whether the reader lagged and the writer answered instead. */
    public boolean fellBack() {
        return note != null;
    }
}

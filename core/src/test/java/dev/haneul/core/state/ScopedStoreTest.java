package dev.haneul.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopedStoreTest {

    /** A service's state as services declare it: maps of immutable records. */
    public static final class Shelf {
        public Map<String, Book> books = new LinkedHashMap<>();
    }

    public record Book(String title, int pages) {}

    private static final Scope SEOUL = new Scope("000000000000", "ap-northeast-2");
    private static final Scope VIRGINIA = new Scope("000000000000", "us-east-1");

    @TempDir
    Path dir;

    @Test
    void writesArePersistedPerScopeAndReloaded() {
        ScopedStore<Shelf> store = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        store.write(SEOUL, s -> s.books.put("b1", new Book("Sky", 120)));
        store.write(VIRGINIA, s -> s.books.put("b2", new Book("Sea", 80)));

        assertThat(dir.resolve("library/000000000000/ap-northeast-2.json")).exists();
        ScopedStore<Shelf> reloaded = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        Map<String, Book> seoul = reloaded.read(SEOUL, s -> s.books);
        assertThat(seoul).containsOnlyKeys("b1");
        Book sea = reloaded.read(VIRGINIA, s -> s.books.get("b2"));
        assertThat(sea).isEqualTo(new Book("Sea", 80));
        assertThat(reloaded.problems()).isEmpty();
    }

    @Test
    void aFailedMutationWritesNothing() {
        ScopedStore<Shelf> store = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        assertThatThrownBy(() -> store.write(SEOUL, s -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(dir.resolve("library/000000000000/ap-northeast-2.json")).doesNotExist();
    }

    @Test
    void anUnreadableFileIsReportedByNameKeptAsACopyAndOthersStillLoad() throws Exception {
        ScopedStore<Shelf> store = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        store.write(SEOUL, s -> s.books.put("b1", new Book("Sky", 120)));
        store.write(VIRGINIA, s -> s.books.put("b2", new Book("Sea", 80)));
        Path broken = dir.resolve("library/000000000000/us-east-1.json");
        Files.writeString(broken, "{\"books\": {\"b2\": ");

        ScopedStore<Shelf> reloaded = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        assertThat(reloaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(broken);
            assertThat(p.preservedAs()).exists();
            assertThat(Files.readString(p.preservedAs())).isEqualTo("{\"books\": {\"b2\": ");
        });
        Map<String, Book> seoul = reloaded.read(SEOUL, s -> s.books);
        assertThat(seoul).containsOnlyKeys("b1");
        Map<String, Book> virginia = reloaded.read(VIRGINIA, s -> s.books);
        assertThat(virginia).isEmpty();
    }

    @Test
    void atomicWritesLeaveNoTemporaryFiles() throws Exception {
        ScopedStore<Shelf> store = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        for (int i = 0; i < 50; i++) {
            int n = i;
            store.write(SEOUL, s -> s.books.put("b" + n, new Book("t" + n, n)));
        }
        try (Stream<Path> files = Files.list(dir.resolve("library/000000000000"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ap-northeast-2.json");
        }
    }

    @Test
    void scopesAreValidated() {
        assertThatThrownBy(() -> new Scope("123", "us-east-1")).hasMessageContaining("accountId");
        assertThatThrownBy(() -> new Scope("000000000000", "../etc")).hasMessageContaining("region");
    }
}

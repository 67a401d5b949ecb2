package dev.haneul.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    void aWriteThatCannotBePersistedLeavesNoTraceAndARetrySucceeds() throws Exception {
        ScopedStore<Shelf> store = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        store.write(SEOUL, s -> s.books.put("b1", new Book("Sky", 120)));
        Path accountDir = dir.resolve("library/000000000000");
        // A real fault that stops root too: the scope's directory is a regular file.
        Path aside = dir.resolve("aside");
        Files.move(accountDir, aside);
        Files.writeString(accountDir, "not a directory");

        assertThatThrownBy(() -> store.write(SEOUL, s -> s.books.put("b2", new Book("Sea", 80))))
                .isInstanceOf(StateWriteException.class)
                .hasMessageContaining("cannot write state file");
        assertThatThrownBy(() -> store.write(VIRGINIA, s -> s.books.put("b3", new Book("Sun", 10))))
                .isInstanceOf(StateWriteException.class);
        Map<String, Book> seoul = store.read(SEOUL, s -> Map.copyOf(s.books));
        assertThat(seoul).containsOnlyKeys("b1");
        Map<String, Book> virginia = store.read(VIRGINIA, s -> Map.copyOf(s.books));
        assertThat(virginia).isEmpty();
        List<Scope> scopes = new ArrayList<>();
        store.forEach((scope, state) -> scopes.add(scope));
        assertThat(scopes).containsExactly(SEOUL);

        Files.delete(accountDir);
        Files.move(aside, accountDir);
        store.write(SEOUL, s -> s.books.put("b2", new Book("Sea", 80)));
        Map<String, Book> reloaded = ScopedStore.open(dir, "library", Shelf.class, Shelf::new).read(SEOUL, s -> s.books);
        assertThat(reloaded).containsOnlyKeys("b1", "b2");
    }

    @Test
    void aMutationThatThrowsHalfWayIsUndone() {
        ScopedStore<Shelf> store = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        store.write(SEOUL, s -> s.books.put("b1", new Book("Sky", 120)));
        assertThatThrownBy(() -> store.write(SEOUL, s -> {
            s.books.put("b2", new Book("Sea", 80));
            throw new IllegalStateException("refused after a change");
        })).hasMessage("refused after a change");
        Map<String, Book> seoul = store.read(SEOUL, s -> Map.copyOf(s.books));
        assertThat(seoul).containsOnlyKeys("b1");
    }

    @Test
    void stateFilesAreOwnerOnly() throws Exception {
        ScopedStore<Shelf> store = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        store.write(SEOUL, s -> s.books.put("b1", new Book("Sky", 120)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("library/000000000000/ap-northeast-2.json")))).isEqualTo("rw-------");
    }

    @Test
    void aCorruptFileIsReportedWithTheResourcesItHeld() throws Exception {
        ScopedStore<Shelf> store = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        store.write(SEOUL, s -> {
            s.books.put("board-db", new Book("Sky", 120));
            s.books.put("arn:aws:rds:us-east-1:000000000000:cluster:board-db", new Book("Sea", 80));
            s.books.put("b3", new Book("Sun", 10));
            return null;
        });
        Path file = dir.resolve("library/000000000000/ap-northeast-2.json");
        String json = Files.readString(file);
        Files.writeString(file, json.substring(0, json.indexOf("\"b3\"") + 14)); // truncated inside b3's record

        StateProblem truncated = ScopedStore.open(dir, "library", Shelf.class, Shelf::new).problems().getFirst();
        assertThat(truncated.service()).isEqualTo("library");
        assertThat(truncated.dropped()).containsExactly(Map.entry("books", List.of("board-db", "cluster:board-db", "b3")));
        assertThat(truncated.droppedSummary()).isEqualTo("dropped: books board-db, cluster:board-db, b3");

        Files.write(file, new byte[] {(byte) 0xff, 0x00, 'x', '{'});
        StateProblem garbage = ScopedStore.open(dir, "library", Shelf.class, Shelf::new).problems().getFirst();
        assertThat(garbage.dropped()).isEmpty();
        assertThat(garbage.droppedSummary()).isEqualTo("no resource could be read from it");
        assertThat(garbage.preservedAs()).exists();
    }

    /**
     * What a restore costs (one parse of the scope, only when a write fails) against what every
     * write costs anyway (one serialisation), for a scope of 300 resources. Printed for the
     * class comment of {@link ScopedStore}; asserts only that a restore is not absurdly slow.
     */
    @Test
    void costOfARestore() {
        ScopedStore<Shelf> store = ScopedStore.open(dir, "library", Shelf.class, Shelf::new);
        store.write(SEOUL, s -> {
            for (int i = 0; i < 300; i++) {
                s.books.put("resource-" + i, new Book("x".repeat(1000), i));
            }
            return null;
        });
        long writes = 0;
        long restores = 0;
        int rounds = 50;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            store.write(SEOUL, s -> s.books.put("resource-0", new Book("y", 0)));
            writes += System.nanoTime() - t;
            t = System.nanoTime();
            assertThatThrownBy(() -> store.write(SEOUL, s -> {
                throw new IllegalStateException("undo");
            }));
            restores += System.nanoTime() - t;
        }
        System.out.printf("ScopedStore, 300 resources: write (serialise + fsync) %.2f ms, restore %.2f ms%n",
                writes / 1e6 / rounds, restores / 1e6 / rounds);
        assertThat(restores / rounds).isLessThan(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void scopesAreValidated() {
        assertThatThrownBy(() -> new Scope("123", "us-east-1")).hasMessageContaining("accountId");
        assertThatThrownBy(() -> new Scope("000000000000", "../etc")).hasMessageContaining("region");
    }
}

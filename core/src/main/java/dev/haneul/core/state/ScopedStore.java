package dev.haneul.core.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's resources, partitioned by account and region, persisted as one JSON file per
 * scope under {@code <stateDir>/<service>/<account>/<region>.json}.
 *
 * <p>A service declares its state once as a Jackson-serialisable class {@code S} (typically maps
 * of immutable records). Reads run under a shared lock; every {@link #write} runs under the
 * exclusive lock and persists that scope's file atomically ({@link AtomicFiles}) before it
 * returns, so an acknowledged API call survives a SIGKILL. Files that cannot be read at start-up
 * are reported by name ({@link #problems()}), with what could still be read of them, copied
 * aside, and never silently overwritten before that copy exists.
 *
 * <h2>Writes are all or nothing</h2>
 * A mutation changes the live state in place, and the file is written after it. If the mutation
 * throws, or the file cannot be written ({@link StateWriteException}), the scope is put back to
 * the bytes last persisted, kept in memory for that purpose: what callers see is always what is on
 * disk. Restoring costs one parse of the scope's JSON, and only on failure; the other design
 * (mutate a parsed copy, swap it in once written) pays that parse on every write. For a scope of
 * 300 resources (about 330 KB of JSON) a restore took 6 to 13 ms on the shared 2-core build
 * machine, where a write (serialise and fsync) took 14 to 50 ms: copy-and-swap would have made
 * every write a third slower (measured by {@code ScopedStoreTest.costOfARestore}).
 */
public final class ScopedStore<S> {

    private static final Logger log = LoggerFactory.getLogger(ScopedStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String service;
    private final Path dir;
    private final Class<S> type;
    private final Supplier<S> empty;
    private final ObjectMapper mapper;
    private final Map<Scope, S> scopes = new LinkedHashMap<>();
    /** Each scope's JSON as last read or written: what a failed write restores. */
    private final Map<Scope, byte[]> persisted = new LinkedHashMap<>();
    private final List<StateProblem> problems = new ArrayList<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private ScopedStore(String service, Path dir, Class<S> type, Supplier<S> empty, ObjectMapper mapper) {
        this.service = service;
        this.dir = dir;
        this.type = type;
        this.empty = empty;
        this.mapper = mapper;
    }

    /** A Jackson mapper configured for state files: java.time support, tolerant of unknown fields. */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Opens (and loads) the store of {@code service} under {@code stateDir}. */
    public static <S> ScopedStore<S> open(Path stateDir, String service, Class<S> type, Supplier<S> empty) {
        return open(stateDir, service, type, empty, defaultMapper());
    }

    public static <S> ScopedStore<S> open(Path stateDir, String service, Class<S> type, Supplier<S> empty,
                                          ObjectMapper mapper) {
        requireNonNull(stateDir, "stateDir");
        requireNonNull(service, "service");
        ScopedStore<S> store = new ScopedStore<>(service, stateDir.resolve(service), requireNonNull(type, "type"),
                requireNonNull(empty, "empty"), requireNonNull(mapper, "mapper"));
        store.load();
        return store;
    }

    private void load() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> accounts = Files.list(dir)) {
            for (Path accountDir : accounts.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(accountDir)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                        loadFile(accountDir.getFileName().toString(), file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list state directory " + dir, e);
        }
    }

    private void loadFile(String account, Path file) {
        String name = file.getFileName().toString();
        String region = name.substring(0, name.length() - ".json".length());
        try {
            Scope scope = new Scope(account, region);
            byte[] bytes = Files.readAllBytes(file);
            S state = mapper.readValue(bytes, type);
            scopes.put(scope, state == null ? empty.get() : state);
            persisted.put(scope, bytes);
        } catch (IOException | RuntimeException e) {
            Path preserved = file.resolveSibling(name + ".corrupt-" + STAMP.format(Instant.now()));
            for (int n = 2; Files.exists(preserved); n++) {
                preserved = file.resolveSibling(name + ".corrupt-" + STAMP.format(Instant.now()) + "-" + n);
            }
            try {
                Files.copy(file, preserved, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException copyFailure) {
                preserved = null;
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            StateProblem problem = new StateProblem(service, file, preserved, reason, StateSalvage.readable(file));
            problems.add(problem);
            log.error("{} - cannot read state file {} ({}); kept a copy as {} and starting that scope empty; {}",
                    service, file, reason, preserved, problem.droppedSummary());
        }
    }

    /** Runs {@code reader} on the scope's state under the shared lock. */
    public <R extends @Nullable Object> R read(Scope scope, Function<S, R> reader) {
        lock.readLock().lock();
        try {
            S state = scopes.get(scope);
            return reader.apply(state != null ? state : empty.get());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code mutation} on the scope's state under the exclusive lock, then persists the scope.
     * All or nothing: if the mutation throws, or the file cannot be written, the scope is restored
     * to what is on disk and the exception propagates ({@link StateWriteException} for a write
     * that failed).
     */
    public <R extends @Nullable Object> R write(Scope scope, Function<S, R> mutation) {
        lock.writeLock().lock();
        try {
            S state = scopes.computeIfAbsent(scope, s -> empty.get());
            R result;
            try {
                result = mutation.apply(state);
                persisted.put(scope, persist(scope, state));
            } catch (RuntimeException | Error e) {
                restore(scope);
                throw e;
            }
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Visits every scope's state under the shared lock. */
    public void forEach(BiConsumer<Scope, S> visitor) {
        lock.readLock().lock();
        try {
            scopes.forEach(visitor);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** State files that could not be read at start-up. */
    public List<StateProblem> problems() {
        return List.copyOf(problems);
    }

    private byte[] persist(Scope scope, S state) {
        Path file = dir.resolve(scope.accountId()).resolve(scope.region() + ".json");
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(service + " - cannot serialise the state of " + scope, e);
        }
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            StateWriteException failure = new StateWriteException(service + " - cannot write state file " + file, e);
            log.error("{}; the change was undone", failure.describe());
            throw failure;
        }
        return bytes;
    }

    /** Puts the scope back to its bytes on disk (or to nothing, for a scope never written). */
    private void restore(Scope scope) {
        byte[] bytes = persisted.get(scope);
        if (bytes == null) {
            scopes.remove(scope);
            return;
        }
        try {
            S state = mapper.readValue(bytes, type);
            scopes.put(scope, state == null ? empty.get() : state);
        } catch (IOException e) {
            // These bytes were produced by this mapper from this type; failing to read them back is a bug.
            throw new IllegalStateException(service + " - cannot restore the state of " + scope, e);
        }
    }
}

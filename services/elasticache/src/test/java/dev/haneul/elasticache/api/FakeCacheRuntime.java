package dev.haneul.elasticache.api;

import dev.haneul.elasticache.runtime.CacheConfig;
import dev.haneul.elasticache.runtime.CacheKey;
import dev.haneul.elasticache.runtime.CacheObserver;
import dev.haneul.elasticache.runtime.CacheRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link CacheRuntime} without engines: it records what it was asked and ends each change with
 * {@link #outcome}, at once, or when {@link #release()} is called while {@link #hold} is set (to see
 * the statuses a change leaves until it ends).
 */
final class FakeCacheRuntime implements CacheRuntime {

    final CacheObserver observer;
    final List<CacheConfig> applied = new ArrayList<>();
    final List<CacheKey> removed = new ArrayList<>();
    final List<CacheKey> failovers = new ArrayList<>();
    final List<CacheKey> claimed = new ArrayList<>();
    boolean hold;
    Outcome outcome = Outcome.DONE;
    boolean closed;
    private final List<Runnable> pending = new ArrayList<>();

    FakeCacheRuntime(CacheObserver observer) {
        this.observer = observer;
    }

    @Override
    public void claim(CacheKey key, List<String> nodeIds) {
        claimed.add(key);
    }

    @Override
    public void apply(CacheConfig desired, Consumer<Outcome> done) {
        applied.add(desired);
        end(done);
    }

    @Override
    public void testFailover(CacheKey key, Consumer<Outcome> done) {
        failovers.add(key);
        end(done);
    }

    @Override
    public void remove(CacheKey key, List<String> nodeIds, Consumer<Outcome> done) {
        removed.add(key);
        end(done);
    }

    @Override
    public List<Observed> observe() {
        return List.of();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Ends every held change. */
    void release() {
        List<Runnable> held = List.copyOf(pending);
        pending.clear();
        held.forEach(Runnable::run);
    }

    CacheConfig lastApplied() {
        return applied.get(applied.size() - 1);
    }

    private void end(Consumer<Outcome> done) {
        Outcome now = outcome;
        if (hold) {
            pending.add(() -> done.accept(now));
        } else {
            done.accept(now);
        }
    }
}

package dev.haneul.elasticache.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.elasticache.runtime.CacheKey;
import dev.haneul.elasticache.runtime.CacheObserver;

/** Persists what the runtime observes on its own: a new primary, a moved port, events. */
final class Observations implements CacheObserver {

    private final CacheStore store;

    Observations(CacheStore store) {
        this.store = requireNonNull(store, "store");
    }

    @Override
    public void primaryChanged(CacheKey key, String primaryId) {
        if (key.kind() == CacheKey.Kind.GROUP) {
            store.updateGroup(key.scope(), key.id(), g -> g.withPrimary(primaryId));
        }
    }

    @Override
    public void portMoved(CacheKey key, int port) {
        if (key.kind() == CacheKey.Kind.GROUP) {
            store.updateGroup(key.scope(), key.id(), g -> g.withPort(port));
        } else {
            store.updateCluster(key.scope(), key.id(), c -> c.withPort(port));
        }
    }

    @Override
    public void event(CacheKey key, String sourceType, String sourceId, String message) {
        store.event(key.scope(), sourceType, sourceId, message);
    }
}

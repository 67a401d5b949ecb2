package dev.haneul.elasticache.runtime;

/**
 * What the runtime tells the API layer as it happens, beyond the outcome of each change: the
 * observed status the API persists. Called on the runtime's threads, possibly while an engine
 * holds its lock: implementations may persist state but must not call back into the runtime.
 */
public interface CacheObserver {

    /** A failover or switchover made {@code primaryId} the primary of {@code key}. */
    void primaryChanged(CacheKey key, String primaryId);

    /** Every endpoint of {@code key} moved to {@code port} (the one it had was taken). */
    void portMoved(CacheKey key, int port);

    /**
     * Something users see in {@code DescribeEvents}.
     *
     * @param sourceType {@code replication-group} or {@code cache-cluster}
     */
    void event(CacheKey key, String sourceType, String sourceId, String message);
}

package dev.haneul.elasticache.engine;

/**
 * What a {@link ReplicationEngine} tells its owner. Called on the engine's own virtual threads,
 * while it holds its lock: implementations may block briefly (persist state, close connections)
 * but must not call back into the engine.
 */
public interface EngineListener {

    /** The nodes' ports, roles or availability changed. */
    void topologyChanged(Topology topology);

    /** A failover or switchover made {@code primaryId} the primary. */
    void primaryChanged(String primaryId);

    /**
     * Something users see in {@code DescribeEvents}.
     *
     * @param sourceType {@code replication-group} or {@code cache-cluster}
     */
    void event(String sourceType, String sourceId, String message);
}

package dev.haneul.elasticache.engine;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the engines of one replication group (or cache cluster) look like right now: which node is
 * the primary and, per node, the engine port and whether it can serve. The endpoints are driven
 * from it.
 *
 * @param primaryId the node that takes writes
 * @param nodes every node, in member order (kept)
 */
public record Topology(String primaryId, Map<String, NodeState> nodes) {

    /** Before any engine ran. */
    public static final Topology EMPTY = new Topology("", Map.of());

    public Topology {
        requireNonNull(primaryId, "primaryId");
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    /**
     * One node.
     *
     * @param id its cache cluster id
     * @param port its engine's port on 127.0.0.1; 0 while it has none
     * @param primary whether it is the primary
     * @param available running, and (for a replica) its replication link is up
     */
    public record NodeState(String id, int port, boolean primary, boolean available) {}

    /** The primary's state, if known. */
    public Optional<NodeState> primary() {
        return Optional.ofNullable(nodes.get(primaryId));
    }
}

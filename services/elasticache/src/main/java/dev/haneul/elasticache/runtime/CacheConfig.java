package dev.haneul.elasticache.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one replication group (or stand-alone cache cluster) should look like: immutable, built by
 * the API from its state and handed to {@link CacheRuntime#apply}.
 *
 * @param port the port of its endpoints (the runtime reports it through {@link CacheObserver#portMoved} when it had to move)
 * @param primaryId the node that is the primary when the engines are first brought up; later the
 *     engines decide (failovers) and report it through {@link CacheObserver#primaryChanged}
 * @param nodeIds every node, the primary among them, in member order
 * @param authTokens the valid AUTH tokens, newest first; empty for none
 * @param adminSecret the secret of the renamed admin commands
 * @param switchTo a node to make the primary by a planned switch ({@code ModifyReplicationGroup
 *     PrimaryClusterId}); null for none
 * @param discard nodes that may have left engines behind (a change cut short by a Haneul stop)
 *     and are not in {@code nodeIds}: their directories and addresses are removed
 */
public record CacheConfig(CacheKey key, int port, String primaryId, List<String> nodeIds, List<String> authTokens,
                          boolean automaticFailover, String adminSecret, @Nullable String switchTo,
                          List<String> discard) {

    public CacheConfig {
        requireNonNull(key, "key");
        requireNonNull(primaryId, "primaryId");
        nodeIds = List.copyOf(nodeIds);
        authTokens = List.copyOf(authTokens);
        requireNonNull(adminSecret, "adminSecret");
        discard = List.copyOf(discard);
        if (!nodeIds.contains(primaryId)) {
            throw new IllegalArgumentException("primaryId: " + primaryId + " (expected: one of " + nodeIds + ")");
        }
    }

    /** The nodes other than {@link #primaryId}. */
    public List<String> replicaIds() {
        return nodeIds.stream().filter(id -> !id.equals(primaryId)).toList();
    }
}

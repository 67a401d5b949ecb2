package dev.haneul.elasticache.api;

import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.model.CacheClusterRecord;
import dev.haneul.elasticache.model.MemberRecord;
import dev.haneul.elasticache.model.NodeStatus;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import dev.haneul.elasticache.runtime.CacheConfig;
import dev.haneul.elasticache.runtime.CacheKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The desired config of a resource, as its state says it should run. */
final class Configs {

    private Configs() {}

    /**
     * A replication group: every member but those being removed.
     *
     * @param switchTo a member to make the primary now; null for none
     * @param discard members to drop whose engines a cut-short change may have left
     */
    static CacheConfig group(Scope scope, ReplicationGroupRecord group, @Nullable String switchTo, List<String> discard) {
        List<String> nodes = group.members().stream().filter(m -> m.status() != NodeStatus.DELETING)
                .map(MemberRecord::cacheClusterId).toList();
        return new CacheConfig(CacheKey.group(scope, group.id()), group.port(), group.primaryId(), nodes,
                group.authTokens(), group.automaticFailover().on(), group.adminSecret(), switchTo, discard);
    }

    static CacheConfig group(Scope scope, ReplicationGroupRecord group) {
        return group(scope, group, null, List.of());
    }

    /** A stand-alone cache cluster: one node, no automatic failover. */
    static CacheConfig cluster(Scope scope, CacheClusterRecord cluster) {
        return new CacheConfig(CacheKey.cluster(scope, cluster.id()), cluster.port(), cluster.id(), List.of(cluster.id()),
                cluster.authTokens(), false, cluster.adminSecret(), null, List.of());
    }
}

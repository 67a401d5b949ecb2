package dev.haneul.elasticache.api;

import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.endpoint.CacheEndpoints;
import dev.haneul.elasticache.engine.ReplicationEngine;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live side of one replication group or stand-alone cache cluster: its engines and its
 * endpoints, and the lock that runs its background work (create, modify, delete) one task at a
 * time, in the order the API accepted it.
 *
 * @param kind {@code replicationgroup} or {@code cluster}, as in its ARN
 */
final class ResourceRuntime {

    final Scope scope;
    final String kind;
    final String id;
    /** The allocator's key for its endpoints. */
    final String resourceKey;
    /** Log prefix: {@code elasticache/<id>}. */
    final String name;
    final ReentrantLock work = new ReentrantLock(true);
    volatile ReplicationEngine engine;
    volatile CacheEndpoints endpoints;
    volatile boolean starting;

    ResourceRuntime(Scope scope, String kind, String id) {
        this.scope = scope;
        this.kind = kind;
        this.id = id;
        this.resourceKey = resourceKey(scope, kind, id);
        this.name = "elasticache/" + id;
    }

    static String resourceKey(Scope scope, String kind, String id) {
        return "elasticache/" + scope.accountId() + "/" + scope.region() + "/" + kind + "/" + id;
    }

    /** The runtime map's key. */
    static String key(Scope scope, String kind, String id) {
        return resourceKey(scope, kind, id);
    }
}

package dev.haneul.elasticache.runtime;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.state.Scope;

/**
 * Which resource: a replication group or a stand-alone cache cluster of one account and region.
 *
 * @param kind its ARN's resource type
 */
public record CacheKey(Scope scope, Kind kind, String id) {

    /** The two kinds of resource that own engines. */
    public enum Kind {
        GROUP("replicationgroup", "replication-group"),
        CLUSTER("cluster", "cache-cluster");

        private final String arnType;
        private final String sourceType;

        Kind(String arnType, String sourceType) {
            this.arnType = arnType;
            this.sourceType = sourceType;
        }

        /** Its type in ARNs: {@code replicationgroup} or {@code cluster}. */
        public String arnType() {
            return arnType;
        }

        /** Its {@code SourceType} in events: {@code replication-group} or {@code cache-cluster}. */
        public String sourceType() {
            return sourceType;
        }
    }

    public CacheKey {
        requireNonNull(scope, "scope");
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
    }

    public static CacheKey group(Scope scope, String id) {
        return new CacheKey(scope, Kind.GROUP, id);
    }

    public static CacheKey cluster(Scope scope, String id) {
        return new CacheKey(scope, Kind.CLUSTER, id);
    }

    /** The address allocator's key for its endpoints. */
    public String resourceKey() {
        return "elasticache/" + scope.accountId() + "/" + scope.region() + "/" + kind.arnType() + "/" + id;
    }

    /** Log prefix: {@code elasticache/<id>}. */
    public String name() {
        return "elasticache/" + id;
    }
}

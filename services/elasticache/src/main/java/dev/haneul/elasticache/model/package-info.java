/**
 * ElastiCache state as persisted per account and region: immutable records of replication groups,
 * their member clusters, stand-alone cache clusters and events, held in
 * {@link dev.haneul.elasticache.model.ElastiCacheState}; the statuses each moves through
 * ({@link dev.haneul.elasticache.model.GroupStatus}, {@link dev.haneul.elasticache.model.NodeStatus},
 * {@link dev.haneul.elasticache.model.FailoverStatus}).
 */
@NullMarked
package dev.haneul.elasticache.model;

import org.jspecify.annotations.NullMarked;

/**
 * ElastiCache state as persisted per account and region: immutable records of replication groups,
 * their member clusters, stand-alone cache clusters and events, held in
 * {@link dev.haneul.elasticache.model.ElastiCacheState}.
 */
package dev.haneul.elasticache.model;

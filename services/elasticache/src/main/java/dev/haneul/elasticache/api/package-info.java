/**
 * The ElastiCache API (query protocol, 2015-02-02) for Redis OSS and Valkey with cluster mode
 * disabled: {@link dev.haneul.elasticache.api.ElastiCacheProvider} routes each operation to its
 * resource family (replication groups, replicas, cache clusters, events, tags), which validates
 * ({@code Validation}), persists ({@code CacheStore}), shapes the answer ({@code Shapes}) and hands
 * the desired config to the {@link dev.haneul.elasticache.runtime.CacheRuntime}.
 */
@NullMarked
package dev.haneul.elasticache.api;

import org.jspecify.annotations.NullMarked;

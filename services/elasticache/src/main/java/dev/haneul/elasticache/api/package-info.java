/**
 * The ElastiCache API (query protocol, 2015-02-02) for Redis OSS and Valkey with cluster mode
 * disabled: {@link dev.haneul.elasticache.api.ElastiCacheProvider}.
 */
@NullMarked
package dev.haneul.elasticache.api;

import org.jspecify.annotations.NullMarked;

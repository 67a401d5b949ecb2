/**
 * The live side of ElastiCache: the engines and endpoints of every replication group and cache
 * cluster, driven by desired configs ({@link dev.haneul.elasticache.runtime.CacheRuntime}).
 * Never imports the API layer.
 */
@NullMarked
package dev.haneul.elasticache.runtime;

import org.jspecify.annotations.NullMarked;

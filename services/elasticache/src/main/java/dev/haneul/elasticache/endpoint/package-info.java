/**
 * The data plane: primary, reader and node endpoints as TCP proxies
 * ({@link dev.haneul.elasticache.endpoint.CacheEndpoints}). Never imports the API layer.
 */
@NullMarked
package dev.haneul.elasticache.endpoint;

import org.jspecify.annotations.NullMarked;

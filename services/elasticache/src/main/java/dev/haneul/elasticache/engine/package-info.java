/**
 * The {@code redis-server} processes behind replication groups and cache clusters: start and
 * adoption, replication, failover, AUTH tokens, and the admin commands kept from users
 * ({@link dev.haneul.elasticache.engine.ReplicationEngine}, {@link dev.haneul.elasticache.engine.AdminCommands}).
 * Talks RESP to the engines itself.
 */
@NullMarked
package dev.haneul.elasticache.engine;

import org.jspecify.annotations.NullMarked;

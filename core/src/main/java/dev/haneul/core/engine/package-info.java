/**
 * The engines behind Haneul's managed services: finding their binaries and launching one
 * {@code mariadbd} or {@code redis-server} with its own directory, config, log and port.
 *
 * <p>Entry points: {@link dev.haneul.core.engine.EngineResolver} (which binaries, from where:
 * configured path, system packages, or the copies bundled in Maven artifacts, unpacked once into
 * a shared cache), then {@link dev.haneul.core.engine.MariaDbServer#start} and
 * {@link dev.haneul.core.engine.RedisServer#start}, which run on a
 * {@link dev.haneul.core.process.ProcessSupervisor}. What Aurora or ElastiCache mean on top of
 * these (replication, failover, endpoints) belongs to the service modules.
 *
 * <p>Layout of one engine directory ({@code <data dir>/engines/<resource-id>/}):
 * <pre>
 *   my.cnf | redis.conf     generated at every fresh start (keeps the previous port when free)
 *   mariadbd.pid | redis.pid
 *   mariadbd.log | redis.log  the engine's own log plus anything it writes to stdout/stderr
 *   data/                     the engine's data (MariaDB: copied from a template on first start)
 * </pre>
 *
 * <p>All of it blocks; call it from virtual threads.
 */
@NullMarked
package dev.haneul.core.engine;

import org.jspecify.annotations.NullMarked;

/**
 * The engines of Aurora clusters: one {@code mariadbd} per DB instance, GTID row-based
 * semi-synchronous replication from the writer, seeding of new replicas, failover, and the
 * background work that converges running engines to the persisted state
 * ({@link dev.haneul.rds.engine.ClusterRuntime}, the coordinator of one cluster, whose class
 * comment lists its parts: tasks and lock, records, rotation, instance lifecycle, failover,
 * recovery, replica monitor).
 *
 * <p>Haneul manages its engines over JDBC as its own {@code rdsadmin} account on 127.0.0.1, and
 * never writes to a replica's binary log: its own maintenance statements run with
 * {@code sql_log_bin=0}, so a replica's GTID history is only what it replicated.
 */
@NullMarked
package dev.haneul.rds.engine;

import org.jspecify.annotations.NullMarked;

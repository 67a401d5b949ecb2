/**
 * The Amazon RDS API (query protocol, 2014-10-31) for Aurora MySQL:
 * {@link dev.haneul.rds.api.RdsProvider} has one method per operation, validates as RDS does,
 * changes the persisted state and hands the slow work to the cluster's
 * {@link dev.haneul.rds.engine.ClusterRuntime}.
 */
package dev.haneul.rds.api;

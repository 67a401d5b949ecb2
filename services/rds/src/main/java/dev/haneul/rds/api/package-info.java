/**
 * The Amazon RDS API (query protocol, 2014-10-31) for Aurora MySQL, split by resource family
 * (controller → service → store): {@link dev.haneul.rds.api.RdsProvider} routes each operation
 * to {@link dev.haneul.rds.api.ClusterService}, {@link dev.haneul.rds.api.InstanceService},
 * {@link dev.haneul.rds.api.ClusterEndpointService}, {@link dev.haneul.rds.api.EventService} or
 * {@link dev.haneul.rds.api.TagService}; they validate ({@link dev.haneul.rds.api.RdsValidation},
 * the kit's rules in {@link dev.haneul.rds.api.RdsKit}), change the state through
 * {@link dev.haneul.rds.api.RdsStore}, shape answers with {@link dev.haneul.rds.api.RdsShapes},
 * and hand what changed to the cluster's {@link dev.haneul.rds.engine.ClusterControl} through
 * {@link dev.haneul.rds.api.ClusterEngines} (real engines: {@link dev.haneul.rds.api.ClusterRuntimes}).
 */
@NullMarked
package dev.haneul.rds.api;

import org.jspecify.annotations.NullMarked;

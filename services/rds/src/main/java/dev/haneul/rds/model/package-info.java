/**
 * RDS state as it is persisted: immutable records (clusters, DB instances, custom endpoints,
 * events) in the maps of one {@link dev.haneul.rds.model.RdsState} per account and region,
 * kept by a {@link dev.haneul.core.state.ScopedStore}. Nothing here talks to an engine or a
 * socket; the records are what the API returns and what the engine layer converges to.
 */
@NullMarked
package dev.haneul.rds.model;

import org.jspecify.annotations.NullMarked;

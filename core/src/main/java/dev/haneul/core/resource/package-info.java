/**
 * The concepts every service's resources share, kept once: ARNs ({@link Arn}), tags
 * ({@link TagRules}), paging ({@link Paging}), status machines ({@link StatusMachine}), events
 * ({@link EventLog}), idempotency tokens ({@link ClientTokens}), and the registry through which
 * services find each other's resources by ARN ({@link ResourceRegistry}).
 *
 * <p>Each service supplies only what differs: its error codes and limits, through small
 * records of rules; the behaviour (validation order, bounds, markers) is written here once.
 */
@NullMarked
package dev.haneul.core.resource;

import org.jspecify.annotations.NullMarked;

/**
 * The Elastic Load Balancing v2 API (query protocol, 2015-12-01): load balancers, listeners, rules,
 * target groups, targets and tags, validated and worded as ELBv2 does, stored per account and region,
 * and pushed to the data plane as whole snapshots after each change.
 *
 * <p>Public surface: {@link dev.haneul.elbv2.api.Elbv2Provider}. Everything is non-null unless
 * documented otherwise.
 */
@NullMarked
package dev.haneul.elbv2.api;

import org.jspecify.annotations.NullMarked;

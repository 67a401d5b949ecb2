/**
 * The Elastic Load Balancing v2 API (query protocol, 2015-12-01): load balancers, listeners, rules,
 * target groups, targets and tags, validated and worded as ELBv2 does, stored per account and region,
 * and pushed to the data plane as whole desired configs after each change.
 *
 * <p>Layout (controller → service → store): {@link dev.haneul.elbv2.api.Elbv2Provider} routes each
 * operation to its resource family ({@code LoadBalancerService}, {@code ListenerService},
 * {@code RuleService}, {@code TargetGroupService}, {@code TargetService}, {@code TagService},
 * {@code AccountLimits}); checks shared by families are in {@code Elbv2Validation} (and
 * {@code HealthChecks}, {@code Conditions}, {@code Actions}, {@code Targets}, the attribute
 * classes for their own inputs); {@code Views} shapes records into the SDK's types;
 * {@code Elbv2Store} is the only access to state and {@code DataPlaneSync} the only caller of
 * the {@link dev.haneul.elbv2.dataplane.DataPlane}.
 *
 * <p>The shared resource kit ({@code dev.haneul.core.resource}) provides paging
 * ({@code Paging.byOffset}, {@code PageSize} bounds from the model), tag rules ({@code TagRules}
 * with ELBv2's {@code TooManyTags}/{@code DuplicateTagKeys}/{@code ValidationError}), ARNs
 * ({@code Arn}) and the load balancer's {@code State.Code} lifecycle ({@code StatusMachine}).
 * Two kit pieces do not apply: ELBv2 has no idempotency token (its creates are idempotent on
 * name and settings instead, as on AWS), and its listeners are not endpoint groups (each load
 * balancer has one address and each listener its own port, so there is no "move every endpoint
 * to a port free on all addresses"; the data plane's {@code ListenerBinder} handles privileged
 * ports).
 *
 * <p>Public surface: {@link dev.haneul.elbv2.api.Elbv2Provider}. Everything is non-null unless
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.haneul.elbv2.api;

import org.jspecify.annotations.NullMarked;

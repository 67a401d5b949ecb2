/**
 * The IAM policy language as pure code, one engine for enforcement and the simulate APIs.
 *
 * <p>{@link dev.haneul.iam.policy.PolicyParser} reads and validates a document with AWS's
 * {@code MalformedPolicyDocument} messages; {@link dev.haneul.iam.policy.CompiledPolicy} compiles it
 * once (globs, ARN patterns, condition operators, policy variables); the
 * {@link dev.haneul.iam.policy.Evaluator} decides a {@link dev.haneul.iam.policy.RequestContext}
 * under a {@link dev.haneul.iam.policy.PolicySet} the caller resolved, returning a
 * {@link dev.haneul.iam.policy.Decision} that {@link dev.haneul.iam.policy.DenialMessage} words as
 * AWS does, and records it in the {@link dev.haneul.iam.policy.DecisionLog}.
 * {@link dev.haneul.iam.policy.ActionTable} says, for every operation of every emulated service,
 * which IAM action it needs, on which resources, with which condition keys. No I/O anywhere.
 */
@NullMarked
package dev.haneul.iam.policy;

import org.jspecify.annotations.NullMarked;

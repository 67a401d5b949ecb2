/**
 * {@code HANEUL_AUTH=iam}: who is calling (an IAM user's access key, STS temporary credentials, or
 * the account's root key), which policies apply to them, and the gateway interceptor that
 * authenticates every call and authorizes it with the {@link dev.haneul.iam.policy.Evaluator}.
 */
@NullMarked
package dev.haneul.iam.auth;

import org.jspecify.annotations.NullMarked;

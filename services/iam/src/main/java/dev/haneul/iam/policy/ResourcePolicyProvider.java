package dev.haneul.iam.policy;

import org.jspecify.annotations.Nullable;

/**
 * Where resource-based policies come from: given a resource ARN, the policy attached to it (an S3
 * bucket policy, later). Implementations return already compiled policies and must be cheap; they
 * are asked once per decision on a resource.
 */
@FunctionalInterface
public interface ResourcePolicyProvider {

    /** The policy attached to {@code resourceArn}, or {@code null} when it has none. */
    @Nullable CompiledPolicy policyFor(String resourceArn);

    /** No resource has a policy. */
    static ResourcePolicyProvider none() {
        return resourceArn -> null;
    }
}

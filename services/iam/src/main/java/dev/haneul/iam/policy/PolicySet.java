package dev.haneul.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The policies already resolved for one principal and resource; the IAM store gathers them (user,
 * group and role policies, the entity's boundary, the session's policies), the resource's owner
 * supplies the resource policy (or a {@link ResourcePolicyProvider} does).
 *
 * @param identityPolicies inline and managed policies of the user, its groups, or the role
 * @param permissionsBoundary the entity's boundary, or {@code null}
 * @param sessionPolicies the session policies passed when the session was created (inline and
 *     managed together); empty when none were passed
 * @param resourcePolicy the resource's policy, or {@code null} to ask the evaluator's provider
 */
public record PolicySet(List<CompiledPolicy> identityPolicies, @Nullable CompiledPolicy permissionsBoundary,
                        List<CompiledPolicy> sessionPolicies, @Nullable CompiledPolicy resourcePolicy) {

    public PolicySet {
        identityPolicies = List.copyOf(requireNonNull(identityPolicies, "identityPolicies"));
        sessionPolicies = List.copyOf(requireNonNull(sessionPolicies, "sessionPolicies"));
    }

    public static PolicySet of(List<CompiledPolicy> identityPolicies) {
        return new PolicySet(identityPolicies, null, List.of(), null);
    }

    public static PolicySet of(CompiledPolicy... identityPolicies) {
        return of(List.of(identityPolicies));
    }

    public PolicySet withPermissionsBoundary(@Nullable CompiledPolicy boundary) {
        return new PolicySet(identityPolicies, boundary, sessionPolicies, resourcePolicy);
    }

    public PolicySet withSessionPolicies(List<CompiledPolicy> policies) {
        return new PolicySet(identityPolicies, permissionsBoundary, policies, resourcePolicy);
    }

    public PolicySet withResourcePolicy(CompiledPolicy policy) {
        return new PolicySet(identityPolicies, permissionsBoundary, sessionPolicies, policy);
    }
}

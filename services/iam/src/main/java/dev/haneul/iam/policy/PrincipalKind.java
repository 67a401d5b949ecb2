package dev.haneul.iam.policy;

/**
 * Who is asking. The kind decides which policy types apply and how a resource-based policy's grant
 * counts (see {@link Evaluator}); its {@code aws:PrincipalType} value is AWS's.
 */
public enum PrincipalKind {
    /** The account's root user: not subject to identity policies or boundaries. */
    ROOT("Account"),
    IAM_USER("User"),
    /** A role session from {@code AssumeRole*}; its identity is the role. */
    ASSUMED_ROLE("AssumedRole"),
    /** A session from {@code GetFederationToken}; its identity is the IAM user who federated. */
    FEDERATED_USER("FederatedUser"),
    /** An AWS service principal such as {@code ec2.amazonaws.com}, seen only by resource policies. */
    SERVICE("Service"),
    ANONYMOUS("Anonymous");

    private final String principalType;

    PrincipalKind(String principalType) {
        this.principalType = principalType;
    }

    /** The value of {@code aws:PrincipalType}. */
    public String principalType() {
        return principalType;
    }

    /** {@code true} for the session principals, which session policies apply to. */
    public boolean isSession() {
        return this == ASSUMED_ROLE || this == FEDERATED_USER;
    }
}

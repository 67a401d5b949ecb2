package dev.haneul.iam.policy;

/**
 * Why a request was denied, in the terms of AWS's access-denied messages: an explicit deny in a
 * policy type, or no allow from a policy type that had to allow.
 */
public record DenialReason(boolean explicit, PolicyCategory category) {

    public static DenialReason explicitDeny(PolicyCategory category) {
        return new DenialReason(true, category);
    }

    public static DenialReason noAllow(PolicyCategory category) {
        return new DenialReason(false, category);
    }

    /** {@code with an explicit deny in a permissions boundary}, {@code because no session policy allows the x action}. */
    public String phrase(String action) {
        return explicit ? "with an explicit deny in " + category.withArticle()
                : "because no " + category.bare() + " allows the " + action + " action";
    }
}

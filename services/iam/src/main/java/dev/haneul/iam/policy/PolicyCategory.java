package dev.haneul.iam.policy;

/** The role a policy plays in a decision; also the policy type a denial message names. */
public enum PolicyCategory {
    IDENTITY("an identity-based policy", "identity-based policy"),
    RESOURCE("a resource-based policy", "resource-based policy"),
    PERMISSIONS_BOUNDARY("a permissions boundary", "permissions boundary"),
    SESSION("a session policy", "session policy");

    private final String withArticle;
    private final String bare;

    PolicyCategory(String withArticle, String bare) {
        this.withArticle = withArticle;
        this.bare = bare;
    }

    /** {@code an identity-based policy}, as in "with an explicit deny in …". */
    String withArticle() {
        return withArticle;
    }

    /** {@code identity-based policy}, as in "because no … allows". */
    String bare() {
        return bare;
    }
}

package dev.haneul.iam.policy;

/** The outcome of one decision, named as the simulate APIs' {@code EvalDecision}. */
public enum EvalDecision {
    ALLOWED("allowed"),
    EXPLICIT_DENY("explicitDeny"),
    IMPLICIT_DENY("implicitDeny");

    private final String wireName;

    EvalDecision(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

package dev.haneul.iam.policy;

/**
 * AWS's access-denied message for a decision:
 * {@code User: <principal> is not authorized to perform: <action> on resource: <resource> <reason>}.
 * The reason is "with an explicit deny in <type>" or "because no <type> allows the <action>
 * action"; since AWS's 2025 change an explicit deny by a managed identity policy, boundary or
 * session policy also names that policy's ARN. A request on no particular resource ({@code *})
 * drops the "on resource" part.
 */
public final class DenialMessage {

    private DenialMessage() {
    }

    public static String format(Decision decision, RequestContext request) {
        if (decision.allowed()) {
            throw new IllegalArgumentException("decision: allowed (expected: a denial)");
        }
        StringBuilder message = new StringBuilder("User: ").append(request.principal().arn())
                .append(" is not authorized to perform: ").append(request.action());
        if (!request.resource().equals("*")) {
            message.append(" on resource: ").append(request.resource());
        }
        DenialReason reason = decision.reason();
        if (reason == null) {
            throw new IllegalArgumentException("decision: a denial without its reason");
        }
        message.append(' ').append(reason.phrase(request.action()));
        MatchedStatement deciding = decision.decidingStatement();
        if (reason.explicit() && reason.category() != PolicyCategory.RESOURCE && deciding != null
                && deciding.source().arn() != null) {
            message.append(": ").append(deciding.source().arn());
        }
        return message.toString();
    }
}

package dev.haneul.iam.auth;

import java.util.List;

/**
 * The IAM action of a call to a service whose action table is not transcribed yet (every service
 * emulated today has one; a new one may arrive first): rather than let any caller through, the
 * call is authorized as {@code <prefix>:<Operation>} on {@code *}, with none of the service's own
 * condition keys (docs/fidelity.md).
 */
final class UntranscribedActions {

    private UntranscribedActions() {}

    static List<String> actionsFor(String prefix, String operation) {
        return List.of(prefix + ":" + operation);
    }

    static String resource() {
        return "*";
    }
}

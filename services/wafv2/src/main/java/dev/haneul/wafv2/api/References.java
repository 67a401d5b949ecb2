package dev.haneul.wafv2.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ARNs a web ACL or rule group refers to: IP sets, regex pattern sets and rule groups named in
 * its statements, at any depth (And/Or/Not, scope-down statements). Used to refuse references to
 * nothing, deletes of what is in use, and to find the web ACLs to recompile after a change.
 */
final class References {

    private static final Set<String> REFERENCE_STATEMENTS = Set.of("IPSetReferenceStatement",
            "RegexPatternSetReferenceStatement", "RuleGroupReferenceStatement");

    private References() {}

    /** Every ARN {@code spec} refers to directly. */
    static Set<String> of(JsonNode spec) {
        Set<String> arns = new LinkedHashSet<>();
        collect(spec, arns);
        return arns;
    }

    private static void collect(JsonNode node, Set<String> arns) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, arns));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (REFERENCE_STATEMENTS.contains(field.getKey()) && field.getValue().path("ARN").isTextual()) {
                    arns.add(field.getValue().path("ARN").asText());
                }
                collect(field.getValue(), arns);
            }
        }
    }
}

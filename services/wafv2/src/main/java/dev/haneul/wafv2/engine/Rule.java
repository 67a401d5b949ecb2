package dev.haneul.wafv2.engine;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled rule: a statement and its action, or a reference to a rule group (custom or managed)
 * with its override action and per-rule overrides.
 *
 * @param labels the rule's labels, fully qualified in its web ACL's or group's namespace
 * @param metricName its VisibilityConfig metric name
 * @param rateBased the statement when it is a rate-based one (for managed keys); else null
 */
record Rule(String name, int priority, @Nullable Statement statement, RuleAction action,
            @Nullable GroupReference group, List<String> labels, String metricName,
            @Nullable RateBasedStatement rateBased) {

    Rule {
        labels = List.copyOf(labels);
    }

    /**
     * A rule group in a web ACL's rule.
     *
     * @param overrideCount the rule's OverrideAction is Count
     * @param overrides RuleActionOverrides (ExcludedRules become Count overrides), by rule name
     * @param scopeDown a managed group's ScopeDownStatement; null for none
     */
    record GroupReference(RuleGroupProgram program, boolean overrideCount, Map<String, RuleAction> overrides,
                          @Nullable Statement scopeDown) {
        GroupReference {
            overrides = Map.copyOf(overrides);
        }
    }
}

package dev.haneul.wafv2.engine;

import java.util.List;

/**
 * A compiled rule group (custom or managed), shared by every web ACL rule that references it.
 *
 * @param ruleGroupId what logs call it: {@code AWS#AWSManagedRulesCommonRuleSet} or the group's ARN
 * @param managed whether it is a managed group ({@code MANAGED_RULE_GROUP} in logs)
 * @param namespace its label namespace ({@code awswaf:managed:aws:core-rule-set:})
 * @param rules in priority order
 * @param capacity its WCUs
 */
record RuleGroupProgram(String ruleGroupId, boolean managed, String namespace, List<Rule> rules, long capacity) {

    RuleGroupProgram {
        rules = List.copyOf(rules);
    }
}

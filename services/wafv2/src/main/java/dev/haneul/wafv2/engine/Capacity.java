package dev.haneul.wafv2.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * WCUs as AWS documents them (waf-rule-statements-match, aws-waf-capacity-units): per statement a
 * base cost, +10 per text transformation, +10 when inspecting all query arguments, the base doubled
 * for a JSON body; logical statements cost the sum of their children; rule groups cost their
 * declared capacity.
 */
final class Capacity {

    private final ReferenceResolver resolver;
    private final ManagedRuleGroups managed;

    Capacity(ReferenceResolver resolver, ManagedRuleGroups managed) {
        this.resolver = resolver;
        this.managed = managed;
    }

    long rules(JsonNode rules) {
        long total = 0;
        for (JsonNode rule : rules) {
            total += statement(rule.path("Statement"));
        }
        return total;
    }

    long statement(JsonNode statement) {
        if (!statement.isObject() || statement.size() != 1) {
            return 0;
        }
        String type = statement.fieldNames().next();
        JsonNode s = statement.get(type);
        return switch (type) {
            case "ByteMatchStatement" -> {
                String p = s.path("PositionalConstraint").asText("");
                yield inspection(s, p.equals("CONTAINS") || p.equals("CONTAINS_WORD") ? 10 : 2);
            }
            case "RegexMatchStatement" -> inspection(s, 3);
            case "RegexPatternSetReferenceStatement" -> inspection(s, 25);
            case "SqliMatchStatement" -> inspection(s, s.path("SensitivityLevel").asText("LOW").equals("HIGH") ? 30 : 20);
            case "XssMatchStatement" -> inspection(s, 40);
            case "SizeConstraintStatement" -> inspection(s, 1);
            case "GeoMatchStatement", "LabelMatchStatement", "AsnMatchStatement" -> 1;
            case "IPSetReferenceStatement" ->
                    s.path("IPSetForwardedIPConfig").path("Position").asText("").equals("ANY") ? 5 : 1;
            case "AndStatement", "OrStatement" -> {
                long sum = 0;
                for (JsonNode child : s.path("Statements")) {
                    sum += statement(child);
                }
                yield sum;
            }
            case "NotStatement" -> statement(s.path("Statement"));
            case "RateBasedStatement" -> {
                long cost = 2 + statement(s.path("ScopeDownStatement"));
                for (JsonNode key : s.path("CustomKeys")) {
                    if (key.size() == 1) {
                        cost += 10L * key.elements().next().path("TextTransformations").size();
                    }
                }
                yield cost;
            }
            case "RuleGroupReferenceStatement" -> resolver.ruleGroup(s.path("ARN").asText(""))
                    .map(g -> g.path("Capacity").asLong(0)).orElse(0L);
            case "ManagedRuleGroupStatement" -> managed.describe(s.path("VendorName").asText(""), s.path("Name").asText(""))
                    .map(ManagedRuleGroupInfo::capacity).orElse(0L) + statement(s.path("ScopeDownStatement"));
            default -> 0;
        };
    }

    private static long inspection(JsonNode s, long base) {
        JsonNode field = s.path("FieldToMatch");
        long cost = field.has("JsonBody") ? 2 * base : base;
        if (field.has("AllQueryArguments")) {
            cost += 10;
        }
        return cost + 10L * s.path("TextTransformations").size();
    }
}

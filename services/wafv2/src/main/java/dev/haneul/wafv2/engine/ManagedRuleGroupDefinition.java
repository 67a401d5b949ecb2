package dev.haneul.wafv2.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A managed rule group as this engine implements it: its description, and its rules in AWS's rule
 * JSON form (compiled like a customer's rule group), with the IP sets its rules reference by ARN.
 *
 * @param rules the {@code Rules} array
 * @param ipSets IP sets by ARN (the {@code Addresses} of each), for IPSetReference statements in {@code rules}
 */
public record ManagedRuleGroupDefinition(ManagedRuleGroupInfo info, JsonNode rules, Map<String, List<String>> ipSets) {

    public ManagedRuleGroupDefinition {
        ipSets = Map.copyOf(ipSets);
    }
}

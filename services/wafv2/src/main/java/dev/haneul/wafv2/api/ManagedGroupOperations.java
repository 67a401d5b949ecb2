package dev.haneul.wafv2.api;

import dev.haneul.core.api.RequestContext;
import dev.haneul.wafv2.engine.ManagedRuleGroupInfo;
import dev.haneul.wafv2.engine.ManagedRuleGroups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ListAvailableManagedRuleGroups, DescribeManagedRuleGroup and ListAvailableManagedRuleGroupVersions,
 * from the engine's catalogue of the AWS managed rule groups it implements.
 */
final class ManagedGroupOperations {

    private final ManagedRuleGroups managed;

    ManagedGroupOperations(ManagedRuleGroups managed) {
        this.managed = managed;
    }

    Map<String, Object> list(RequestContext context, Map<String, Object> input) {
        WafScopes.check(context, input.get("Scope"));
        List<Object> groups = new ArrayList<>();
        for (ManagedRuleGroupInfo group : managed.available()) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("VendorName", group.vendorName());
            summary.put("Name", group.name());
            summary.put("VersioningSupported", group.versioningSupported());
            summary.put("Description", group.description());
            groups.add(summary);
        }
        return Map.of("ManagedRuleGroups", groups);
    }

    Map<String, Object> describe(RequestContext context, Map<String, Object> input) {
        WafScopes.check(context, input.get("Scope"));
        ManagedRuleGroupInfo group = find(input);
        String version = group.currentDefaultVersion();
        if (input.get("VersionName") instanceof String wanted) {
            if (group.versions().stream().noneMatch(v -> v.name().equals(wanted))) {
                throw WafErrors.nonexistent();
            }
            version = wanted;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!version.isEmpty()) {
            out.put("VersionName", version);
        }
        out.put("Capacity", group.capacity());
        List<Object> rules = new ArrayList<>();
        for (ManagedRuleGroupInfo.RuleSummary rule : group.rules()) {
            rules.add(Map.of("Name", rule.name(), "Action", Map.of(action(rule.action()), Map.of())));
        }
        out.put("Rules", rules);
        out.put("LabelNamespace", group.labelNamespace());
        out.put("AvailableLabels", group.availableLabels().stream().map(l -> (Object) Map.of("Name", l)).toList());
        out.put("ConsumedLabels", group.consumedLabels().stream().map(l -> (Object) Map.of("Name", l)).toList());
        return out;
    }

    Map<String, Object> versions(RequestContext context, Map<String, Object> input) {
        WafScopes.check(context, input.get("Scope"));
        ManagedRuleGroupInfo group = find(input);
        List<Object> versions = new ArrayList<>();
        // Newest first, as AWS lists them.
        for (int i = group.versions().size() - 1; i >= 0; i--) {
            ManagedRuleGroupInfo.Version version = group.versions().get(i);
            versions.add(Map.of("Name", version.name(), "LastUpdateTimestamp", Instant.ofEpochSecond(version.lastUpdateTimestamp())));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Versions", versions);
        if (!group.currentDefaultVersion().isEmpty()) {
            out.put("CurrentDefaultVersion", group.currentDefaultVersion());
        }
        return out;
    }

    private ManagedRuleGroupInfo find(Map<String, Object> input) {
        return managed.describe(String.valueOf(input.get("VendorName")), String.valueOf(input.get("Name")))
                .orElseThrow(WafErrors::nonexistent);
    }

    /** {@code BLOCK} → the RuleAction member {@code Block}. */
    private static String action(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}

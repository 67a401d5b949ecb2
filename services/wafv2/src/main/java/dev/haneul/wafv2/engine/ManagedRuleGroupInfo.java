package dev.haneul.wafv2.engine;

import java.util.List;

/**
 * One AWS managed rule group as ListAvailableManagedRuleGroups, ListAvailableManagedRuleGroupVersions
 * and DescribeManagedRuleGroup describe it.
 *
 * @param vendorName {@code AWS}
 * @param name e.g. {@code AWSManagedRulesCommonRuleSet}
 * @param versioningSupported whether the group has versions (Version_1.0, ...)
 * @param versions the versions available (oldest first); empty when not versioned
 * @param currentDefaultVersion the version used without {@code Version}; empty when not versioned
 * @param capacity its WCUs
 * @param labelNamespace {@code awswaf:managed:aws:core-rule-set:}
 * @param rules its rules, in evaluation order, with their default actions
 * @param availableLabels labels its rules add (fully qualified)
 * @param consumedLabels labels its rules match (fully qualified)
 */
public record ManagedRuleGroupInfo(String vendorName, String name, String description, boolean versioningSupported,
                                   List<Version> versions, String currentDefaultVersion, long capacity,
                                   String labelNamespace, List<RuleSummary> rules, List<String> availableLabels,
                                   List<String> consumedLabels) {

    public ManagedRuleGroupInfo {
        versions = List.copyOf(versions);
        rules = List.copyOf(rules);
        availableLabels = List.copyOf(availableLabels);
        consumedLabels = List.copyOf(consumedLabels);
    }

    /**
     * A rule and its default action.
     *
     * @param action {@code BLOCK}, {@code COUNT}, {@code ALLOW}, {@code CAPTCHA}, {@code CHALLENGE}
     */
    public record RuleSummary(String name, String action) {
    }

    /**
     * A version.
     *
     * @param lastUpdateTimestamp epoch seconds
     */
    public record Version(String name, long lastUpdateTimestamp) {
    }
}

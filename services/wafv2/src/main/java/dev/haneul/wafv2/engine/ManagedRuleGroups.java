package dev.haneul.wafv2.engine;

import java.util.List;
import java.util.Optional;

/**
 * The AWS managed rule groups this engine implements: their descriptions (names, rules, labels,
 * WCUs, versions) for the API, and their compiled rules for {@link WebAclCompiler}.
 */
public final class ManagedRuleGroups {

    private final List<ManagedRuleGroupInfo> groups;

    private ManagedRuleGroups(List<ManagedRuleGroupInfo> groups) {
        this.groups = List.copyOf(groups);
    }

    /** The AWS vendor's groups. */
    public static ManagedRuleGroups aws() {
        return new ManagedRuleGroups(List.of());
    }

    /** ListAvailableManagedRuleGroups: every group, by name. */
    public List<ManagedRuleGroupInfo> available() {
        return groups;
    }

    /** DescribeManagedRuleGroup: the group, or empty ({@code WAFNonexistentItemException}). */
    public Optional<ManagedRuleGroupInfo> describe(String vendor, String name) {
        return groups.stream().filter(g -> g.vendorName().equals(vendor) && g.name().equals(name)).findFirst();
    }
}

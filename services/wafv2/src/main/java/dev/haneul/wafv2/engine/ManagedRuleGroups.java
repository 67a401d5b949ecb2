package dev.haneul.wafv2.engine;

import dev.haneul.wafv2.engine.managed.AwsManagedRuleGroups;
import java.util.List;
import java.util.Optional;

/**
 * The AWS managed rule groups this engine implements: their descriptions (names, rules, labels,
 * WCUs, versions) for the API, and their definitions for {@link WebAclCompiler}.
 */
public final class ManagedRuleGroups {

    private static final ManagedRuleGroups AWS = new ManagedRuleGroups(AwsManagedRuleGroups.definitions());

    private final List<ManagedRuleGroupDefinition> groups;
    private final List<ManagedRuleGroupInfo> infos;

    private ManagedRuleGroups(List<ManagedRuleGroupDefinition> groups) {
        this.groups = List.copyOf(groups);
        this.infos = groups.stream().map(ManagedRuleGroupDefinition::info).toList();
    }

    /** The AWS vendor's groups (built once). */
    public static ManagedRuleGroups aws() {
        return AWS;
    }

    /** Groups of one's own choosing (tests). */
    public static ManagedRuleGroups of(List<ManagedRuleGroupDefinition> groups) {
        return new ManagedRuleGroups(groups);
    }

    /** ListAvailableManagedRuleGroups: every group. */
    public List<ManagedRuleGroupInfo> available() {
        return infos;
    }

    /** DescribeManagedRuleGroup: the group, or empty ({@code WAFNonexistentItemException}). */
    public Optional<ManagedRuleGroupInfo> describe(String vendor, String name) {
        return definition(vendor, name).map(ManagedRuleGroupDefinition::info);
    }

    /** The group's definition, or empty. */
    public Optional<ManagedRuleGroupDefinition> definition(String vendor, String name) {
        return groups.stream().filter(g -> g.info().vendorName().equals(vendor) && g.info().name().equals(name))
                .findFirst();
    }
}

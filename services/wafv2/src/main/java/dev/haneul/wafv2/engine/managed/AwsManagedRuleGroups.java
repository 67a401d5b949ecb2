package dev.haneul.wafv2.engine.managed;

import dev.haneul.wafv2.engine.ManagedRuleGroupDefinition;
import java.util.List;

/** The AWS managed rule groups (placeholder: filled in by the managed-groups step). */
public final class AwsManagedRuleGroups {

    private AwsManagedRuleGroups() {
    }

    public static List<ManagedRuleGroupDefinition> definitions() {
        return List.of();
    }
}

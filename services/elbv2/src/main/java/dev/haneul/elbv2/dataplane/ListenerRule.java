package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One rule of a listener: all {@code conditions} must match (each condition matches when any of
 * its values does); then {@code action} runs. The default rule has no conditions and priority
 * {@code default}.
 *
 * @param priority the rule's priority as the API shows it ({@code "10"}, {@code "default"}); the
 *     access log prints it
 */
public record ListenerRule(String priority, List<Condition> conditions, RuleAction action) {

    public static final String DEFAULT_PRIORITY = "default";

    public ListenerRule {
        requireNonNull(priority, "priority");
        conditions = List.copyOf(requireNonNull(conditions, "conditions"));
        requireNonNull(action, "action");
    }

    public static ListenerRule defaultRule(RuleAction action) {
        return new ListenerRule(DEFAULT_PRIORITY, List.of(), action);
    }

    public boolean isDefault() {
        return priority.equals(DEFAULT_PRIORITY);
    }
}

package dev.haneul.elbv2.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * A listener rule as stored. Conditions and actions are kept in the API's own shape (value trees of
 * {@code RuleCondition} and {@code Action}, already normalised), so what is described is what was
 * validated.
 *
 * @param priority {@code "1"}…{@code "50000"}, or {@code "default"}
 */
public record RuleRecord(String arn, String listenerArn, String priority, List<Map<String, Object>> conditions,
                         List<Map<String, Object>> actions) {

    public static final String DEFAULT = "default";

    public RuleRecord {
        requireNonNull(arn, "arn");
        requireNonNull(listenerArn, "listenerArn");
        requireNonNull(priority, "priority");
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
    }

    @JsonIgnore
    public boolean isDefault() {
        return priority.equals(DEFAULT);
    }

    /** Sort key: numeric priority, the default rule last. */
    @JsonIgnore
    public int order() {
        return isDefault() ? Integer.MAX_VALUE : Integer.parseInt(priority);
    }

    public RuleRecord withPriority(String newPriority) {
        return new RuleRecord(arn, listenerArn, newPriority, conditions, actions);
    }

    public RuleRecord withConditionsAndActions(List<Map<String, Object>> newConditions,
                                               List<Map<String, Object>> newActions) {
        return new RuleRecord(arn, listenerArn, priority, newConditions, newActions);
    }
}

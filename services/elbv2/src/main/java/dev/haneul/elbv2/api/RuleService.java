package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Store.loadBalancerOf;
import static dev.haneul.elbv2.api.Elbv2Store.requireListener;
import static dev.haneul.elbv2.api.Elbv2Store.requireRule;
import static dev.haneul.elbv2.api.Elbv2Store.usedBy;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Page;
import dev.haneul.core.state.Scope;
import dev.haneul.elbv2.model.Elbv2State;
import dev.haneul.elbv2.model.ListenerRecord;
import dev.haneul.elbv2.model.LoadBalancerRecord;
import dev.haneul.elbv2.model.RuleRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesResponse;

/**
 * The rule operations of Application Load Balancer listeners: create, describe (in evaluation
 * order, the default rule last), modify, delete and set priorities. Priorities are unique per
 * listener; the default rule (a listener's default actions) cannot be moved, given conditions or
 * deleted.
 */
final class RuleService {

    /** Rules (default rules not counted) per load balancer. */
    static final int MAX_RULES = 100;
    static final int MIN_PRIORITY = 1;
    static final int MAX_PRIORITY = 50000;

    private final Elbv2Store store;

    RuleService(Elbv2Store store) {
        this.store = store;
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateRule.html">CreateRule</a>. */
    CreateRuleResponse createRule(RequestContext context, CreateRuleRequest request) {
        if (request.hasTransforms() && !request.transforms().isEmpty()) {
            throw Elbv2Errors.notImplemented("rule transforms");
        }
        int priority = request.priority();
        Elbv2Errors.requireRange("Priority", priority, MIN_PRIORITY, MAX_PRIORITY);
        if (!request.hasConditions() || request.conditions().isEmpty()) {
            throw Elbv2Errors.validation("A rule must have at least one condition");
        }
        List<RuleCondition> conditions = Conditions.normalise(request.conditions());
        Map<String, String> tags = TagService.tags(request.hasTags() ? request.tags() : List.of());
        Scope scope = Elbv2Store.scope(context);
        RuleRecord rule = store.change(scope, state -> {
            ListenerRecord listener = requireListener(state, request.listenerArn());
            LoadBalancerRecord lb = loadBalancerOf(state, listener);
            if (!lb.isApplication()) {
                throw Elbv2Errors.error("UnsupportedProtocolException", "Listeners of protocol '%s' do not support rules",
                        listener.protocol());
            }
            Map<String, Set<String>> used = usedBy(state);
            List<Action> actions = Actions.normalise(state, lb.arn(), listener.protocol(), request.actions(),
                    tgArn -> used.getOrDefault(tgArn, Set.of()));
            String p = Integer.toString(priority);
            for (RuleRecord other : state.rules().values()) {
                if (other.listenerArn().equals(listener.arn()) && other.priority().equals(p)) {
                    throw Elbv2Errors.error("PriorityInUseException", "Priority '%d' is currently in use", priority);
                }
            }
            if (rulesOf(state, lb.arn()) >= MAX_RULES) {
                throw Elbv2Errors.error("TooManyRulesException", "A load balancer can have up to %d rules", MAX_RULES);
            }
            String arn = Arns.rule(listener.arn());
            RuleRecord record = new RuleRecord(arn, listener.arn(), p, Views.conditionTrees(conditions),
                    Views.actionTrees(actions));
            state.rules().put(arn, record);
            if (!tags.isEmpty()) {
                state.tags().put(arn, new LinkedHashMap<>(tags));
            }
            return record;
        });
        return CreateRuleResponse.builder().rules(Views.rule(rule)).build();
    }

    private static long rulesOf(Elbv2State state, String lbArn) {
        return state.rules().values().stream().filter(r -> !r.isDefault()).filter(r -> {
            ListenerRecord l = state.listeners().get(r.listenerArn());
            return l != null && l.loadBalancerArn().equals(lbArn);
        }).count();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeRules.html">DescribeRules</a>. */
    DescribeRulesResponse describeRules(RequestContext context, DescribeRulesRequest request) {
        List<String> arns = request.hasRuleArns() ? request.ruleArns() : List.of();
        @Nullable String listenerArn = request.listenerArn();
        if (arns.isEmpty() == (listenerArn == null)) {
            throw Elbv2Errors.validation("You must specify either rule ARNs or a listener ARN");
        }
        List<RuleRecord> found = store.read(Elbv2Store.scope(context), state -> {
            if (listenerArn != null) {
                requireListener(state, listenerArn);
                return state.rules().values().stream().filter(r -> r.listenerArn().equals(listenerArn))
                        .sorted(Comparator.comparingInt(RuleRecord::order)).toList();
            }
            return arns.stream().map(arn -> requireRule(state, arn)).toList();
        });
        Page<RuleRecord> page = Elbv2Errors.PAGING.byOffset(found, request.marker(), request.pageSize());
        return DescribeRulesResponse.builder().rules(page.items().stream().map(Views::rule).toList())
                .nextMarker(page.nextMarker()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyRule.html">ModifyRule</a>. */
    ModifyRuleResponse modifyRule(RequestContext context, ModifyRuleRequest request) {
        if (request.hasTransforms() && !request.transforms().isEmpty()) {
            throw Elbv2Errors.notImplemented("rule transforms");
        }
        boolean newConditions = request.hasConditions() && !request.conditions().isEmpty();
        List<RuleCondition> conditions = newConditions ? Conditions.normalise(request.conditions()) : List.of();
        RuleRecord rule = store.change(Elbv2Store.scope(context), state -> {
            RuleRecord current = requireRule(state, request.ruleArn());
            if (current.isDefault() && newConditions) {
                throw Elbv2Errors.error("OperationNotPermittedException", "The conditions of a default rule cannot be modified");
            }
            ListenerRecord listener = requireListener(state, current.listenerArn());
            List<Map<String, Object>> actions = current.actions();
            if (request.hasActions() && !request.actions().isEmpty()) {
                Map<String, Set<String>> used = usedBy(state);
                actions = Views.actionTrees(Actions.normalise(state, listener.loadBalancerArn(),
                        listener.protocol(), request.actions(), tgArn -> used.getOrDefault(tgArn, Set.of())));
            }
            RuleRecord next = current.withConditionsAndActions(
                    newConditions ? Views.conditionTrees(conditions) : current.conditions(), actions);
            state.rules().put(current.arn(), next);
            return next;
        });
        return ModifyRuleResponse.builder().rules(Views.rule(rule)).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteRule.html">DeleteRule</a>. */
    DeleteRuleResponse deleteRule(RequestContext context, DeleteRuleRequest request) {
        store.change(Elbv2Store.scope(context), state -> {
            RuleRecord rule = requireRule(state, request.ruleArn());
            if (rule.isDefault()) {
                throw Elbv2Errors.error("OperationNotPermittedException", "Default rule '%s' cannot be deleted", rule.arn());
            }
            state.rules().remove(rule.arn());
            state.tags().remove(rule.arn());
            return true;
        });
        return DeleteRuleResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetRulePriorities.html">SetRulePriorities</a>. */
    SetRulePrioritiesResponse setRulePriorities(RequestContext context, SetRulePrioritiesRequest request) {
        for (RulePriorityPair pair : request.rulePriorities()) {
            if (pair.priority() == null) {
                throw Elbv2Errors.validation("A priority must be specified for rule '%s'", pair.ruleArn());
            }
            Elbv2Errors.requireRange("Priority", pair.priority(), MIN_PRIORITY, MAX_PRIORITY);
        }
        List<RuleRecord> changed = store.change(Elbv2Store.scope(context), state -> {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (RulePriorityPair pair : request.rulePriorities()) {
                RuleRecord rule = requireRule(state, pair.ruleArn());
                if (rule.isDefault()) {
                    throw Elbv2Errors.error("OperationNotPermittedException",
                            "The priority of default rule '%s' cannot be changed", rule.arn());
                }
                wanted.put(rule.arn(), Integer.toString(pair.priority()));
            }
            Map<String, String> taken = new HashMap<>();
            for (RuleRecord rule : state.rules().values()) {
                if (rule.isDefault()) {
                    continue;
                }
                String priority = wanted.getOrDefault(rule.arn(), rule.priority());
                String key = rule.listenerArn() + "#" + priority;
                if (taken.putIfAbsent(key, rule.arn()) != null) {
                    throw Elbv2Errors.error("PriorityInUseException", "Priority '%s' is currently in use", priority);
                }
            }
            List<RuleRecord> out = new ArrayList<>();
            wanted.forEach((arn, priority) -> {
                RuleRecord next = requireRule(state, arn).withPriority(priority);
                state.rules().put(arn, next);
                out.add(next);
            });
            return out;
        });
        return SetRulePrioritiesResponse.builder().rules(changed.stream().map(Views::rule).toList()).build();
    }
}

package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Store.loadBalancerOf;
import static dev.haneul.elbv2.api.Elbv2Store.requireListener;
import static dev.haneul.elbv2.api.Elbv2Store.requireLoadBalancer;
import static dev.haneul.elbv2.api.Elbv2Store.usedBy;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Page;
import dev.haneul.core.state.Scope;
import dev.haneul.elbv2.model.Elbv2State;
import dev.haneul.elbv2.model.ListenerRecord;
import dev.haneul.elbv2.model.LoadBalancerRecord;
import dev.haneul.elbv2.model.RuleRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerResponse;

/**
 * The listener operations: create (idempotent on port, protocol and default actions), describe,
 * modify and delete (with its rules). A listener's default actions are kept as its default rule,
 * so the data plane sees one ordered rule table per listener. The {@code Port} shown is the one
 * the data plane actually bound (see {@code docs/fidelity.md}).
 */
final class ListenerService {

    /** Listeners per load balancer. */
    static final int MAX_LISTENERS = 50;

    private final Elbv2Store store;

    ListenerService(Elbv2Store store) {
        this.store = store;
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html">CreateListener</a>. */
    CreateListenerResponse createListener(RequestContext context, CreateListenerRequest request) {
        Scope scope = Elbv2Store.scope(context);
        Integer port = request.port();
        String protocol = request.protocolAsString();
        Elbv2Validation.checkNoTls(request.hasCertificates() && !request.certificates().isEmpty(), request.sslPolicy(),
                protocol);
        Map<String, String> tags = TagService.tags(request.hasTags() ? request.tags() : List.of());
        String arn = store.change(scope, state -> {
            LoadBalancerRecord lb = requireLoadBalancer(state, request.loadBalancerArn());
            Elbv2Validation.checkListenerProtocol(lb, protocol);
            if (port == null) {
                throw Elbv2Errors.validation("A listener port must be specified");
            }
            Elbv2Errors.requirePort(port, "Port");
            List<Action> actions = Actions.normalise(state, lb.arn(), protocol, request.defaultActions(),
                    tgArn -> usedBy(state).getOrDefault(tgArn, Set.of()));
            Elbv2Validation.checkNetworkForward(lb, actions);
            List<Map<String, Object>> actionTrees = Views.actionTrees(actions);
            for (ListenerRecord existing : state.listeners().values()) {
                if (existing.loadBalancerArn().equals(lb.arn()) && existing.port() == port) {
                    RuleRecord defaultRule = state.rules().get(existing.defaultRuleArn());
                    if (existing.protocol().equals(protocol) && defaultRule != null
                            && defaultRule.actions().equals(actionTrees)) {
                        return existing.arn();
                    }
                    throw Elbv2Errors.error("DuplicateListenerException",
                            "A listener already exists on port %d for load balancer '%s'", port, lb.arn());
                }
            }
            long count = state.listeners().values().stream().filter(l -> l.loadBalancerArn().equals(lb.arn())).count();
            if (count >= MAX_LISTENERS) {
                throw Elbv2Errors.error("TooManyListenersException", "A load balancer can have up to %d listeners",
                        MAX_LISTENERS);
            }
            String listenerArn = Arns.listener(lb.arn());
            String ruleArn = Arns.rule(listenerArn);
            state.listeners().put(listenerArn, new ListenerRecord(listenerArn, lb.arn(), protocol, port, 0, ruleArn));
            state.rules().put(ruleArn, new RuleRecord(ruleArn, listenerArn, RuleRecord.DEFAULT, List.of(), actionTrees));
            if (!tags.isEmpty()) {
                state.tags().put(listenerArn, new LinkedHashMap<>(tags));
            }
            return listenerArn;
        });
        Listener view = store.read(scope, state -> view(state, arn));
        return CreateListenerResponse.builder().listeners(view).build();
    }

    /** A listener as the API shows it: its default rule's actions are its default actions. */
    private static Listener view(Elbv2State state, String arn) {
        ListenerRecord listener = requireListener(state, arn);
        return Views.listener(listener, Elbv2Store.requireRule(state, listener.defaultRuleArn()));
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeListeners.html">DescribeListeners</a>. */
    DescribeListenersResponse describeListeners(RequestContext context, DescribeListenersRequest request) {
        List<String> arns = request.hasListenerArns() ? request.listenerArns() : List.of();
        @Nullable String lbArn = request.loadBalancerArn();
        if (arns.isEmpty() == (lbArn == null)) {
            throw Elbv2Errors.validation("You must specify either listener ARNs or a load balancer ARN");
        }
        List<Listener> found = store.read(Elbv2Store.scope(context), state -> {
            List<String> selected;
            if (lbArn != null) {
                requireLoadBalancer(state, lbArn);
                selected = state.listeners().values().stream().filter(l -> l.loadBalancerArn().equals(lbArn))
                        .map(ListenerRecord::arn).toList();
            } else {
                selected = arns.stream().map(arn -> requireListener(state, arn).arn()).toList();
            }
            return selected.stream().map(arn -> view(state, arn)).toList();
        });
        Page<Listener> page = Elbv2Errors.PAGING.byOffset(found, request.marker(), request.pageSize());
        return DescribeListenersResponse.builder().listeners(page.items()).nextMarker(page.nextMarker()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html">ModifyListener</a>. */
    ModifyListenerResponse modifyListener(RequestContext context, ModifyListenerRequest request) {
        Scope scope = Elbv2Store.scope(context);
        String arn = store.change(scope, state -> {
            ListenerRecord listener = requireListener(state, request.listenerArn());
            LoadBalancerRecord lb = loadBalancerOf(state, listener);
            String protocol = request.protocolAsString() == null ? listener.protocol() : request.protocolAsString();
            int port = request.port() == null ? listener.port() : request.port();
            Elbv2Validation.checkListenerProtocol(lb, protocol);
            Elbv2Errors.requirePort(port, "Port");
            Elbv2Validation.checkNoTls(request.hasCertificates() && !request.certificates().isEmpty(),
                    request.sslPolicy(), protocol);
            for (ListenerRecord other : state.listeners().values()) {
                if (!other.arn().equals(listener.arn()) && other.loadBalancerArn().equals(lb.arn())
                        && other.port() == port) {
                    throw Elbv2Errors.error("DuplicateListenerException",
                            "A listener already exists on port %d for load balancer '%s'", port, lb.arn());
                }
            }
            RuleRecord defaultRule = Elbv2Store.requireRule(state, listener.defaultRuleArn());
            List<Action> actions = request.hasDefaultActions() && !request.defaultActions().isEmpty()
                    ? request.defaultActions() : Views.actions(defaultRule.actions());
            Map<String, Set<String>> used = usedBy(state);
            List<Action> normal = Actions.normalise(state, lb.arn(), protocol, actions,
                    tgArn -> used.getOrDefault(tgArn, Set.of()));
            Elbv2Validation.checkNetworkForward(lb, normal);
            if (!protocol.equals(listener.protocol())) {
                for (RuleRecord rule : state.rules().values()) {
                    if (rule.listenerArn().equals(listener.arn()) && !rule.isDefault()) {
                        throw Elbv2Errors.error("IncompatibleProtocolsException",
                                "The listener's rules are not compatible with protocol '%s'", protocol);
                    }
                }
            }
            state.rules().put(defaultRule.arn(),
                    defaultRule.withConditionsAndActions(List.of(), Views.actionTrees(normal)));
            state.listeners().put(listener.arn(), listener.withPortAndProtocol(port, protocol));
            return listener.arn();
        });
        Listener view = store.read(scope, state -> view(state, arn));
        return ModifyListenerResponse.builder().listeners(view).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteListener.html">DeleteListener</a>. */
    DeleteListenerResponse deleteListener(RequestContext context, DeleteListenerRequest request) {
        store.change(Elbv2Store.scope(context), state -> {
            Elbv2Store.removeListener(state, requireListener(state, request.listenerArn()).arn());
            return true;
        });
        return DeleteListenerResponse.builder().build();
    }
}

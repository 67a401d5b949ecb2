package dev.haneul.elbv2.api;

import dev.haneul.elbv2.dataplane.RuleAction;
import dev.haneul.elbv2.model.Elbv2State;
import dev.haneul.elbv2.model.TargetGroupRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Listener and rule actions: ELBv2's checks, the normalised shape it describes back, and the data
 * plane's form.
 *
 * <p>An action list holds exactly one routing action ({@code forward}, {@code redirect} or
 * {@code fixed-response}), last by {@code Order}; Haneul's listeners are HTTP or TCP, so the
 * authenticate actions (HTTPS only) are refused as ELBv2 refuses them on HTTP listeners, and a TCP
 * listener takes only {@code forward}. Normalised as ELBv2 describes them: a forward always carries
 * its {@code ForwardConfig} (weight 1 for a lone group, group stickiness off) and, with one group,
 * its {@code TargetGroupArn}; a redirect carries every component, unspecified ones as their
 * {@code #{…}} keyword.
 */
final class Actions {

    static final int MAX_TARGET_GROUPS = 5;
    private static final Set<String> CONTENT_TYPES = Set.of("text/plain", "text/css", "text/html",
            "application/javascript", "application/json");
    private static final Pattern FIXED_STATUS = Pattern.compile("[245]\\d\\d");

    private Actions() {}

    /**
     * Checks {@code actions} for a listener of {@code listenerProtocol} on load balancer
     * {@code loadBalancerArn} and returns them normalised.
     *
     * @param usedBy the load balancers each target group is already used by (a target group can
     *     serve one load balancer)
     */
    static List<Action> normalise(Elbv2State state, String loadBalancerArn, String listenerProtocol,
                                  List<Action> actions, Function<String, Set<String>> usedBy) {
        if (actions.isEmpty()) {
            throw Elbv2Errors.validation("At least one action must be specified");
        }
        Set<Integer> orders = new HashSet<>();
        for (Action action : actions) {
            if (action.order() != null) {
                if (action.order() < 1 || action.order() > 50000) {
                    throw Elbv2Errors.validation("Action order '%d' is not between 1 and 50000", action.order());
                }
                if (!orders.add(action.order())) {
                    throw Elbv2Errors.error("InvalidLoadBalancerActionException", "Action order '%d' is used more than once",
                            action.order());
                }
            } else if (actions.size() > 1) {
                throw Elbv2Errors.error("InvalidLoadBalancerActionException",
                        "An order must be specified for each action when there is more than one action");
            }
        }
        List<Action> sorted = new ArrayList<>(actions);
        sorted.sort(Comparator.comparing(a -> a.order() == null ? 1 : a.order()));
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Action action = sorted.get(i);
            String type = action.typeAsString();
            boolean routing = type.equals("forward") || type.equals("redirect") || type.equals("fixed-response");
            if (!routing) {
                if (type.startsWith("authenticate-") || type.equals("jwt-validation")) {
                    throw Elbv2Errors.error("InvalidLoadBalancerActionException",
                            "Action type '%s' is supported only on HTTPS listeners", type);
                }
                throw Elbv2Errors.validation("Action type '%s' is not valid", type);
            }
            if (i != sorted.size() - 1) {
                throw Elbv2Errors.error("InvalidLoadBalancerActionException",
                        "Action type '%s' must be the last action, and there can be only one", type);
            }
            if (listenerProtocol.equals("TCP") && !type.equals("forward")) {
                throw Elbv2Errors.error("InvalidLoadBalancerActionException",
                        "Listeners of a Network Load Balancer support only 'forward' actions");
            }
            out.add(switch (type) {
                case "forward" -> forward(state, loadBalancerArn, listenerProtocol, action, usedBy);
                case "redirect" -> redirect(action);
                default -> fixedResponse(action);
            });
        }
        return out;
    }

    private static Action forward(Elbv2State state, String loadBalancerArn, String listenerProtocol,
                                  Action action, Function<String, Set<String>> usedBy) {
        ForwardActionConfig config = action.forwardConfig();
        List<TargetGroupTuple> tuples;
        if (config != null && config.hasTargetGroups() && !config.targetGroups().isEmpty()) {
            tuples = config.targetGroups();
            if (action.targetGroupArn() != null && (tuples.size() != 1
                    || !action.targetGroupArn().equals(tuples.get(0).targetGroupArn()))) {
                throw Elbv2Errors.validation("You cannot specify both a target group ARN and a forward configuration "
                        + "with other target groups");
            }
        } else if (action.targetGroupArn() != null) {
            tuples = List.of(TargetGroupTuple.builder().targetGroupArn(action.targetGroupArn()).build());
        } else {
            throw Elbv2Errors.validation("A target group ARN must be specified for a forward action");
        }
        if (tuples.size() > MAX_TARGET_GROUPS) {
            throw Elbv2Errors.validation("You can specify up to %d target groups in a forward action", MAX_TARGET_GROUPS);
        }
        Set<String> arns = new LinkedHashSet<>();
        List<TargetGroupTuple> normal = new ArrayList<>();
        for (TargetGroupTuple tuple : tuples) {
            String arn = tuple.targetGroupArn();
            if (arn == null || !arns.add(arn)) {
                throw Elbv2Errors.validation("Each target group of a forward action must be given once");
            }
            int weight = tuple.weight() == null ? 1 : tuple.weight();
            if (weight < 0 || weight > 999) {
                throw Elbv2Errors.validation("Target group weight '%d' is not between 0 and 999", weight);
            }
            TargetGroupRecord group = state.targetGroups().get(arn);
            if (group == null) {
                throw Elbv2Errors.targetGroupNotFound(arn);
            }
            boolean tcpListener = listenerProtocol.equals("TCP");
            if (group.isTcp() != tcpListener) {
                throw Elbv2Errors.error("IncompatibleProtocolsException",
                        "The protocol '%s' of target group '%s' is not compatible with listener protocol '%s'",
                        group.protocol(), arn, listenerProtocol);
            }
            Set<String> others = new HashSet<>(usedBy.apply(arn));
            others.remove(loadBalancerArn);
            if (!others.isEmpty()) {
                throw Elbv2Errors.error("TargetGroupAssociationLimitException",
                        "The following target groups cannot be associated with more than one load balancer: %s", arn);
            }
            normal.add(TargetGroupTuple.builder().targetGroupArn(arn).weight(weight).build());
        }
        TargetGroupStickinessConfig stickiness = config == null ? null : config.targetGroupStickinessConfig();
        TargetGroupStickinessConfig normalStickiness = TargetGroupStickinessConfig.builder().enabled(false).build();
        if (stickiness != null && Boolean.TRUE.equals(stickiness.enabled())) {
            Integer duration = stickiness.durationSeconds();
            if (duration == null || duration < 1 || duration > 604800) {
                throw Elbv2Errors.validation("Target group stickiness duration must be between 1 and 604800 seconds");
            }
            normalStickiness = TargetGroupStickinessConfig.builder().enabled(true).durationSeconds(duration).build();
        }
        Action.Builder builder = Action.builder().type("forward").order(action.order())
                .forwardConfig(ForwardActionConfig.builder().targetGroups(normal)
                        .targetGroupStickinessConfig(normalStickiness).build());
        if (normal.size() == 1) {
            builder.targetGroupArn(normal.get(0).targetGroupArn());
        }
        return builder.build();
    }

    private static Action redirect(Action action) {
        RedirectActionConfig c = action.redirectConfig();
        if (c == null) {
            throw Elbv2Errors.validation("A redirect action requires 'RedirectConfig'");
        }
        String protocol = or(c.protocol(), "#{protocol}");
        String port = or(c.port(), "#{port}");
        String host = or(c.host(), "#{host}");
        String path = or(c.path(), "/#{path}");
        String query = c.query() == null ? "#{query}" : c.query();
        if (!protocol.equals("HTTP") && !protocol.equals("HTTPS") && !protocol.equals("#{protocol}")) {
            throw Elbv2Errors.validation("Redirect protocol '%s' is not valid (expected: HTTP, HTTPS or #{protocol})",
                    protocol);
        }
        if (!port.equals("#{port}")) {
            try {
                int p = Integer.parseInt(port);
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw Elbv2Errors.validation("Redirect port '%s' is not valid (expected: 1-65535 or #{port})", port);
            }
        }
        if (host.length() > 128 || path.length() > 128 || query.length() > 128) {
            throw Elbv2Errors.validation("Redirect host, path and query must be at most 128 characters");
        }
        if (!path.startsWith("/")) {
            throw Elbv2Errors.validation("Redirect path '%s' must start with '/'", path);
        }
        if (query.startsWith("?")) {
            throw Elbv2Errors.validation("Redirect query '%s' must not start with '?'", query);
        }
        if (protocol.equals("#{protocol}") && port.equals("#{port}") && host.equals("#{host}") && path.equals("/#{path}")) {
            throw Elbv2Errors.error("InvalidLoadBalancerActionException",
                    "The redirect must change at least one of protocol, host, port or path, or it would loop");
        }
        return Action.builder().type("redirect").order(action.order())
                .redirectConfig(RedirectActionConfig.builder().protocol(protocol).port(port).host(host).path(path)
                        .query(query).statusCode(c.statusCodeAsString()).build())
                .build();
    }

    private static Action fixedResponse(Action action) {
        FixedResponseActionConfig c = action.fixedResponseConfig();
        if (c == null) {
            throw Elbv2Errors.validation("A fixed-response action requires 'FixedResponseConfig'");
        }
        if (c.statusCode() == null || !FIXED_STATUS.matcher(c.statusCode()).matches()) {
            throw Elbv2Errors.validation("Fixed response status code '%s' is not valid (expected: 2XX, 4XX or 5XX)",
                    c.statusCode());
        }
        if (c.contentType() != null && !CONTENT_TYPES.contains(c.contentType())) {
            throw Elbv2Errors.validation("Fixed response content type '%s' is not valid", c.contentType());
        }
        if (c.messageBody() != null && c.messageBody().length() > 1024) {
            throw Elbv2Errors.validation("Fixed response message body must be at most 1024 characters");
        }
        return Action.builder().type("fixed-response").order(action.order()).fixedResponseConfig(c).build();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** The target groups a normalised action list forwards to. */
    static List<String> targetGroups(List<Action> actions) {
        List<String> arns = new ArrayList<>();
        for (Action action : actions) {
            if (action.forwardConfig() != null && action.forwardConfig().hasTargetGroups()) {
                action.forwardConfig().targetGroups().forEach(t -> arns.add(t.targetGroupArn()));
            }
        }
        return arns;
    }

    /** The data plane's form of a normalised action list: its routing action (the last one). */
    static RuleAction toDataPlane(List<Action> actions) {
        Action action = actions.getLast();
        return switch (action.typeAsString()) {
            case "forward" -> {
                ForwardActionConfig c = action.forwardConfig();
                TargetGroupStickinessConfig s = c.targetGroupStickinessConfig();
                yield new RuleAction.Forward(c.targetGroups().stream()
                        .map(t -> new RuleAction.WeightedTargetGroup(t.targetGroupArn(), t.weight())).toList(),
                        s != null && Boolean.TRUE.equals(s.enabled())
                                ? Optional.of(Duration.ofSeconds(s.durationSeconds())) : Optional.empty());
            }
            case "redirect" -> {
                RedirectActionConfig c = action.redirectConfig();
                yield new RuleAction.Redirect(c.protocol(), c.host(), c.port(), c.path(), c.query(),
                        c.statusCodeAsString().equals("HTTP_301") ? 301 : 302);
            }
            case "fixed-response" -> {
                FixedResponseActionConfig c = action.fixedResponseConfig();
                yield new RuleAction.FixedResponse(Integer.parseInt(c.statusCode()), Optional.ofNullable(c.contentType()),
                        c.messageBody() == null ? "" : c.messageBody());
            }
            default -> throw new IllegalStateException("stored action of type " + action.typeAsString());
        };
    }
}

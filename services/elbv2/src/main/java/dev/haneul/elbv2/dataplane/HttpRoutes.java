package dev.haneul.elbv2.dataplane;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * What an HTTP listener's connections read for each request, as one immutable snapshot swapped
 * whole when rules, target groups or attributes change: the compiled rules, each rule's action
 * resolved to run-time target groups, and the load balancer's settings.
 */
final class HttpRoutes {

    final LoadBalancerRuntime lb;
    final RuleMatcher matcher;
    /** Per rule: a {@link ResolvedForward}, a {@link RuleAction.Redirect} or a {@link RuleAction.FixedResponse}. */
    final Object[] actions;
    /** Per rule: its priority for the access log (0 for the default rule). */
    final int[] priorities;
    final LoadBalancerSettings settings;

    HttpRoutes(LoadBalancerRuntime lb, RuleMatcher matcher, Object[] actions, LoadBalancerSettings settings) {
        this.lb = lb;
        this.matcher = matcher;
        this.actions = actions;
        this.settings = settings;
        List<ListenerRule> rules = matcher.rules();
        this.priorities = new int[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            priorities[i] = rules.get(i).isDefault() ? 0 : Integer.parseInt(rules.get(i).priority());
        }
    }

    /**
     * A forward action with its target groups resolved. With several groups, one is drawn at
     * random in proportion to the weights (a group of weight 0 gets nothing new; if all weigh 0,
     * the first is used).
     *
     * @param stickinessSeconds {@code AWSALBTG} duration, 0 when group stickiness is off
     * @param scope the {@code AWSALBTG} cookie scope of this action
     */
    record ResolvedForward(TargetGroupRuntime[] groups, int[] weights, int totalWeight, long stickinessSeconds,
                           int scope) {

        TargetGroupRuntime pick() {
            if (groups.length == 1 || totalWeight == 0) {
                return groups[0];
            }
            int r = ThreadLocalRandom.current().nextInt(totalWeight);
            for (int i = 0; i < groups.length; i++) {
                r -= weights[i];
                if (r < 0) {
                    return groups[i];
                }
            }
            return groups[groups.length - 1];
        }

        /** The group of this action whose subject is {@code subject}, or {@code null}. */
        @Nullable TargetGroupRuntime bySubject(long subject) {
            for (int i = 0; i < groups.length; i++) {
                if (weights[i] > 0 && StickinessCookieCodec.subject(groups[i].arn) == subject) {
                    return groups[i];
                }
            }
            return null;
        }
    }
}

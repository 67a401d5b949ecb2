package dev.haneul.elbv2.api;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;

/** {@code DescribeAccountLimits}: the quotas each family enforces, under AWS's names. */
final class AccountLimits {

    private AccountLimits() {}

    /** The quotas, by AWS's name, in AWS's order. */
    static Map<String, Integer> all() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        limits.put("application-load-balancers", LoadBalancerService.MAX_LOAD_BALANCERS);
        limits.put("target-groups", TargetGroupService.MAX_TARGET_GROUPS);
        limits.put("targets-per-application-load-balancer", 1000);
        limits.put("listeners-per-application-load-balancer", ListenerService.MAX_LISTENERS);
        limits.put("rules-per-application-load-balancer", RuleService.MAX_RULES);
        limits.put("network-load-balancers", LoadBalancerService.MAX_LOAD_BALANCERS);
        limits.put("targets-per-network-load-balancer", 3000);
        limits.put("listeners-per-network-load-balancer", ListenerService.MAX_LISTENERS);
        limits.put("condition-values-per-alb-rule", Conditions.MAX_VALUES);
        limits.put("condition-wildcards-per-alb-rule", Conditions.MAX_WILDCARDS);
        limits.put("target-groups-per-application-load-balancer", 100);
        limits.put("target-groups-per-action-on-application-load-balancer", Actions.MAX_TARGET_GROUPS);
        limits.put("target-groups-per-action-on-network-load-balancer", 1);
        limits.put("targets-per-target-group", TargetService.MAX_TARGETS);
        return limits;
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeAccountLimits.html">DescribeAccountLimits</a>. */
    static DescribeAccountLimitsResponse describeAccountLimits(RequestContext context,
                                                               DescribeAccountLimitsRequest request) {
        List<Limit> out = all().entrySet().stream()
                .map(e -> Limit.builder().name(e.getKey()).max(Integer.toString(e.getValue())).build()).toList();
        Page<Limit> page = Elbv2Errors.PAGING.byOffset(out, request.marker(), request.pageSize());
        return DescribeAccountLimitsResponse.builder().limits(page.items()).nextMarker(page.nextMarker()).build();
    }
}

package dev.haneul.elbv2.api;

import dev.haneul.core.api.SdkShapes;
import dev.haneul.elbv2.model.HealthCheckRecord;
import dev.haneul.elbv2.model.ListenerRecord;
import dev.haneul.elbv2.model.LoadBalancerRecord;
import dev.haneul.elbv2.model.RuleRecord;
import dev.haneul.elbv2.model.TargetGroupRecord;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** Stored records as the API shows them (the SDK's generated shapes). */
final class Views {

    /** Route 53 hosted zones of ELB DNS names in a few regions, as AWS publishes them. */
    private static final Map<String, String> ALB_ZONES = Map.of("us-east-1", "Z35SXDOTRQ7X7K",
            "us-east-2", "Z3AADJGX6KTTL2", "us-west-2", "Z1H1FL5HABSF5", "eu-west-1", "Z32O12XQLNTSW2",
            "eu-central-1", "Z215JYRZR1TBD5", "ap-northeast-2", "ZWKZPGTI48KDX", "ap-northeast-1", "Z14GRHDCWA56QT");
    private static final Map<String, String> NLB_ZONES = Map.of("us-east-1", "Z26RNL4JYFTOTI",
            "us-east-2", "ZLMOA37VPKANP", "us-west-2", "Z18D5FSROUN65G", "eu-west-1", "Z2IFOLAFXWLO4F",
            "eu-central-1", "Z3F0SRJ5LGBH90", "ap-northeast-2", "ZIBE1TIR4HY56", "ap-northeast-1", "Z31USIVHYNEOWT");

    private Views() {}

    static LoadBalancer loadBalancer(LoadBalancerRecord lb, LoadBalancerStatus status) {
        String region = Arns.region(lb.arn());
        Map<String, String> zones = lb.isApplication() ? ALB_ZONES : NLB_ZONES;
        LoadBalancer.Builder b = LoadBalancer.builder()
                .loadBalancerArn(lb.arn())
                .dnsName(lb.address())
                .canonicalHostedZoneId(zones.getOrDefault(region, "Z" + HexFormat.of().toHexDigits(region.hashCode())
                        .toUpperCase(Locale.ROOT)))
                .createdTime(lb.createdTime())
                .loadBalancerName(lb.name())
                .scheme(lb.scheme())
                .vpcId(lb.vpcId())
                .state(LoadBalancerState.builder().code(status.wire()).build())
                .type(lb.type())
                .availabilityZones(lb.subnets().stream()
                        .map(s -> AvailabilityZone.builder().zoneName(s.zoneName()).subnetId(s.subnetId()).build())
                        .toList())
                .ipAddressType(lb.ipAddressType());
        if (lb.isApplication() || !lb.securityGroups().isEmpty()) {
            b.securityGroups(lb.securityGroups());
        }
        return b.build();
    }

    static TargetGroup targetGroup(TargetGroupRecord tg, List<String> loadBalancerArns) {
        HealthCheckRecord hc = tg.healthCheck();
        TargetGroup.Builder b = TargetGroup.builder()
                .targetGroupArn(tg.arn())
                .targetGroupName(tg.name())
                .protocol(tg.protocol())
                .port(tg.port())
                .vpcId(tg.vpcId())
                .healthCheckProtocol(hc.protocol())
                .healthCheckPort(hc.port())
                .healthCheckEnabled(hc.enabled())
                .healthCheckIntervalSeconds(hc.intervalSeconds())
                .healthCheckTimeoutSeconds(hc.timeoutSeconds())
                .healthyThresholdCount(hc.healthyThreshold())
                .unhealthyThresholdCount(hc.unhealthyThreshold())
                .healthCheckPath(hc.path())
                .loadBalancerArns(loadBalancerArns)
                .targetType(tg.targetType())
                .protocolVersion(tg.protocolVersion())
                .ipAddressType(tg.ipAddressType());
        if (hc.httpCode() != null) {
            b.matcher(Matcher.builder().httpCode(hc.httpCode()).build());
        }
        return b.build();
    }

    static Listener listener(ListenerRecord listener, RuleRecord defaultRule) {
        return Listener.builder()
                .listenerArn(listener.arn())
                .loadBalancerArn(listener.loadBalancerArn())
                .port(listener.effectivePort())
                .protocol(listener.protocol())
                .defaultActions(actions(defaultRule.actions()))
                .build();
    }

    static Rule rule(RuleRecord rule) {
        return Rule.builder()
                .ruleArn(rule.arn())
                .priority(rule.priority())
                .conditions(conditions(rule.conditions()))
                .actions(actions(rule.actions()))
                .isDefault(rule.isDefault())
                .build();
    }

    static List<Action> actions(List<Map<String, Object>> trees) {
        return trees.stream().map(t -> SdkShapes.toSdk(Action.builder(), t)).toList();
    }

    static List<RuleCondition> conditions(List<Map<String, Object>> trees) {
        return trees.stream().map(t -> SdkShapes.toSdk(RuleCondition.builder(), t)).toList();
    }

    static List<Map<String, Object>> actionTrees(List<Action> actions) {
        return actions.stream().map(SdkShapes::toTree).toList();
    }

    static List<Map<String, Object>> conditionTrees(List<RuleCondition> conditions) {
        return conditions.stream().map(SdkShapes::toTree).toList();
    }
}

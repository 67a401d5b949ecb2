package dev.haneul.lab;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** ALBs and NLBs as the labs build them through the ELBv2 API. */
final class LoadBalancers {

    static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(30);

    private LoadBalancers() {}

    /** Where a listener is reached: the load balancer's address and the port the listener really has. */
    record Entry(String host, int port, String targetGroupArn) {}

    static LoadBalancer application(LabContext context, String name) {
        return context.elbv2().createLoadBalancer(r -> r.name(name).subnets("subnet-0a1b2c3d", "subnet-4e5f6a7b"))
                .loadBalancers().getFirst();
    }

    static LoadBalancer network(LabContext context, String name) {
        return context.elbv2().createLoadBalancer(r -> r.name(name).type("network")
                .subnetMappings(m -> m.subnetId("subnet-0a1b2c3d"))).loadBalancers().getFirst();
    }

    /**
     * A target group of {@code instances} behind a new listener of {@code lb} on {@code port}, health
     * checked every 5 s (the fastest AWS allows) with the lowest thresholds, and with stickiness
     * {@code stickiness} ({@code lb_cookie}, {@code source_ip}) or none ({@code null}). Returns once
     * every target is healthy.
     */
    static Entry forward(LabContext context, LoadBalancer lb, int port, String groupName, List<AppFleet.Instance> instances,
                         @Nullable String stickiness) throws InterruptedException {
        boolean tcp = "network".equals(lb.typeAsString());
        TargetGroup tg = context.elbv2().createTargetGroup(r -> {
            r.name(groupName).protocol(tcp ? ProtocolEnum.TCP : ProtocolEnum.HTTP).port(80).targetType(TargetTypeEnum.IP)
                    .vpcId("vpc-0a1b2c3d").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)
                    .healthyThresholdCount(2).unhealthyThresholdCount(2);
            if (!tcp) {
                r.healthCheckPath("/health");
            }
        }).targetGroups().getFirst();
        if (stickiness != null) {
            context.elbv2().modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()).attributes(
                    a -> a.key("stickiness.enabled").value("true"), a -> a.key("stickiness.type").value(stickiness)));
        }
        context.elbv2().registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(instances.stream()
                .map(i -> TargetDescription.builder().id("127.0.0.1").port(i.port()).build()).toList()));
        Listener listener = context.elbv2().createListener(r -> r.loadBalancerArn(lb.loadBalancerArn())
                .protocol(tcp ? ProtocolEnum.TCP : ProtocolEnum.HTTP).port(port)
                .defaultActions(a -> a.type("forward").targetGroupArn(tg.targetGroupArn()))).listeners().getFirst();
        Waits.until("the targets of " + groupName + " to be healthy", HEALTHY_TIMEOUT, () -> context.elbv2()
                .describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions().stream()
                .filter(d -> "healthy".equals(d.targetHealth().stateAsString())).count() == instances.size());
        context.log("%s %s listener %s:%d → %s (%s)", lb.loadBalancerName(), tcp ? "TCP" : "HTTP", lb.dnsName(),
                listener.port(), groupName, stickiness == null ? "no stickiness" : "stickiness " + stickiness);
        return new Entry(lb.dnsName(), listener.port(), tg.targetGroupArn());
    }
}

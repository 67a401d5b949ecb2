package dev.haneul.demo;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The demo's Application Load Balancer: a target group of type {@code ip} whose health check asks
 * the board's {@code /health} every 5 seconds (two failures mark a target unhealthy, so a killed
 * instance leaves the rotation within about 10 seconds), a load balancer, and an HTTP listener
 * forwarding to the group. Stickiness stays off (the default), so consecutive requests go to
 * different instances and the sessions in ElastiCache are what keeps a user logged in.
 */
final class LoadBalancerSetup {

    /** Placeholder network ids: Haneul has no EC2 and accepts any well-formed ones. */
    static final String VPC = "vpc-0b0a4d1e";
    static final List<String> SUBNETS = List.of("subnet-0a1b2c3d", "subnet-4e5f6a7b");
    /** Short, so that a removed or stopped instance drains quickly (AWS's default is 300 s). */
    static final String DEREGISTRATION_DELAY_SECONDS = "5";
    static final String HEALTH_PATH = "/health";

    private final ElasticLoadBalancingV2Client elbv2;
    private final DemoArchitecture architecture;
    private final StateReporter states;

    LoadBalancerSetup(ElasticLoadBalancingV2Client elbv2, DemoArchitecture architecture, StateReporter states) {
        this.elbv2 = elbv2;
        this.architecture = architecture;
        this.states = states;
    }

    /** Creates the target group, the load balancer and its listener when missing; returns at once. */
    void ensure() {
        TargetGroup group = targetGroup().orElseGet(() -> {
            TargetGroup created = elbv2.createTargetGroup(r -> r.name(architecture.targetGroupName())
                    .protocol(ProtocolEnum.HTTP).port(8080).targetType(TargetTypeEnum.IP).vpcId(VPC)
                    .healthCheckPath(HEALTH_PATH).healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)
                    .healthyThresholdCount(2).unhealthyThresholdCount(2)).targetGroups().get(0);
            elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(created.targetGroupArn()).attributes(
                    TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds")
                            .value(DEREGISTRATION_DELAY_SECONDS).build()));
            states.report("target group " + architecture.targetGroupName(), "created");
            return created;
        });
        LoadBalancer lb = loadBalancer().orElseGet(() -> {
            LoadBalancer created = elbv2.createLoadBalancer(r -> r.name(architecture.loadBalancerName()).subnets(SUBNETS))
                    .loadBalancers().get(0);
            states.report(label(), "creating");
            return created;
        });
        if (listener(lb, group).isEmpty()) {
            Listener listener = elbv2.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP)
                    .port(architecture.listenerPort())
                    .defaultActions(a -> a.type("forward").targetGroupArn(group.targetGroupArn()))).listeners().get(0);
            states.report("listener HTTP:" + architecture.listenerPort(), "listening on " + url(lb, listener));
        }
    }

    /** Registers {@code 127.0.0.1:port} (registering a registered target changes nothing). */
    void register(int port) {
        elbv2.registerTargets(r -> r.targetGroupArn(requireTargetGroup().targetGroupArn())
                .targets(TargetDescription.builder().id("127.0.0.1").port(port).build()));
    }

    /** Waits until the load balancer is active and the targets on {@code ports} are healthy. */
    void awaitHealthy(List<Integer> ports, Instant deadline) throws IOException, InterruptedException {
        String arn = requireTargetGroup().targetGroupArn();
        Poll.until("the targets of " + architecture.targetGroupName() + " to be healthy", deadline, () -> {
            String lbState = loadBalancer().map(lb -> lb.state().codeAsString()).orElse("missing");
            states.report(label(), lbState);
            if (lbState.equals("failed") || lbState.equals("missing")) {
                throw new IOException(label() + " is " + lbState + ": "
                        + loadBalancer().map(lb -> lb.state().reason()).orElse("it was deleted"));
            }
            Map<Integer, String> health = elbv2.describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions()
                    .stream().collect(Collectors.toMap(d -> d.target().port(),
                            (TargetHealthDescription d) -> d.targetHealth().stateAsString(), (a, b) -> a));
            boolean healthy = lbState.equals("active");
            for (int port : ports) {
                String state = health.getOrDefault(port, "not registered");
                states.report("target 127.0.0.1:" + port, state);
                healthy &= state.equals("healthy");
            }
            return healthy;
        });
    }

    /** The application's URL: the load balancer's DNS name (an address) and the listener's real port. */
    Optional<String> applicationUrl() {
        return loadBalancer().flatMap(lb -> targetGroup().flatMap(group -> listener(lb, group).map(l -> url(lb, l))));
    }

    List<DemoSummary.Endpoint> endpoints() {
        List<DemoSummary.Endpoint> out = new ArrayList<>();
        loadBalancer().ifPresent(lb -> targetGroup().ifPresent(group -> listener(lb, group).ifPresent(listener ->
                out.add(new DemoSummary.Endpoint(label(), "listener HTTP:" + listener.port() + " → target group "
                        + group.targetGroupName(), url(lb, listener))))));
        return out;
    }

    /** Deletes the load balancer (and so its listener), then the target group. */
    void delete(Instant deadline) throws IOException, InterruptedException {
        Optional<LoadBalancer> lb = loadBalancer();
        if (lb.isPresent()) {
            elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(lb.get().loadBalancerArn()));
            Poll.until(label() + " to be deleted", deadline, () -> loadBalancer().isEmpty());
            states.report(label(), "deleted");
        }
        Optional<TargetGroup> group = targetGroup();
        if (group.isPresent()) {
            elbv2.deleteTargetGroup(r -> r.targetGroupArn(group.get().targetGroupArn()));
            states.report("target group " + architecture.targetGroupName(), "deleted");
        }
    }

    private String label() {
        return "load balancer " + architecture.loadBalancerName();
    }

    private static String url(LoadBalancer lb, Listener listener) {
        return "http://" + lb.dnsName() + ":" + listener.port() + "/";
    }

    private TargetGroup requireTargetGroup() {
        return targetGroup().orElseThrow(() -> new IllegalStateException(
                "target group " + architecture.targetGroupName() + " does not exist"));
    }

    /** The load balancer's HTTP listener that forwards to the group. */
    private Optional<Listener> listener(LoadBalancer lb, TargetGroup group) {
        return elbv2.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners().stream()
                .filter(l -> l.defaultActions().stream().map(Action::targetGroupArn)
                        .anyMatch(group.targetGroupArn()::equals))
                .findFirst();
    }

    private Optional<TargetGroup> targetGroup() {
        try {
            return elbv2.describeTargetGroups(r -> r.names(architecture.targetGroupName())).targetGroups().stream().findFirst();
        } catch (TargetGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<LoadBalancer> loadBalancer() {
        try {
            return elbv2.describeLoadBalancers(r -> r.names(architecture.loadBalancerName())).loadBalancers().stream()
                    .findFirst();
        } catch (LoadBalancerNotFoundException e) {
            return Optional.empty();
        }
    }
}

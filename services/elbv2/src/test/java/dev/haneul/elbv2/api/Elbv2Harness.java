package dev.haneul.elbv2.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.AddressRange;
import dev.haneul.core.net.EndpointMode;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.core.testing.MutableClock;
import dev.haneul.elbv2.model.Elbv2State;
import java.nio.file.Path;
import java.time.Instant;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The ELBv2 control plane over a state directory, an address allocator in a file and a
 * {@link FakeDataPlane}: no server, no sockets, no engines. Each resource family is reached
 * directly, as the provider's router reaches it.
 */
final class Elbv2Harness {

    static final RequestContext CONTEXT = new RequestContext("request-1", "000000000000", "us-east-1", "AKIDEXAMPLE",
            "elbv2", "Test", Instant.parse("2026-01-01T00:00:00Z"));
    static final RequestContext OTHER_REGION = new RequestContext("request-2", "000000000000", "eu-west-1",
            "AKIDEXAMPLE", "elbv2", "Test", Instant.parse("2026-01-01T00:00:00Z"));

    final FakeDataPlane dataPlane = new FakeDataPlane();
    final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    final AddressAllocator addresses;
    final Elbv2Store store;
    final LoadBalancerService loadBalancers;
    final TargetGroupService targetGroups;
    final TargetService targets;
    final ListenerService listeners;
    final RuleService rules;
    final TagService tags;

    Elbv2Harness(Path dir) {
        ScopedStore<Elbv2State> states = ScopedStore.open(dir.resolve("state"), "elbv2", Elbv2State.class,
                Elbv2State::new);
        addresses = new AddressAllocator(AddressRange.parse("127.63.0.0/16"), EndpointMode.ADDRESSES,
                dir.resolve("endpoints.json"));
        store = new Elbv2Store(states, new DataPlaneSync(dataPlane, dir.resolve("logs")));
        loadBalancers = new LoadBalancerService(store, addresses, clock);
        targetGroups = new TargetGroupService(store, clock);
        targets = new TargetService(store, dataPlane);
        listeners = new ListenerService(store);
        rules = new RuleService(store);
        tags = new TagService(store);
    }

    /** The error code {@code call} fails with, or {@code ok}. */
    static String code(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (AwsServiceException e) {
            return e.code();
        }
    }

    LoadBalancer alb(String name) {
        return loadBalancers.createLoadBalancer(CONTEXT, CreateLoadBalancerRequest.builder().name(name)
                .subnets("subnet-0a1b2c3d", "subnet-0e1f2a3b").build()).loadBalancers().get(0);
    }

    LoadBalancer nlb(String name) {
        return loadBalancers.createLoadBalancer(CONTEXT, CreateLoadBalancerRequest.builder().name(name).type("network")
                .subnets("subnet-0a1b2c3d").build()).loadBalancers().get(0);
    }

    TargetGroup ipGroup(String name) {
        return targetGroups.createTargetGroup(CONTEXT, CreateTargetGroupRequest.builder().name(name).protocol("HTTP")
                .port(8080).targetType("ip").vpcId("vpc-0a1b2c3d").build()).targetGroups().get(0);
    }

    TargetGroup tcpGroup(String name) {
        return targetGroups.createTargetGroup(CONTEXT, CreateTargetGroupRequest.builder().name(name).protocol("TCP")
                .port(9000).targetType("ip").vpcId("vpc-0a1b2c3d").build()).targetGroups().get(0);
    }

    /** An HTTP listener of {@code lb} forwarding to {@code tg}. */
    Listener forward(LoadBalancer lb, int port, TargetGroup tg) {
        return listeners.createListener(CONTEXT, CreateListenerRequest.builder().loadBalancerArn(lb.loadBalancerArn())
                .protocol(lb.typeAsString().equals("network") ? "TCP" : "HTTP").port(port)
                .defaultActions(a -> a.type("forward").targetGroupArn(tg.targetGroupArn())).build()).listeners().get(0);
    }

    /** An HTTP listener of {@code lb} answering 200 itself. */
    Listener fixed(LoadBalancer lb, int port) {
        return listeners.createListener(CONTEXT, CreateListenerRequest.builder().loadBalancerArn(lb.loadBalancerArn())
                .protocol("HTTP").port(port)
                .defaultActions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("200"))).build())
                .listeners().get(0);
    }
}

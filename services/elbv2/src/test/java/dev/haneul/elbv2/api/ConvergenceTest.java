package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Harness.CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.AddressRange;
import dev.haneul.core.net.EndpointMode;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.core.testing.MutableClock;
import dev.haneul.elbv2.dataplane.ListenerConfig;
import dev.haneul.elbv2.dataplane.LoadBalancerConfig;
import dev.haneul.elbv2.model.Elbv2State;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The control-to-data-plane shape: each change hands the whole desired config to the data plane,
 * and what it observed (the bound port) is written back and shown by the API.
 */
class ConvergenceTest {

    @TempDir
    Path dir;
    Elbv2Harness elb;

    @BeforeEach
    void setUp() {
        elb = new Elbv2Harness(dir);
    }

    @Test
    void theDesiredConfigHoldsEveryLoadBalancerListenerAndRule() {
        TargetGroup tg = elb.ipGroup("targets");
        LoadBalancer alb = elb.alb("web");
        Listener listener = elb.forward(alb, 8080, tg);
        LoadBalancerConfig lb = elb.dataPlane.last.loadBalancers().get(0);
        assertThat(lb.arn()).isEqualTo(alb.loadBalancerArn());
        assertThat(lb.kind()).isEqualTo(LoadBalancerConfig.Kind.APPLICATION);
        assertThat(lb.host()).isEqualTo(alb.dnsName());
        ListenerConfig config = lb.listeners().get(0);
        assertThat(config.arn()).isEqualTo(listener.listenerArn());
        assertThat(config.protocol()).isEqualTo(ListenerConfig.Protocol.HTTP);
        assertThat(config.requestedPort()).isEqualTo(8080);
        assertThat(elb.dataPlane.last.targetGroups()).extracting(t -> t.arn()).containsExactly(tg.targetGroupArn());
    }

    @Test
    void theBoundPortIsWrittenBackAndShown() {
        elb.dataPlane.portShift = 8000;
        LoadBalancer alb = elb.alb("web");
        Listener created = elb.fixed(alb, 80);
        assertThat(created.port()).isEqualTo(8080);
        assertThat(elb.dataPlane.listeners().get(created.listenerArn()).requestedPort()).isEqualTo(80);
        Listener described = elb.listeners.describeListeners(CONTEXT, DescribeListenersRequest.builder()
                .listenerArns(created.listenerArn()).build()).listeners().get(0);
        assertThat(described.port()).isEqualTo(8080);
        Listener moved = elb.listeners.modifyListener(CONTEXT, ModifyListenerRequest.builder()
                .listenerArn(created.listenerArn()).port(81).build()).listeners().get(0);
        assertThat(moved.port()).isEqualTo(8081);
    }

    @Test
    void deletingALoadBalancerTakesItOutOfTheConfig() {
        LoadBalancer alb = elb.alb("web");
        elb.fixed(alb, 80);
        elb.loadBalancers.deleteLoadBalancer(CONTEXT, DeleteLoadBalancerRequest.builder()
                .loadBalancerArn(alb.loadBalancerArn()).build());
        assertThat(elb.dataPlane.last.loadBalancers()).isEmpty();
    }

    @Test
    void theProviderConvergesStoredStateAtStartAndClosesTheDataPlane() {
        LoadBalancer alb = elb.alb("web");
        Listener listener = elb.fixed(alb, 80);
        FakeDataPlane restarted = new FakeDataPlane();
        Elbv2Provider provider = new Elbv2Provider(
                ScopedStore.open(dir.resolve("state"), "elbv2", Elbv2State.class, Elbv2State::new),
                new AddressAllocator(AddressRange.parse("127.63.0.0/16"), EndpointMode.ADDRESSES,
                        dir.resolve("endpoints.json")),
                MutableClock.at(Instant.parse("2026-01-01T00:00:00Z")), dir.resolve("logs"), restarted);
        provider.start();
        assertThat(restarted.listeners()).containsOnlyKeys(listener.listenerArn());
        assertThat(provider.health().resources()).containsEntry("application load balancers", 1)
                .containsEntry("listeners", 1);
        assertThat(provider.endpoints()).singleElement().satisfies(e -> assertThat(e.toString()).contains(alb.dnsName()));
        provider.close();
        assertThat(restarted.closed).isTrue();
    }
}

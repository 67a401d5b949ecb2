package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.testing.HttpBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A Network Load Balancer's TCP listener: per-connection choice, and source_ip stickiness. */
class NlbTest extends DataPlaneTestBase {

    private int startNlb(boolean sourceIp, HttpBackend... targets) {
        TargetGroupSettings settings = new TargetGroupSettings(TargetGroupSettings.Algorithm.ROUND_ROBIN,
                sourceIp ? Optional.of(new TargetGroupSettings.Stickiness(TargetGroupSettings.Stickiness.Type.SOURCE_IP,
                        Duration.ZERO, Optional.empty())) : Optional.empty(), Duration.ofSeconds(300), Duration.ZERO, 1,
                OptionalInt.empty());
        List<TargetConfig> list = new ArrayList<>();
        for (HttpBackend b : targets) {
            list.add(new TargetConfig("127.0.0.1", b.port(), "127.0.0.1"));
        }
        TargetGroupConfig group = new TargetGroupConfig(Fixtures.arn("tcp"), "tcp", TargetGroupConfig.Protocol.TCP,
                new HealthCheckSettings(HealthCheckSettings.Protocol.TCP, OptionalInt.empty(), "/", Duration.ofSeconds(30),
                        Duration.ofSeconds(10), 5, 2, StatusMatcher.parse("200")), settings, list);
        LoadBalancerConfig nlb = new LoadBalancerConfig(
                "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/nlb/0123456789abcdef", "nlb",
                LoadBalancerConfig.Kind.NETWORK, "127.0.0.1", LoadBalancerSettings.defaults(), Fixtures.KEY,
                List.of(new ListenerConfig("arn:listener/net/nlb/1", ListenerConfig.Protocol.TCP, Fixtures.freePort(), 0,
                        List.of(ListenerRule.defaultRule(RuleAction.Forward.to(Fixtures.arn("tcp")))))));
        plane = new Elbv2DataPlane(runtime, clock, Duration.ofMillis(10), Duration.ofSeconds(2));
        ApplyResult result = plane.apply(new DataPlaneConfig(List.of(nlb), List.of(group)));
        assertThat(result.failures()).isEmpty();
        awaitStates("tcp", Collections.nCopies(targets.length, "healthy").toArray(String[]::new));
        return result.boundPorts().values().iterator().next();
    }

    private static String backendOfConnection(int port) throws Exception {
        String response = raw(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        return response.lines().filter(l -> l.toLowerCase().startsWith("x-backend:")).map(l -> l.substring(10).trim())
                .findFirst().orElse("-");
    }

    @Test
    void withoutStickinessEachConnectionIsPlacedOnItsOwn() throws Exception {
        int port = startNlb(false, backend("a"), backend("b"), backend("c"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            seen.add(backendOfConnection(port));
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void sourceIpStickinessSendsEveryConnectionOfAnAddressToOneTarget() throws Exception {
        int port = startNlb(true, backend("a"), backend("b"), backend("c"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(backendOfConnection(port));
        }
        assertThat(seen).as("one client address, one target").hasSize(1);
        assertThat(plane.targetHealth(Fixtures.arn("tcp"))).extracting(TargetHealthView::requests)
                .containsExactlyInAnyOrder(20L, 0L, 0L);
    }
}

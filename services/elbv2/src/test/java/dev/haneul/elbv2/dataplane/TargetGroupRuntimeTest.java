package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Target choice and the health state machine, without sockets, on a clock the test moves. */
class TargetGroupRuntimeTest {

    private final MutableClock clock = MutableClock.now();
    private final List<TargetState> gone = new ArrayList<>();

    private static TargetGroupSettings settings(TargetGroupSettings.Algorithm algorithm, Duration slowStart,
                                                int minimumHealthy) {
        return new TargetGroupSettings(algorithm, Optional.empty(), Duration.ofSeconds(30), slowStart, minimumHealthy,
                OptionalInt.empty());
    }

    private TargetGroupRuntime group(TargetGroupSettings settings, int... ports) {
        TargetGroupRuntime group = new TargetGroupRuntime(config(settings, ports), clock, gone::add);
        group.update(config(settings, ports), true);
        return group;
    }

    private static TargetGroupConfig config(TargetGroupSettings settings, int... ports) {
        List<TargetConfig> targets = new ArrayList<>();
        for (int port : ports) {
            targets.add(new TargetConfig("10.0.0.1", port, "10.0.0.1"));
        }
        return new TargetGroupConfig("arn:tg", "tg", TargetGroupConfig.Protocol.HTTP, Fixtures.healthCheck(), settings,
                targets);
    }

    private static void pass(TargetGroupRuntime group, int port, int times) {
        for (int i = 0; i < times; i++) {
            group.onCheck(target(group, port), true, null, null);
        }
    }

    private static void fail(TargetGroupRuntime group, int port, int times) {
        for (int i = 0; i < times; i++) {
            group.onCheck(target(group, port), false, "Target.FailedHealthChecks", "Health checks failed");
        }
    }

    private static TargetState target(TargetGroupRuntime group, int port) {
        return group.targets().stream().filter(t -> t.config.port() == port).findFirst().orElseThrow();
    }

    private static Map<Integer, Integer> spread(TargetGroupRuntime group, int picks) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            counts.merge(group.choose().config.port(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void healthStateMachineFollowsTheThresholds() {
        TargetGroupRuntime group = group(TargetGroupSettings.defaults(), 1);
        assertThat(target(group, 1).state()).isEqualTo(HealthState.INITIAL);
        assertThat(target(group, 1).reason()).contains("Elb.RegistrationInProgress");
        pass(group, 1, 1);
        assertThat(target(group, 1).state()).isEqualTo(HealthState.HEALTHY);
        assertThat(target(group, 1).reason()).isEmpty();
        fail(group, 1, 1);
        assertThat(target(group, 1).state()).as("one failure of two").isEqualTo(HealthState.HEALTHY);
        fail(group, 1, 1);
        assertThat(target(group, 1).state()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(target(group, 1).reason()).contains("Target.FailedHealthChecks");
        pass(group, 1, 2);
        assertThat(target(group, 1).state()).as("two passes of three").isEqualTo(HealthState.UNHEALTHY);
        pass(group, 1, 1);
        assertThat(target(group, 1).state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aGroupNoListenerUsesHasUnusedTargets() {
        TargetGroupRuntime group = new TargetGroupRuntime(config(TargetGroupSettings.defaults(), 1), clock, gone::add);
        group.update(config(TargetGroupSettings.defaults(), 1), false);
        assertThat(target(group, 1).state()).isEqualTo(HealthState.UNUSED);
        assertThat(target(group, 1).reason()).contains("Target.NotInUse");
        assertThat(group.choose()).isNull();
        group.update(config(TargetGroupSettings.defaults(), 1), true);
        assertThat(target(group, 1).state()).isEqualTo(HealthState.INITIAL);
    }

    @Test
    void roundRobinTakesHealthyTargetsInTurn() {
        TargetGroupRuntime group = group(TargetGroupSettings.defaults(), 1, 2, 3);
        pass(group, 1, 1);
        pass(group, 2, 1);
        pass(group, 3, 1);
        assertThat(spread(group, 300)).containsEntry(1, 100).containsEntry(2, 100).containsEntry(3, 100);
        fail(group, 3, 2);
        assertThat(spread(group, 300)).containsOnlyKeys(1, 2).containsEntry(1, 150);
    }

    @Test
    void everyTargetUnhealthyMeansFailOpenToAllOfThem() {
        TargetGroupRuntime group = group(TargetGroupSettings.defaults(), 1, 2);
        pass(group, 1, 1);
        pass(group, 2, 1);
        fail(group, 1, 2);
        fail(group, 2, 2);
        assertThat(spread(group, 100)).containsOnlyKeys(1, 2);
        assertThat(group.hasRegisteredTargets()).isTrue();
    }

    @Test
    void belowTheMinimumHealthyCountAllTargetsAreRouted() {
        TargetGroupRuntime group = group(settings(TargetGroupSettings.Algorithm.ROUND_ROBIN, Duration.ZERO, 2), 1, 2, 3);
        pass(group, 1, 1);
        fail(group, 2, 2);
        fail(group, 3, 2);
        assertThat(spread(group, 90)).containsOnlyKeys(1, 2, 3);
        pass(group, 2, 3);
        assertThat(spread(group, 90)).containsOnlyKeys(1, 2);
    }

    @Test
    void leastOutstandingRequestsPrefersTheIdlestTarget() {
        TargetGroupRuntime group = group(settings(TargetGroupSettings.Algorithm.LEAST_OUTSTANDING_REQUESTS, Duration.ZERO, 1),
                1, 2, 3);
        pass(group, 1, 1);
        pass(group, 2, 1);
        pass(group, 3, 1);
        target(group, 1).outstanding.set(5);
        target(group, 2).outstanding.set(1);
        target(group, 3).outstanding.set(3);
        for (int i = 0; i < 10; i++) {
            assertThat(group.choose().config.port()).isEqualTo(2);
        }
    }

    @Test
    void slowStartRampsANewlyHealthyTargetLinearly() {
        TargetGroupRuntime group = group(settings(TargetGroupSettings.Algorithm.ROUND_ROBIN, Duration.ofSeconds(100), 1),
                1, 2);
        pass(group, 1, 1);
        clock.advance(Duration.ofSeconds(200));
        pass(group, 2, 1);
        clock.advance(Duration.ofSeconds(25));
        double quarter = spread(group, 20_000).get(2) / 20_000.0;
        assertThat(quarter).as("weight 0.25 against 1").isBetween(0.17, 0.23);
        clock.advance(Duration.ofSeconds(100));
        double full = spread(group, 20_000).get(2) / 20_000.0;
        assertThat(full).isBetween(0.48, 0.52);
    }

    @Test
    void aDeregisteredTargetDrainsThenGoes() {
        TargetGroupSettings thirtySeconds = settings(TargetGroupSettings.Algorithm.ROUND_ROBIN, Duration.ZERO, 1);
        TargetGroupRuntime group = group(thirtySeconds, 1, 2);
        pass(group, 1, 1);
        pass(group, 2, 1);
        group.update(config(thirtySeconds, 1), true);
        assertThat(target(group, 2).state()).isEqualTo(HealthState.DRAINING);
        assertThat(target(group, 2).reason()).contains("Target.DeregistrationInProgress");
        assertThat(spread(group, 10)).containsOnlyKeys(1);
        clock.advance(Duration.ofSeconds(29));
        group.expireDraining();
        assertThat(group.targets()).hasSize(2);
        clock.advance(Duration.ofSeconds(2));
        group.expireDraining();
        assertThat(group.targets()).hasSize(1);
        assertThat(gone).extracting(t -> t.config.port()).containsExactly(2);
    }

    @Test
    void noRegisteredTargetIsWhatMakesA503() {
        TargetGroupRuntime group = group(TargetGroupSettings.defaults());
        assertThat(group.hasRegisteredTargets()).isFalse();
        assertThat(group.choose()).isNull();
    }

    @Test
    void sourceIpStickinessKeepsAClientOnItsTargetAndMovesOnlyTheClientsOfAGoneTarget() throws Exception {
        TargetGroupRuntime group = group(TargetGroupSettings.defaults(), 1, 2, 3);
        pass(group, 1, 1);
        pass(group, 2, 1);
        pass(group, 3, 1);
        Map<String, Integer> before = new HashMap<>();
        for (int i = 1; i < 200; i++) {
            InetAddress client = InetAddress.getByName("10.1.0." + i);
            int first = group.chooseForConnection(client, 40000, true).config.port();
            assertThat(group.chooseForConnection(client, 50000 + i, true).config.port()).isEqualTo(first);
            before.put(client.getHostAddress(), first);
        }
        assertThat(before.values()).contains(1, 2, 3);
        fail(group, 3, 2);
        for (Map.Entry<String, Integer> e : before.entrySet()) {
            int now = group.chooseForConnection(InetAddress.getByName(e.getKey()), 1, true).config.port();
            if (e.getValue() != 3) {
                assertThat(now).isEqualTo(e.getValue());
            } else {
                assertThat(now).isNotEqualTo(3);
            }
        }
    }
}

package dev.haneul.elbv2.dataplane;

import dev.haneul.core.testing.HttpBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** Builds data-plane snapshots for tests in a line each. */
final class Fixtures {

    static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Fixtures() {}

    static TargetGroupConfig group(String name, HealthCheckSettings check, TargetGroupSettings settings,
                                   HttpBackend... backends) {
        List<TargetConfig> targets = Arrays.stream(backends)
                .map(b -> new TargetConfig("127.0.0.1", b.port(), "127.0.0.1")).toList();
        return new TargetGroupConfig(arn(name), name, TargetGroupConfig.Protocol.HTTP, check, settings, targets);
    }

    static TargetGroupConfig group(String name, TargetGroupSettings settings, HttpBackend... backends) {
        return group(name, healthCheck(), settings, backends);
    }

    static HealthCheckSettings healthCheck() {
        return new HealthCheckSettings(HealthCheckSettings.Protocol.HTTP, OptionalInt.empty(), "/health",
                Duration.ofSeconds(5), Duration.ofSeconds(2), 3, 2, StatusMatcher.parse("200"));
    }

    static String arn(String groupName) {
        return "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/" + groupName + "/0123456789abcdef";
    }

    static String albArn(String name) {
        return "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/" + name + "/fedcba9876543210";
    }

    static LoadBalancerConfig alb(String name, LoadBalancerSettings settings, ListenerConfig... listeners) {
        return new LoadBalancerConfig(albArn(name), name, LoadBalancerConfig.Kind.APPLICATION, "127.0.0.1", settings, KEY,
                List.of(listeners));
    }

    static ListenerConfig http(int port, ListenerRule... rules) {
        return new ListenerConfig("arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/lb/1/" + port,
                ListenerConfig.Protocol.HTTP, port, 0, List.of(rules));
    }

    static ListenerRule forwardTo(String groupName) {
        return ListenerRule.defaultRule(RuleAction.Forward.to(arn(groupName)));
    }

    /** A port free right now on 127.0.0.1. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

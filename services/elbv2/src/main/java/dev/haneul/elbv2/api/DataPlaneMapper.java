package dev.haneul.elbv2.api;

import dev.haneul.core.state.Scope;
import dev.haneul.elbv2.dataplane.DataPlaneConfig;
import dev.haneul.elbv2.dataplane.HealthCheckSettings;
import dev.haneul.elbv2.dataplane.ListenerConfig;
import dev.haneul.elbv2.dataplane.ListenerRule;
import dev.haneul.elbv2.dataplane.LoadBalancerConfig;
import dev.haneul.elbv2.dataplane.LoadBalancerSettings;
import dev.haneul.elbv2.dataplane.StatusMatcher;
import dev.haneul.elbv2.dataplane.TargetConfig;
import dev.haneul.elbv2.dataplane.TargetGroupConfig;
import dev.haneul.elbv2.model.Elbv2State;
import dev.haneul.elbv2.model.HealthCheckRecord;
import dev.haneul.elbv2.model.ListenerRecord;
import dev.haneul.elbv2.model.LoadBalancerRecord;
import dev.haneul.elbv2.model.RuleRecord;
import dev.haneul.elbv2.model.TargetGroupRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Turns the stored state of every account and region into the data plane's snapshot: each load
 * balancer with its listeners and their rules in evaluation order (default rule last), and each
 * HTTP or TCP target group with its {@code ip} targets. Target groups of other kinds (lambda, no
 * protocol) have no data plane and are left out.
 */
final class DataPlaneMapper {

    private final List<LoadBalancerConfig> loadBalancers = new ArrayList<>();
    private final List<TargetGroupConfig> targetGroups = new ArrayList<>();
    private final Path logsDir;

    /** @param logsDir the server's logs directory; access logs go under {@code elbv2/} in it */
    DataPlaneMapper(Path logsDir) {
        this.logsDir = logsDir;
    }

    /** Adds one scope's resources. */
    void add(Scope scope, Elbv2State state) {
        for (LoadBalancerRecord lb : state.loadBalancers().values()) {
            boolean application = lb.isApplication();
            List<ListenerConfig> listeners = new ArrayList<>();
            for (ListenerRecord listener : state.listeners().values()) {
                if (listener.loadBalancerArn().equals(lb.arn())) {
                    listeners.add(listener(state, listener));
                }
            }
            Path accessLogDir = logsDir.resolve("elbv2").resolve(scope.accountId()).resolve(scope.region()).resolve(lb.name());
            LoadBalancerSettings settings = application
                    ? LoadBalancerAttributes.settings(LoadBalancerAttributes.effective(true, lb.attributes()), accessLogDir)
                    : LoadBalancerSettings.defaults();
            loadBalancers.add(new LoadBalancerConfig(lb.arn(), lb.name(),
                    application ? LoadBalancerConfig.Kind.APPLICATION : LoadBalancerConfig.Kind.NETWORK, lb.address(),
                    settings, Base64.getDecoder().decode(lb.cookieKey()), listeners));
        }
        for (TargetGroupRecord tg : state.targetGroups().values()) {
            if (!"HTTP".equals(tg.protocol()) && !"TCP".equals(tg.protocol())) {
                continue;
            }
            List<TargetConfig> targets = tg.targetType().equals("ip")
                    ? tg.targets().stream().map(t -> new TargetConfig(t.id(), t.port(), t.id())).toList()
                    : List.of();
            targetGroups.add(new TargetGroupConfig(tg.arn(), tg.name(),
                    tg.isTcp() ? TargetGroupConfig.Protocol.TCP : TargetGroupConfig.Protocol.HTTP,
                    healthCheck(tg.healthCheck()),
                    TargetGroupAttributes.settings(TargetGroupAttributes.effective(tg.isTcp(), tg.attributes()), tg.isTcp()),
                    targets));
        }
    }

    DataPlaneConfig build() {
        return new DataPlaneConfig(loadBalancers, targetGroups);
    }

    private static ListenerConfig listener(Elbv2State state, ListenerRecord listener) {
        List<RuleRecord> rules = state.rules().values().stream()
                .filter(r -> r.listenerArn().equals(listener.arn()))
                .sorted(Comparator.comparingInt(RuleRecord::order))
                .toList();
        List<ListenerRule> compiled = rules.stream()
                .map(r -> new ListenerRule(r.isDefault() ? ListenerRule.DEFAULT_PRIORITY : r.priority(),
                        r.isDefault() ? List.of() : Views.conditions(r.conditions()).stream().map(Conditions::toDataPlane).toList(),
                        Actions.toDataPlane(Views.actions(r.actions()))))
                .toList();
        return new ListenerConfig(listener.arn(),
                listener.protocol().equals("TCP") ? ListenerConfig.Protocol.TCP : ListenerConfig.Protocol.HTTP,
                listener.port(), listener.boundPort(), compiled);
    }

    static HealthCheckSettings healthCheck(HealthCheckRecord hc) {
        return new HealthCheckSettings(
                "TCP".equals(hc.protocol()) ? HealthCheckSettings.Protocol.TCP : HealthCheckSettings.Protocol.HTTP,
                "traffic-port".equals(hc.port()) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(hc.port())),
                hc.path() == null ? "/" : hc.path(),
                Duration.ofSeconds(hc.intervalSeconds()), Duration.ofSeconds(hc.timeoutSeconds()),
                hc.healthyThreshold(), hc.unhealthyThreshold(),
                StatusMatcher.parse(hc.httpCode() == null ? "200" : hc.httpCode()));
    }
}

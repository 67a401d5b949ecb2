package dev.haneul.elbv2.api;

import dev.haneul.elbv2.dataplane.ApplyResult;
import dev.haneul.elbv2.dataplane.DataPlane;
import dev.haneul.elbv2.dataplane.DataPlaneConfig;
import dev.haneul.elbv2.dataplane.ListenerConfig;
import dev.haneul.elbv2.dataplane.LoadBalancerConfig;
import dev.haneul.elbv2.dataplane.TargetConfig;
import dev.haneul.elbv2.dataplane.TargetGroupConfig;
import dev.haneul.elbv2.dataplane.TargetHealthView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory data plane: remembers the last desired config, "binds" every listener on its
 * requested port plus {@link #portShift} (as the real one may move a privileged port), reports
 * every target healthy, and opens no socket.
 */
final class FakeDataPlane implements DataPlane {

    volatile DataPlaneConfig last = DataPlaneConfig.empty();
    volatile int applies;
    volatile int portShift;
    volatile boolean closed;

    @Override
    public synchronized ApplyResult apply(DataPlaneConfig config) {
        last = config;
        applies++;
        Map<String, Integer> bound = new LinkedHashMap<>();
        for (LoadBalancerConfig lb : config.loadBalancers()) {
            for (ListenerConfig listener : lb.listeners()) {
                bound.put(listener.arn(), listener.requestedPort() + portShift);
            }
        }
        return new ApplyResult(bound, Map.of());
    }

    @Override
    public List<TargetHealthView> targetHealth(String targetGroupArn) {
        List<TargetHealthView> out = new ArrayList<>();
        for (TargetGroupConfig group : last.targetGroups()) {
            if (group.arn().equals(targetGroupArn)) {
                for (TargetConfig target : group.targets()) {
                    out.add(new TargetHealthView(target.id(), target.port(), "healthy", Optional.empty(),
                            Optional.empty(), target.port(), 0, 0, 0));
                }
            }
        }
        return out;
    }

    @Override
    public Optional<Integer> connections(String listenerArn) {
        return Optional.of(0);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The listeners of the last config, by ARN. */
    Map<String, ListenerConfig> listeners() {
        Map<String, ListenerConfig> out = new LinkedHashMap<>();
        last.loadBalancers().forEach(lb -> lb.listeners().forEach(l -> out.put(l.arn(), l)));
        return out;
    }
}

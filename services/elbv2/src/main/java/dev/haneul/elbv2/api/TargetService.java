package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Store.requireTargetGroup;

import dev.haneul.core.api.RequestContext;
import dev.haneul.elbv2.dataplane.DataPlane;
import dev.haneul.elbv2.dataplane.TargetHealthView;
import dev.haneul.elbv2.model.TargetGroupRecord;
import dev.haneul.elbv2.model.TargetRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AnomalyDetection;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The target operations: register and deregister (targets checked by {@link Targets}), and
 * {@code DescribeTargetHealth}, which reads the health the data plane observes now.
 */
final class TargetService {

    /** Targets per target group. */
    static final int MAX_TARGETS = 1000;

    private final Elbv2Store store;
    private final DataPlane dataPlane;

    TargetService(Elbv2Store store, DataPlane dataPlane) {
        this.store = store;
        this.dataPlane = dataPlane;
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RegisterTargets.html">RegisterTargets</a>. */
    RegisterTargetsResponse registerTargets(RequestContext context, RegisterTargetsRequest request) {
        store.change(Elbv2Store.scope(context), state -> {
            TargetGroupRecord tg = requireTargetGroup(state, request.targetGroupArn());
            List<TargetRecord> wanted = new ArrayList<>();
            for (TargetDescription target : request.targets()) {
                wanted.add(Targets.check(tg, target));
            }
            Map<String, TargetRecord> targets = new LinkedHashMap<>();
            tg.targets().forEach(t -> targets.put(t.key(), t));
            boolean any = false;
            for (TargetRecord t : wanted) {
                any |= targets.putIfAbsent(t.key(), t) == null;
            }
            if (targets.size() > MAX_TARGETS) {
                throw Elbv2Errors.error("TooManyTargetsException", "You can register up to %d targets per target group",
                        MAX_TARGETS);
            }
            if (any) {
                state.targetGroups().put(tg.arn(), tg.withTargets(List.copyOf(targets.values())));
            }
            return any;
        }, changed -> changed);
        return RegisterTargetsResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeregisterTargets.html">DeregisterTargets</a>. */
    DeregisterTargetsResponse deregisterTargets(RequestContext context, DeregisterTargetsRequest request) {
        store.change(Elbv2Store.scope(context), state -> {
            TargetGroupRecord tg = requireTargetGroup(state, request.targetGroupArn());
            Map<String, TargetRecord> targets = new LinkedHashMap<>();
            tg.targets().forEach(t -> targets.put(t.key(), t));
            for (TargetDescription target : request.targets()) {
                String key = targetKey(tg, target);
                if (!targets.containsKey(key)) {
                    throw Elbv2Errors.error("InvalidTargetException",
                            "The following targets are not registered in target group '%s': '%s'", tg.arn(), key);
                }
            }
            for (TargetDescription target : request.targets()) {
                targets.remove(targetKey(tg, target));
            }
            state.targetGroups().put(tg.arn(), tg.withTargets(List.copyOf(targets.values())));
            return true;
        });
        return DeregisterTargetsResponse.builder().build();
    }

    private static String targetKey(TargetGroupRecord tg, TargetDescription target) {
        Integer port = target.port() != null ? target.port() : tg.port();
        return target.id() + ":" + port;
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html">DescribeTargetHealth</a>. */
    DescribeTargetHealthResponse describeTargetHealth(RequestContext context, DescribeTargetHealthRequest request) {
        TargetGroupRecord tg = store.read(Elbv2Store.scope(context),
                state -> requireTargetGroup(state, request.targetGroupArn()));
        Map<String, TargetHealthView> health = new LinkedHashMap<>();
        for (TargetHealthView view : dataPlane.targetHealth(tg.arn())) {
            health.put(view.id() + ":" + view.port(), view);
        }
        Map<String, TargetRecord> registered = new HashMap<>();
        tg.targets().forEach(t -> registered.put(t.key(), t));
        boolean anomaly = request.includeAsStrings().stream().anyMatch(i -> i.equals("AnomalyDetection") || i.equals("All"))
                && "weighted_random".equals(TargetGroupAttributes.effective(tg.isTcp(), tg.attributes())
                        .get(TargetGroupAttributes.ALGORITHM));
        List<TargetHealthDescription> out = new ArrayList<>();
        if (request.hasTargets() && !request.targets().isEmpty()) {
            for (TargetDescription target : request.targets()) {
                if (target.id() == null || target.id().isEmpty()) {
                    throw Elbv2Errors.error("InvalidTargetException", "A target ID must be specified");
                }
                String key = targetKey(tg, target);
                TargetHealthView view = health.get(key);
                if (view != null) {
                    out.add(description(tg, view, registered.get(key), anomaly));
                } else {
                    Integer port = target.port() != null ? target.port() : tg.port();
                    out.add(TargetHealthDescription.builder()
                            .target(TargetDescription.builder().id(target.id()).port(port).build())
                            .healthCheckPort(healthCheckPort(tg, port))
                            .targetHealth(TargetHealth.builder().state("unused").reason("Target.NotRegistered")
                                    .description("Target is not registered to the target group").build())
                            .build());
                }
            }
        } else {
            for (TargetHealthView view : health.values()) {
                out.add(description(tg, view, registered.get(view.id() + ":" + view.port()), anomaly));
            }
        }
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(out).build();
    }

    private static TargetHealthDescription description(TargetGroupRecord tg, TargetHealthView view,
                                                       @Nullable TargetRecord record, boolean anomaly) {
        TargetHealth.Builder health = TargetHealth.builder().state(view.state());
        view.reason().ifPresent(health::reason);
        view.description().ifPresent(health::description);
        TargetHealthDescription.Builder b = TargetHealthDescription.builder()
                .target(TargetDescription.builder().id(view.id()).port(view.port())
                        .availabilityZone(record == null ? null : record.availabilityZone()).build())
                .healthCheckPort(healthCheckPort(tg, view.port()))
                .targetHealth(health.build());
        if (anomaly) {
            b.anomalyDetection(AnomalyDetection.builder().result("normal").mitigationInEffect("no").build());
        }
        return b.build();
    }

    private static String healthCheckPort(TargetGroupRecord tg, @Nullable Integer targetPort) {
        String port = tg.healthCheck().port();
        return port == null || port.equals("traffic-port") ? String.valueOf(targetPort) : port;
    }
}

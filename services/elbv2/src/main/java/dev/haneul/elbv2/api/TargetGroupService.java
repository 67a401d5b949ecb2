package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Store.requireLoadBalancer;
import static dev.haneul.elbv2.api.Elbv2Store.requireTargetGroup;
import static dev.haneul.elbv2.api.Elbv2Store.usedBy;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Page;
import dev.haneul.core.state.Scope;
import dev.haneul.elbv2.model.HealthCheckRecord;
import dev.haneul.elbv2.model.TargetGroupRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * The target group operations: create (idempotent on name and settings), describe (with the load
 * balancers that forward to each group), modify the health check, delete (refused while a rule
 * forwards to it), and attributes. Registering targets is {@link TargetService}'s.
 */
final class TargetGroupService {

    /** Target groups per account and region. */
    static final int MAX_TARGET_GROUPS = 3000;

    private final Elbv2Store store;
    private final Clock clock;

    TargetGroupService(Elbv2Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html">CreateTargetGroup</a>. */
    CreateTargetGroupResponse createTargetGroup(RequestContext context, CreateTargetGroupRequest request) {
        String name = request.name();
        Elbv2Validation.checkName(name, "Target group");
        String targetType = request.targetTypeAsString() == null ? "instance" : request.targetTypeAsString();
        if (targetType.equals("alb")) {
            throw Elbv2Errors.notImplemented("target groups of target type alb");
        }
        String protocol = request.protocolAsString();
        Integer port = request.port();
        String vpcId = request.vpcId();
        String protocolVersion = null;
        HealthCheckRecord healthCheck;
        if (targetType.equals("lambda")) {
            if (protocol != null || port != null || vpcId != null) {
                throw Elbv2Errors.validation("Protocol, port and VPC cannot be specified for target groups of target type lambda");
            }
            healthCheck = new HealthCheckRecord(Boolean.TRUE.equals(request.healthCheckEnabled()), null, null,
                    "/", 35, 30, 5, 5, "200");
        } else {
            if (protocol == null) {
                throw Elbv2Errors.validation("A protocol must be specified");
            }
            if (!protocol.equals("HTTP") && !protocol.equals("TCP")) {
                throw Elbv2Errors.notImplemented(protocol + " target groups");
            }
            if (port == null) {
                throw Elbv2Errors.validation("A port must be specified");
            }
            Elbv2Errors.requirePort(port, "Port");
            if (vpcId == null) {
                throw Elbv2Errors.validation("A VPC ID must be specified");
            }
            Elbv2Validation.checkVpc(vpcId);
            boolean tcp = protocol.equals("TCP");
            if (!tcp) {
                protocolVersion = request.protocolVersion() == null ? "HTTP1" : request.protocolVersion();
                if (!protocolVersion.equals("HTTP1")) {
                    throw Elbv2Errors.validation("Protocol version '%s' requires the HTTPS protocol", protocolVersion);
                }
            }
            HealthCheckRecord defaults = tcp
                    ? new HealthCheckRecord(true, "TCP", "traffic-port", null, 30, 10, 5, 2, null)
                    : new HealthCheckRecord(true, "HTTP", "traffic-port", "/", 30, 6, 5, 2, "200");
            healthCheck = HealthChecks.merge(defaults, tcp, request.healthCheckEnabled(), request.healthCheckProtocolAsString(),
                    request.healthCheckPort(), request.healthCheckPath(), request.healthCheckIntervalSeconds(),
                    request.healthCheckTimeoutSeconds(), request.healthyThresholdCount(),
                    request.unhealthyThresholdCount(), request.matcher() == null ? null : request.matcher().httpCode(),
                    request.matcher() != null && request.matcher().grpcCode() != null, targetType);
        }
        String ipAddressType = request.ipAddressTypeAsString() == null ? "ipv4" : request.ipAddressTypeAsString();
        Map<String, String> tags = TagService.tags(request.hasTags() ? request.tags() : List.of());
        String finalProtocolVersion = protocolVersion;
        Scope scope = Elbv2Store.scope(context);
        record Outcome(TargetGroupRecord tg, boolean created) {}
        Outcome outcome = store.change(scope, state -> {
            for (TargetGroupRecord existing : state.targetGroups().values()) {
                if (existing.name().equals(name)) {
                    boolean same = Objects.equals(existing.protocol(), protocol) && Objects.equals(existing.port(), port)
                            && Objects.equals(existing.vpcId(), vpcId) && existing.targetType().equals(targetType)
                            && existing.healthCheck().equals(healthCheck);
                    if (!same) {
                        throw Elbv2Errors.error("DuplicateTargetGroupNameException",
                                "A target group with the same name '%s' exists, but with different settings", name);
                    }
                    return new Outcome(existing, false);
                }
            }
            if (state.targetGroups().size() >= MAX_TARGET_GROUPS) {
                throw Elbv2Errors.error("TooManyTargetGroupsException",
                        "The quota of %d target groups per region has been reached", MAX_TARGET_GROUPS);
            }
            String arn = Arns.targetGroup(scope, name);
            TargetGroupRecord record = new TargetGroupRecord(arn, name, protocol, finalProtocolVersion, port, vpcId,
                    targetType, targetType.equals("lambda") ? null : ipAddressType, healthCheck, Map.of(), List.of(),
                    clock.instant());
            state.targetGroups().put(arn, record);
            if (!tags.isEmpty()) {
                state.tags().put(arn, new LinkedHashMap<>(tags));
            }
            return new Outcome(record, true);
        }, Outcome::created);
        return CreateTargetGroupResponse.builder().targetGroups(view(scope, outcome.tg())).build();
    }

    /** A target group as the API shows it, with the load balancers that forward to it now. */
    private TargetGroup view(Scope scope, TargetGroupRecord tg) {
        List<String> lbs = store.read(scope, state -> List.copyOf(usedBy(state).getOrDefault(tg.arn(), Set.of())));
        return Views.targetGroup(tg, lbs);
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroups.html">DescribeTargetGroups</a>. */
    DescribeTargetGroupsResponse describeTargetGroups(RequestContext context, DescribeTargetGroupsRequest request) {
        List<String> arns = request.hasTargetGroupArns() ? request.targetGroupArns() : List.of();
        List<String> names = request.hasNames() ? request.names() : List.of();
        @Nullable String lbArn = request.loadBalancerArn();
        if ((lbArn != null ? 1 : 0) + (arns.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1) > 1) {
            throw Elbv2Errors.validation("Only one of load balancer ARN, target group ARNs or names can be specified");
        }
        record Found(List<TargetGroupRecord> groups, Map<String, Set<String>> usedBy) {}
        Found found = store.read(Elbv2Store.scope(context), state -> {
            Map<String, Set<String>> used = usedBy(state);
            List<TargetGroupRecord> groups;
            if (lbArn != null) {
                requireLoadBalancer(state, lbArn);
                groups = state.targetGroups().values().stream()
                        .filter(tg -> used.getOrDefault(tg.arn(), Set.of()).contains(lbArn)).toList();
            } else if (!arns.isEmpty()) {
                groups = arns.stream().map(arn -> requireTargetGroup(state, arn)).toList();
            } else if (!names.isEmpty()) {
                groups = new ArrayList<>();
                for (String name : names) {
                    groups.add(state.targetGroups().values().stream().filter(tg -> tg.name().equals(name)).findFirst()
                            .orElseThrow(() -> Elbv2Errors.targetGroupNotFound(name)));
                }
            } else {
                groups = List.copyOf(state.targetGroups().values());
            }
            return new Found(groups, used);
        });
        Page<TargetGroupRecord> page = Elbv2Errors.PAGING.byOffset(found.groups(), request.marker(), request.pageSize());
        return DescribeTargetGroupsResponse.builder()
                .targetGroups(page.items().stream().map(tg -> Views.targetGroup(tg,
                        List.copyOf(found.usedBy().getOrDefault(tg.arn(), Set.of())))).toList())
                .nextMarker(page.nextMarker()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyTargetGroup.html">ModifyTargetGroup</a>. */
    ModifyTargetGroupResponse modifyTargetGroup(RequestContext context, ModifyTargetGroupRequest request) {
        Scope scope = Elbv2Store.scope(context);
        TargetGroupRecord tg = store.change(scope, state -> {
            TargetGroupRecord current = requireTargetGroup(state, request.targetGroupArn());
            if (current.targetType().equals("lambda")) {
                throw Elbv2Errors.notImplemented("health checks of lambda target groups");
            }
            HealthCheckRecord updated = HealthChecks.merge(current.healthCheck(), current.isTcp(), request.healthCheckEnabled(),
                    request.healthCheckProtocolAsString(), request.healthCheckPort(), request.healthCheckPath(),
                    request.healthCheckIntervalSeconds(), request.healthCheckTimeoutSeconds(),
                    request.healthyThresholdCount(), request.unhealthyThresholdCount(),
                    request.matcher() == null ? null : request.matcher().httpCode(),
                    request.matcher() != null && request.matcher().grpcCode() != null, current.targetType());
            TargetGroupRecord next = current.withHealthCheck(updated);
            state.targetGroups().put(current.arn(), next);
            return next;
        });
        return ModifyTargetGroupResponse.builder().targetGroups(view(scope, tg)).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteTargetGroup.html">DeleteTargetGroup</a>. */
    DeleteTargetGroupResponse deleteTargetGroup(RequestContext context, DeleteTargetGroupRequest request) {
        String arn = request.targetGroupArn();
        store.change(Elbv2Store.scope(context), state -> {
            if (!state.targetGroups().containsKey(arn)) {
                return false;
            }
            if (usedBy(state).containsKey(arn)) {
                throw Elbv2Errors.error("ResourceInUseException",
                        "Target group '%s' is currently in use by a listener or a rule", arn);
            }
            state.targetGroups().remove(arn);
            state.tags().remove(arn);
            return true;
        }, deleted -> deleted);
        return DeleteTargetGroupResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyTargetGroupAttributes.html">ModifyTargetGroupAttributes</a>. */
    ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(RequestContext context,
                                                                    ModifyTargetGroupAttributesRequest request) {
        Map<String, String> changes = new LinkedHashMap<>();
        request.attributes().forEach(a -> changes.put(a.key(), a.value() == null ? "" : a.value()));
        TargetGroupRecord tg = store.change(Elbv2Store.scope(context), state -> {
            TargetGroupRecord current = requireTargetGroup(state, request.targetGroupArn());
            if (current.targetType().equals("lambda")) {
                throw Elbv2Errors.notImplemented("attributes of lambda target groups");
            }
            TargetGroupRecord next = current.withAttributes(
                    TargetGroupAttributes.modify(current.isTcp(), current.attributes(), changes));
            state.targetGroups().put(current.arn(), next);
            return next;
        });
        return ModifyTargetGroupAttributesResponse.builder().attributes(attributes(tg)).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroupAttributes.html">DescribeTargetGroupAttributes</a>. */
    DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(RequestContext context,
                                                                        DescribeTargetGroupAttributesRequest request) {
        TargetGroupRecord tg = store.read(Elbv2Store.scope(context),
                state -> requireTargetGroup(state, request.targetGroupArn()));
        return DescribeTargetGroupAttributesResponse.builder().attributes(attributes(tg)).build();
    }

    private static List<TargetGroupAttribute> attributes(TargetGroupRecord tg) {
        Map<String, String> all = tg.targetType().equals("lambda")
                ? Map.of("lambda.multi_value_headers.enabled", "false")
                : TargetGroupAttributes.effective(tg.isTcp(), tg.attributes());
        return all.entrySet().stream()
                .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}

package dev.haneul.elbv2.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A target group as stored, with its registered targets.
 *
 * @param port its port, or {@code null} (lambda target groups have none)
 * @param attributes the attributes the user set (defaults are not stored)
 */
public record TargetGroupRecord(String arn, String name, @Nullable String protocol, @Nullable String protocolVersion,
                                @Nullable Integer port, @Nullable String vpcId, String targetType,
                                @Nullable String ipAddressType, HealthCheckRecord healthCheck,
                                Map<String, String> attributes, List<TargetRecord> targets, Instant createdTime) {

    public TargetGroupRecord {
        requireNonNull(arn, "arn");
        requireNonNull(name, "name");
        requireNonNull(targetType, "targetType");
        requireNonNull(healthCheck, "healthCheck");
        attributes = Map.copyOf(attributes);
        targets = List.copyOf(targets);
    }

    public TargetGroupRecord withHealthCheck(HealthCheckRecord newHealthCheck) {
        return new TargetGroupRecord(arn, name, protocol, protocolVersion, port, vpcId, targetType, ipAddressType,
                newHealthCheck, attributes, targets, createdTime);
    }

    public TargetGroupRecord withAttributes(Map<String, String> newAttributes) {
        return new TargetGroupRecord(arn, name, protocol, protocolVersion, port, vpcId, targetType, ipAddressType,
                healthCheck, newAttributes, targets, createdTime);
    }

    public TargetGroupRecord withTargets(List<TargetRecord> newTargets) {
        return new TargetGroupRecord(arn, name, protocol, protocolVersion, port, vpcId, targetType, ipAddressType,
                healthCheck, attributes, newTargets, createdTime);
    }

    @JsonIgnore
    public boolean isTcp() {
        return "TCP".equals(protocol);
    }
}

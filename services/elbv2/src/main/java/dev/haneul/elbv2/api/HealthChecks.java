package dev.haneul.elbv2.api;

import static java.util.Objects.requireNonNullElse;

import dev.haneul.elbv2.dataplane.StatusMatcher;
import dev.haneul.elbv2.model.HealthCheckRecord;
import org.jspecify.annotations.Nullable;

/** A target group's health-check settings as {@code CreateTargetGroup} and {@code ModifyTargetGroup} check them. */
final class HealthChecks {

    private HealthChecks() {}

    /**
     * A health check from {@code base} with the request's changes, checked as ELBv2 checks them:
     * interval 5-300, timeout 2-120 and shorter than the interval, thresholds 2-10, a path that
     * starts with {@code /} (HTTP checks only), codes 200-499 for an HTTP target group.
     */
    static HealthCheckRecord merge(HealthCheckRecord base, boolean tcpGroup, @Nullable Boolean enabled,
                                   @Nullable String protocol, @Nullable String port, @Nullable String path,
                                   @Nullable Integer interval, @Nullable Integer timeout, @Nullable Integer healthy,
                                   @Nullable Integer unhealthy, @Nullable String httpCode, boolean grpc,
                                   String targetType) {
        if (Boolean.FALSE.equals(enabled)) {
            throw Elbv2Errors.invalidConfiguration("Health checks cannot be disabled for target groups of target type '%s'",
                    targetType);
        }
        if (grpc) {
            throw Elbv2Errors.notImplemented("gRPC health check matchers");
        }
        String p = protocol != null ? protocol : requireNonNullElse(base.protocol(), tcpGroup ? "TCP" : "HTTP");
        if (p.equals("HTTPS")) {
            throw Elbv2Errors.notImplemented("HTTPS health checks");
        }
        if (!tcpGroup && !p.equals("HTTP")) {
            throw Elbv2Errors.invalidConfiguration("Health check protocol '%s' is not supported for target groups with the HTTP protocol", p);
        }
        if (tcpGroup && !p.equals("TCP") && !p.equals("HTTP")) {
            throw Elbv2Errors.invalidConfiguration("Health check protocol '%s' is not supported for target groups with the TCP protocol", p);
        }
        String checkPort = port != null ? port : requireNonNullElse(base.port(), "traffic-port");
        if (!checkPort.equals("traffic-port")) {
            try {
                Elbv2Errors.requirePort(Integer.parseInt(checkPort), "HealthCheckPort");
            } catch (NumberFormatException e) {
                throw Elbv2Errors.validation("Health check port '%s' is not valid (expected: 1-65535 or traffic-port)", checkPort);
            }
        }
        boolean http = p.equals("HTTP");
        String checkPath = http ? (path != null ? path : base.path() != null ? base.path() : "/") : null;
        if (!http && path != null) {
            throw Elbv2Errors.invalidConfiguration("A health check path can be specified only for HTTP health checks");
        }
        if (checkPath != null && (!checkPath.startsWith("/") || checkPath.length() > 1024)) {
            throw Elbv2Errors.validation("Health check path '%s' must start with '/' and be at most 1024 characters", checkPath);
        }
        int i = interval == null ? base.intervalSeconds() : interval;
        int t = timeout == null ? (base.protocol() != null && !base.protocol().equals(p) ? (http ? 6 : 10)
                : base.timeoutSeconds()) : timeout;
        int h = healthy == null ? base.healthyThreshold() : healthy;
        int u = unhealthy == null ? base.unhealthyThreshold() : unhealthy;
        Elbv2Errors.requireRange("HealthCheckIntervalSeconds", i, 5, 300);
        Elbv2Errors.requireRange("HealthCheckTimeoutSeconds", t, 2, 120);
        Elbv2Errors.requireRange("HealthyThresholdCount", h, 2, 10);
        Elbv2Errors.requireRange("UnhealthyThresholdCount", u, 2, 10);
        if (t >= i) {
            throw Elbv2Errors.invalidConfiguration("Health check timeout '%d' must be smaller than the interval '%d'", t, i);
        }
        String code = http ? (httpCode != null ? httpCode : base.httpCode() != null ? base.httpCode() : "200") : null;
        if (!http && httpCode != null) {
            throw Elbv2Errors.invalidConfiguration("A health check matcher can be specified only for HTTP health checks");
        }
        if (code != null) {
            try {
                StatusMatcher.parse(code);
            } catch (IllegalArgumentException e) {
                throw Elbv2Errors.validation("Health check matcher '%s' is not valid (expected: codes such as 200,202 or 200-299)", code);
            }
            for (String part : code.split("[,-]")) {
                int c = Integer.parseInt(part.trim());
                if (c < 200 || c > 499) {
                    throw Elbv2Errors.invalidConfiguration("Health check matcher '%s' must contain codes from 200 to 499", code);
                }
            }
        }
        return new HealthCheckRecord(true, p, checkPort, checkPath, i, t, h, u, code);
    }
}

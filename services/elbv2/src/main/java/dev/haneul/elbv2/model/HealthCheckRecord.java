package dev.haneul.elbv2.model;

import org.jspecify.annotations.Nullable;

/**
 * A target group's health check settings as stored.
 *
 * @param port a port number, or {@code traffic-port}
 * @param path the HTTP path, {@code null} for TCP checks
 * @param httpCode the matcher's HTTP codes, {@code null} for TCP checks
 */
public record HealthCheckRecord(boolean enabled, @Nullable String protocol, @Nullable String port, @Nullable String path,
                                int intervalSeconds, int timeoutSeconds, int healthyThreshold, int unhealthyThreshold,
                                @Nullable String httpCode) {}

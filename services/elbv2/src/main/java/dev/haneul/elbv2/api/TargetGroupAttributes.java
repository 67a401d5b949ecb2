package dev.haneul.elbv2.api;

import dev.haneul.elbv2.dataplane.TargetGroupSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Target group attributes: the full set of an HTTP (ALB) or TCP (NLB) target group with AWS's
 * defaults, the checks of {@code ModifyTargetGroupAttributes}, and the routing settings they give
 * the data plane.
 */
final class TargetGroupAttributes {

    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    static final String STICKINESS_ENABLED = "stickiness.enabled";
    static final String STICKINESS_TYPE = "stickiness.type";
    static final String LB_COOKIE_DURATION = "stickiness.lb_cookie.duration_seconds";
    static final String APP_COOKIE_NAME = "stickiness.app_cookie.cookie_name";
    static final String APP_COOKIE_DURATION = "stickiness.app_cookie.duration_seconds";
    static final String ALGORITHM = "load_balancing.algorithm.type";
    static final String ANOMALY_MITIGATION = "load_balancing.algorithm.anomaly_mitigation";
    static final String SLOW_START = "slow_start.duration_seconds";
    static final String UNHEALTHY_COUNT = "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count";
    static final String UNHEALTHY_PERCENTAGE =
            "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage";
    private static final String KIND = "Target group";

    private TargetGroupAttributes() {}

    /** Every attribute of a target group, with its default, in the order they are described. */
    static Map<String, String> defaults(boolean tcp) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(STICKINESS_ENABLED, "false");
        d.put(DEREGISTRATION_DELAY, "300");
        if (tcp) {
            d.put(STICKINESS_TYPE, "source_ip");
            d.put("proxy_protocol_v2.enabled", "false");
            d.put("preserve_client_ip.enabled", "false");
            d.put("deregistration_delay.connection_termination.enabled", "false");
            d.put("target_health_state.unhealthy.connection_termination.enabled", "true");
            d.put("target_health_state.unhealthy.draining_interval_seconds", "0");
        } else {
            d.put(STICKINESS_TYPE, "lb_cookie");
            d.put(LB_COOKIE_DURATION, "86400");
            d.put(SLOW_START, "0");
            d.put(APP_COOKIE_NAME, "");
            d.put(APP_COOKIE_DURATION, "86400");
            d.put(ALGORITHM, "round_robin");
            d.put(ANOMALY_MITIGATION, "off");
        }
        d.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
        d.put("target_group_health.dns_failover.minimum_healthy_targets.count", "1");
        d.put("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off");
        d.put(UNHEALTHY_COUNT, "1");
        d.put(UNHEALTHY_PERCENTAGE, "off");
        return d;
    }

    static Map<String, String> effective(boolean tcp, Map<String, String> stored) {
        return AttributeRules.overlay(defaults(tcp), stored);
    }

    /**
     * The stored attributes after {@code changes}, each checked, then the combination checked.
     *
     * @throws dev.haneul.core.api.AwsServiceException {@code ValidationError} for a bad key or value,
     *     {@code InvalidConfigurationRequest} for a combination ELBv2 refuses
     */
    static Map<String, String> modify(boolean tcp, Map<String, String> stored,
                                      Map<String, String> changes) {
        Map<String, String> defaults = defaults(tcp);
        Map<String, String> result = AttributeRules.merge(KIND, defaults, stored, changes, (key, value) -> check(tcp, key, value));
        Map<String, String> all = AttributeRules.overlay(defaults, result);
        if (!tcp) {
            boolean appCookie = "true".equals(all.get(STICKINESS_ENABLED)) && "app_cookie".equals(all.get(STICKINESS_TYPE));
            if (appCookie && all.getOrDefault(APP_COOKIE_NAME, "").isEmpty()) {
                throw Elbv2Errors.invalidConfiguration("The '%s' attribute is required when the stickiness type is 'app_cookie'",
                        APP_COOKIE_NAME);
            }
            if (!"0".equals(all.get(SLOW_START)) && "least_outstanding_requests".equals(all.get(ALGORITHM))) {
                throw Elbv2Errors.invalidConfiguration(
                        "Slow start mode cannot be enabled with the least outstanding requests routing algorithm");
            }
            if ("on".equals(all.get(ANOMALY_MITIGATION)) && !"weighted_random".equals(all.get(ALGORITHM))) {
                throw Elbv2Errors.invalidConfiguration(
                        "Anomaly mitigation can only be enabled with the weighted random routing algorithm");
            }
        }
        return result;
    }

    private static void check(boolean tcp, String key, String value) {
        switch (key) {
            case DEREGISTRATION_DELAY -> AttributeRules.range(KIND, key, value, 0, 3600);
            case STICKINESS_TYPE -> AttributeRules.oneOf(KIND, key, value,
                    tcp ? List.of("source_ip") : List.of("lb_cookie", "app_cookie"));
            case LB_COOKIE_DURATION, APP_COOKIE_DURATION -> AttributeRules.range(KIND, key, value, 1, 604800);
            case APP_COOKIE_NAME -> {
                if (value.startsWith("AWSALB") || value.length() > 255 || !value.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]*")) {
                    throw AttributeRules.invalid(KIND, key, value,
                            "a cookie name that does not start with AWSALB, AWSALBAPP or AWSALBTG");
                }
            }
            case ALGORITHM -> AttributeRules.oneOf(KIND, key, value,
                    List.of("round_robin", "least_outstanding_requests", "weighted_random"));
            case ANOMALY_MITIGATION -> AttributeRules.oneOf(KIND, key, value, List.of("on", "off"));
            case SLOW_START -> {
                int seconds = AttributeRules.range(KIND, key, value, 0, 900);
                if (seconds != 0 && seconds < 30) {
                    throw AttributeRules.invalid(KIND, key, value, "0, or an integer from 30 to 900");
                }
            }
            case "load_balancing.cross_zone.enabled" -> AttributeRules.oneOf(KIND, key, value,
                    List.of("true", "false", "use_load_balancer_configuration"));
            case "target_group_health.dns_failover.minimum_healthy_targets.count" -> {
                if (!value.equals("off")) {
                    AttributeRules.range(KIND, key, value, 1, 1000);
                }
            }
            case UNHEALTHY_COUNT -> AttributeRules.range(KIND, key, value, 1, 1000);
            case UNHEALTHY_PERCENTAGE, "target_group_health.dns_failover.minimum_healthy_targets.percentage" -> {
                if (!value.equals("off")) {
                    AttributeRules.range(KIND, key, value, 1, 100);
                }
            }
            case "target_health_state.unhealthy.draining_interval_seconds" -> AttributeRules.range(KIND, key, value, 0, 360000);
            case "proxy_protocol_v2.enabled" -> {
                AttributeRules.bool(KIND, key, value);
                if (value.equals("true")) {
                    throw Elbv2Errors.notImplemented("proxy protocol v2 (proxy_protocol_v2.enabled=true)");
                }
            }
            default -> AttributeRules.bool(KIND, key, value);
        }
    }

    /** The routing settings of a target group's effective attributes. */
    static TargetGroupSettings settings(Map<String, String> effective, boolean tcp) {
        Optional<TargetGroupSettings.Stickiness> stickiness = Optional.empty();
        if ("true".equals(effective.get(STICKINESS_ENABLED))) {
            String type = effective.getOrDefault(STICKINESS_TYPE, "lb_cookie");
            stickiness = Optional.of(switch (type) {
                case "app_cookie" -> new TargetGroupSettings.Stickiness(TargetGroupSettings.Stickiness.Type.APP_COOKIE,
                        Duration.ofSeconds(Long.parseLong(effective.get(APP_COOKIE_DURATION))),
                        Optional.of(effective.getOrDefault(APP_COOKIE_NAME, "")));
                case "source_ip" -> new TargetGroupSettings.Stickiness(TargetGroupSettings.Stickiness.Type.SOURCE_IP,
                        Duration.ZERO, Optional.empty());
                default -> new TargetGroupSettings.Stickiness(TargetGroupSettings.Stickiness.Type.LB_COOKIE,
                        Duration.ofSeconds(Long.parseLong(effective.get(LB_COOKIE_DURATION))), Optional.empty());
            });
        }
        String percentage = effective.getOrDefault(UNHEALTHY_PERCENTAGE, "off");
        return new TargetGroupSettings(
                tcp ? TargetGroupSettings.Algorithm.ROUND_ROBIN
                        : TargetGroupSettings.Algorithm.valueOf(effective.getOrDefault(ALGORITHM, "round_robin").toUpperCase(Locale.ROOT)),
                stickiness,
                Duration.ofSeconds(Long.parseLong(effective.get(DEREGISTRATION_DELAY))),
                Duration.ofSeconds(Long.parseLong(effective.getOrDefault(SLOW_START, "0"))),
                Integer.parseInt(effective.getOrDefault(UNHEALTHY_COUNT, "1")),
                percentage.equals("off") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(percentage)));
    }
}

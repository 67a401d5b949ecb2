package dev.haneul.elbv2.api;

import dev.haneul.elbv2.dataplane.LoadBalancerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Load balancer attributes: the full set each type has, with AWS's defaults, the checks of
 * {@code ModifyLoadBalancerAttributes}, and the ones that change the data plane. Attributes of
 * features Haneul has no data plane for (connection logs, HTTP/2, WAF fail-open, zonal shift) are
 * stored and shown but change nothing.
 */
final class LoadBalancerAttributes {

    static final String ACCESS_LOGS_ENABLED = "access_logs.s3.enabled";
    static final String ACCESS_LOGS_BUCKET = "access_logs.s3.bucket";
    static final String ACCESS_LOGS_PREFIX = "access_logs.s3.prefix";
    static final String DELETION_PROTECTION = "deletion_protection.enabled";
    static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    static final String CLIENT_KEEP_ALIVE = "client_keep_alive.seconds";
    static final String XFF_MODE = "routing.http.xff_header_processing.mode";
    static final String XFF_CLIENT_PORT = "routing.http.xff_client_port.enabled";
    static final String PRESERVE_HOST = "routing.http.preserve_host_header.enabled";
    static final String DROP_INVALID_HEADERS = "routing.http.drop_invalid_header_fields.enabled";
    static final String DESYNC_MITIGATION = "routing.http.desync_mitigation_mode";
    private static final String KIND = "Load balancer";

    private LoadBalancerAttributes() {}

    /** Every attribute of a load balancer type, with its default, in the order they are described. */
    static Map<String, String> defaults(boolean application) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(ACCESS_LOGS_ENABLED, "false");
        d.put(ACCESS_LOGS_BUCKET, "");
        d.put(ACCESS_LOGS_PREFIX, "");
        if (application) {
            d.put(IDLE_TIMEOUT, "60");
        }
        d.put(DELETION_PROTECTION, "false");
        if (application) {
            d.put("routing.http2.enabled", "true");
            d.put(DROP_INVALID_HEADERS, "false");
            d.put("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false");
            d.put(PRESERVE_HOST, "false");
            d.put(XFF_CLIENT_PORT, "false");
            d.put(XFF_MODE, "append");
            d.put(DESYNC_MITIGATION, "defensive");
            d.put(CLIENT_KEEP_ALIVE, "3600");
            d.put("waf.fail_open.enabled", "false");
            d.put("connection_logs.s3.enabled", "false");
            d.put("connection_logs.s3.bucket", "");
            d.put("connection_logs.s3.prefix", "");
            d.put("health_check_logs.s3.enabled", "false");
            d.put("health_check_logs.s3.bucket", "");
            d.put("health_check_logs.s3.prefix", "");
            d.put("load_balancing.cross_zone.enabled", "true");
        } else {
            d.put("load_balancing.cross_zone.enabled", "false");
            d.put("dns_record.client_routing_policy", "any_availability_zone");
        }
        d.put("zonal_shift.config.enabled", "false");
        return d;
    }

    /** Defaults overlaid with what the user set. */
    static Map<String, String> effective(boolean application, Map<String, String> stored) {
        return AttributeRules.overlay(defaults(application), stored);
    }

    /**
     * The stored attributes after applying {@code changes}, each checked.
     *
     * @throws dev.haneul.core.api.AwsServiceException {@code ValidationError} naming the first bad
     *     key or value
     */
    static Map<String, String> modify(boolean application, Map<String, String> stored, Map<String, String> changes) {
        Map<String, String> defaults = defaults(application);
        Map<String, String> result = AttributeRules.merge(KIND, defaults, stored, changes,
                (key, value) -> check(application, key, value));
        Map<String, String> all = AttributeRules.overlay(defaults, result);
        for (String logs : List.of("access_logs", "connection_logs", "health_check_logs")) {
            if ("true".equals(all.get(logs + ".s3.enabled")) && all.getOrDefault(logs + ".s3.bucket", "").isEmpty()) {
                throw Elbv2Errors.validation("The value of '%s.s3.bucket' cannot be empty when %s are enabled",
                        logs, logs.replace('_', ' '));
            }
        }
        return result;
    }

    private static void check(boolean application, String key, String value) {
        switch (key) {
            case IDLE_TIMEOUT -> AttributeRules.range(KIND, key, value, 1, 4000);
            case CLIENT_KEEP_ALIVE -> AttributeRules.range(KIND, key, value, 60, 604800);
            case XFF_MODE -> AttributeRules.oneOf(KIND, key, value, List.of("append", "preserve", "remove"));
            case DESYNC_MITIGATION ->
                    AttributeRules.oneOf(KIND, key, value, List.of("monitor", "defensive", "strictest"));
            case "dns_record.client_routing_policy" -> AttributeRules.oneOf(KIND, key, value,
                    List.of("any_availability_zone", "availability_zone_affinity", "partial_availability_zone_affinity"));
            case "load_balancing.cross_zone.enabled" -> {
                AttributeRules.bool(KIND, key, value);
                if (application && value.equals("false")) {
                    throw AttributeRules.invalid(KIND, key, value, "true; an Application Load Balancer always balances across zones");
                }
            }
            case ACCESS_LOGS_BUCKET, ACCESS_LOGS_PREFIX, "connection_logs.s3.bucket", "connection_logs.s3.prefix",
                 "health_check_logs.s3.bucket", "health_check_logs.s3.prefix" -> {
                if (value.contains("..") || value.startsWith("/")) {
                    throw AttributeRules.invalid(KIND, key, value, "an S3 bucket name or key prefix");
                }
            }
            default -> AttributeRules.bool(KIND, key, value);
        }
    }

    /**
     * The data-plane settings of an Application Load Balancer.
     *
     * @param accessLogDir where its access log goes when enabled
     */
    static LoadBalancerSettings settings(Map<String, String> effective, Path accessLogDir) {
        Optional<Path> accessLog = "true".equals(effective.get(ACCESS_LOGS_ENABLED))
                ? Optional.of(accessLogDir.resolve("access.log")) : Optional.empty();
        return new LoadBalancerSettings(
                Duration.ofSeconds(Long.parseLong(effective.getOrDefault(IDLE_TIMEOUT, "60"))),
                Duration.ofSeconds(Long.parseLong(effective.getOrDefault(CLIENT_KEEP_ALIVE, "3600"))),
                LoadBalancerSettings.XffMode.valueOf(effective.getOrDefault(XFF_MODE, "append").toUpperCase(Locale.ROOT)),
                "true".equals(effective.get(XFF_CLIENT_PORT)),
                "true".equals(effective.get(PRESERVE_HOST)),
                "true".equals(effective.get(DROP_INVALID_HEADERS)),
                LoadBalancerSettings.DesyncMitigation.valueOf(effective.getOrDefault(DESYNC_MITIGATION, "defensive")
                        .toUpperCase(Locale.ROOT)),
                accessLog);
    }
}

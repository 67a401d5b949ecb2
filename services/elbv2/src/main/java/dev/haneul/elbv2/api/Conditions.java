package dev.haneul.elbv2.api;

import dev.haneul.elbv2.dataplane.Cidr;
import dev.haneul.elbv2.dataplane.Condition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpRequestMethodConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SourceIpConditionConfig;
import org.jspecify.annotations.Nullable;

/**
 * Rule conditions: ELBv2's checks ({@code ValidationError} for each), the normalised shape it
 * describes back (the legacy {@code Field}+{@code Values} form and the {@code *Config} form both
 * filled for host and path conditions), and the data plane's compiled form.
 *
 * <p>Limits per rule: at most one each of {@code host-header}, {@code http-request-method},
 * {@code path-pattern} and {@code source-ip}; 5 condition values in all (a query-string pair counts
 * as one); 5 values with wildcards. Values: visible ASCII, at most 128 characters; host names of
 * letters, digits, {@code -}, {@code .} and wildcards, with a dot and only letters after the last
 * one; methods of {@code A-Z}, {@code -}, {@code _} up to 40; header names RFC 7230 tokens up to 40
 * and never {@code Host}.
 */
final class Conditions {

    static final int MAX_VALUES = 5;
    static final int MAX_WILDCARDS = 5;
    private static final Set<String> SINGLE = Set.of("host-header", "http-request-method", "path-pattern", "source-ip");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.*?-]+");
    private static final Pattern HOST_TAIL = Pattern.compile(".*\\.[A-Za-z*?]+");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&*?]+");
    private static final Pattern METHOD = Pattern.compile("[A-Z_-]{1,40}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,40}");

    private Conditions() {}

    /** Checks {@code conditions} and returns them normalised. */
    static List<RuleCondition> normalise(List<RuleCondition> conditions) {
        Set<String> seen = new HashSet<>();
        int values = 0;
        int wildcards = 0;
        List<RuleCondition> out = new ArrayList<>();
        for (RuleCondition condition : conditions) {
            String field = field(condition);
            if (SINGLE.contains(field) && !seen.add(field)) {
                throw Elbv2Errors.validation("A rule can only have one '%s' condition", field);
            }
            RuleCondition normal = switch (field) {
                case "host-header" -> {
                    List<String> v = legacyOr(condition, condition.hostHeaderConfig() == null ? null
                            : condition.hostHeaderConfig().values(), field);
                    v.forEach(Conditions::checkHost);
                    yield RuleCondition.builder().field(field).values(v)
                            .hostHeaderConfig(HostHeaderConditionConfig.builder().values(v).build()).build();
                }
                case "path-pattern" -> {
                    List<String> v = legacyOr(condition, condition.pathPatternConfig() == null ? null
                            : condition.pathPatternConfig().values(), field);
                    v.forEach(value -> check(value, PATH, field));
                    yield RuleCondition.builder().field(field).values(v)
                            .pathPatternConfig(PathPatternConditionConfig.builder().values(v).build()).build();
                }
                case "http-header" -> {
                    HttpHeaderConditionConfig c = require(condition.httpHeaderConfig(), field, "HttpHeaderConfig");
                    String name = c.httpHeaderName();
                    if (name == null || !TOKEN.matcher(name).matches()) {
                        throw Elbv2Errors.validation("The HTTP header name '%s' is not valid", name);
                    }
                    if (name.equalsIgnoreCase("host")) {
                        throw Elbv2Errors.validation("Use a 'host-header' condition to match the Host header");
                    }
                    List<String> v = nonEmpty(c.values(), field);
                    v.forEach(value -> checkLength(value, field));
                    yield RuleCondition.builder().field(field).httpHeaderConfig(
                            HttpHeaderConditionConfig.builder().httpHeaderName(name).values(v).build()).build();
                }
                case "http-request-method" -> {
                    HttpRequestMethodConditionConfig c = require(condition.httpRequestMethodConfig(), field,
                            "HttpRequestMethodConfig");
                    List<String> v = nonEmpty(c.values(), field);
                    v.forEach(value -> check(value, METHOD, field));
                    yield RuleCondition.builder().field(field).httpRequestMethodConfig(
                            HttpRequestMethodConditionConfig.builder().values(v).build()).build();
                }
                case "query-string" -> {
                    QueryStringConditionConfig c = require(condition.queryStringConfig(), field, "QueryStringConfig");
                    if (!c.hasValues() || c.values().isEmpty()) {
                        throw Elbv2Errors.validation("A '%s' condition must have at least one value", field);
                    }
                    for (QueryStringKeyValuePair pair : c.values()) {
                        if (pair.value() == null || pair.value().isEmpty()) {
                            throw Elbv2Errors.validation("A query string pair must have a value");
                        }
                        checkLength(pair.value(), field);
                        if (pair.key() != null) {
                            checkLength(pair.key(), field);
                        }
                    }
                    yield RuleCondition.builder().field(field).queryStringConfig(c).build();
                }
                case "source-ip" -> {
                    SourceIpConditionConfig c = require(condition.sourceIpConfig(), field, "SourceIpConfig");
                    List<String> v = nonEmpty(c.values(), field);
                    for (String cidr : v) {
                        try {
                            Cidr.parse(cidr);
                        } catch (IllegalArgumentException e) {
                            throw Elbv2Errors.validation("The source IP '%s' is not a valid CIDR block", cidr);
                        }
                        if (cidr.equals("255.255.255.255/32")) {
                            throw Elbv2Errors.validation("The source IP '%s' is not allowed", cidr);
                        }
                    }
                    yield RuleCondition.builder().field(field).sourceIpConfig(c).build();
                }
                default -> throw Elbv2Errors.validation("Condition field '%s' is not valid", field);
            };
            for (String value : valuesOf(normal)) {
                values++;
                if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
                    wildcards++;
                }
            }
            out.add(normal);
        }
        if (values > MAX_VALUES) {
            throw Elbv2Errors.validation("A rule can only have '%d' condition values", MAX_VALUES);
        }
        if (wildcards > MAX_WILDCARDS) {
            throw Elbv2Errors.validation("A rule can only have '%d' wildcards", MAX_WILDCARDS);
        }
        return out;
    }

    private static String field(RuleCondition condition) {
        if (condition.field() != null) {
            return condition.field();
        }
        if (condition.hostHeaderConfig() != null) {
            return "host-header";
        }
        if (condition.pathPatternConfig() != null) {
            return "path-pattern";
        }
        throw Elbv2Errors.validation("A condition must have a field");
    }

    private static List<String> legacyOr(RuleCondition condition, @Nullable List<String> configValues, String field) {
        boolean legacy = condition.hasValues() && !condition.values().isEmpty();
        boolean config = configValues != null && !configValues.isEmpty();
        if (legacy && config && !condition.values().equals(configValues)) {
            throw Elbv2Errors.validation("You cannot specify both 'Values' and a '%s' configuration", field);
        }
        List<String> values = legacy ? condition.values() : configValues;
        return nonEmpty(values, field);
    }

    private static <T> T require(T config, String field, String member) {
        if (config == null) {
            throw Elbv2Errors.validation("A '%s' condition requires '%s'", field, member);
        }
        return config;
    }

    private static List<String> nonEmpty(@Nullable List<String> values, String field) {
        if (values == null || values.isEmpty()) {
            throw Elbv2Errors.validation("A '%s' condition must have at least one value", field);
        }
        for (String value : values) {
            if (value == null || value.isEmpty()) {
                throw Elbv2Errors.validation("Condition values cannot be empty");
            }
        }
        return List.copyOf(values);
    }

    private static void checkLength(String value, String field) {
        if (value.length() > 128) {
            throw Elbv2Errors.validation("The '%s' condition value '%s' is longer than 128 characters", field, value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw Elbv2Errors.validation("The '%s' condition value '%s' contains characters that are not visible ASCII",
                        field, value);
            }
        }
    }

    private static void check(String value, Pattern pattern, String field) {
        checkLength(value, field);
        if (!pattern.matcher(value).matches()) {
            throw Elbv2Errors.validation("The '%s' condition value '%s' contains characters that are not allowed",
                    field, value);
        }
    }

    private static void checkHost(String value) {
        check(value, HOST, "host-header");
        if (!HOST_TAIL.matcher(value).matches()) {
            throw Elbv2Errors.validation("The host-header value '%s' must contain a '.' followed only by letters", value);
        }
    }

    /** The values of a normalised condition, one per query-string pair. */
    private static List<String> valuesOf(RuleCondition c) {
        return switch (c.field()) {
            case "host-header", "path-pattern" -> c.values();
            case "http-header" -> c.httpHeaderConfig().values();
            case "http-request-method" -> c.httpRequestMethodConfig().values();
            case "query-string" -> c.queryStringConfig().values().stream()
                    .map(p -> (p.key() == null ? "" : p.key()) + p.value()).toList();
            case "source-ip" -> c.sourceIpConfig().values().stream().map(v -> "").toList();
            default -> List.of();
        };
    }

    /** The data plane's form of a normalised condition. */
    static Condition toDataPlane(RuleCondition c) {
        return switch (c.field().toLowerCase(Locale.ROOT)) {
            case "host-header" -> new Condition.HostHeader(c.hostHeaderConfig().values());
            case "path-pattern" -> new Condition.PathPattern(c.pathPatternConfig().values());
            case "http-header" -> new Condition.HttpHeader(c.httpHeaderConfig().httpHeaderName(),
                    c.httpHeaderConfig().values());
            case "http-request-method" -> new Condition.RequestMethod(c.httpRequestMethodConfig().values());
            case "query-string" -> new Condition.QueryString(c.queryStringConfig().values().stream()
                    .map(p -> new Condition.KeyValue(p.key(), p.value())).toList());
            case "source-ip" -> new Condition.SourceIp(c.sourceIpConfig().values());
            default -> throw new IllegalStateException("stored condition with field " + c.field());
        };
    }
}

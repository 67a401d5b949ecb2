package dev.haneul.elbv2.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.elbv2.dataplane.TargetGroupSettings;
import dev.haneul.elbv2.model.Elbv2State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/** ELBv2's input checks: attributes, conditions and actions, with the error code each gets. */
class ValidationTest {

    private static String code(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (AwsServiceException e) {
            return e.code();
        }
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource({
        "idle_timeout.timeout_seconds, 1, ok",
        "idle_timeout.timeout_seconds, 4000, ok",
        "idle_timeout.timeout_seconds, 0, ValidationError",
        "idle_timeout.timeout_seconds, 4001, ValidationError",
        "idle_timeout.timeout_seconds, abc, ValidationError",
        "routing.http.xff_header_processing.mode, preserve, ok",
        "routing.http.xff_header_processing.mode, drop, ValidationError",
        "deletion_protection.enabled, yes, ValidationError",
        "client_keep_alive.seconds, 59, ValidationError",
        "load_balancing.cross_zone.enabled, false, ValidationError",
        "no.such.key, 1, ValidationError",
    })
    void loadBalancerAttributes(String key, String value, String expected) {
        assertThat(code(() -> LoadBalancerAttributes.modify(true, Map.of(), Map.of(key, value)))).isEqualTo(expected);
    }

    @Test
    void accessLogsNeedABucket() {
        assertThat(code(() -> LoadBalancerAttributes.modify(true, Map.of(), Map.of("access_logs.s3.enabled", "true"))))
                .isEqualTo("ValidationError");
        assertThat(code(() -> LoadBalancerAttributes.modify(true, Map.of(),
                Map.of("access_logs.s3.enabled", "true", "access_logs.s3.bucket", "logs")))).isEqualTo("ok");
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource({
        "stickiness.lb_cookie.duration_seconds, 1, ok",
        "stickiness.lb_cookie.duration_seconds, 604800, ok",
        "stickiness.lb_cookie.duration_seconds, 604801, ValidationError",
        "stickiness.type, source_ip, ValidationError",
        "stickiness.app_cookie.cookie_name, AWSALBAPP, ValidationError",
        "load_balancing.algorithm.type, least_outstanding_requests, ok",
        "load_balancing.algorithm.type, random, ValidationError",
        "slow_start.duration_seconds, 29, ValidationError",
        "slow_start.duration_seconds, 30, ok",
        "deregistration_delay.timeout_seconds, 3601, ValidationError",
        "load_balancing.algorithm.anomaly_mitigation, on, InvalidConfigurationRequest",
    })
    void targetGroupAttributes(String key, String value, String expected) {
        assertThat(code(() -> TargetGroupAttributes.modify(false, Map.of(), Map.of(key, value)))).isEqualTo(expected);
    }

    @Test
    void targetGroupAttributeCombinations() {
        assertThat(code(() -> TargetGroupAttributes.modify(false, Map.of(),
                Map.of("slow_start.duration_seconds", "60", "load_balancing.algorithm.type", "least_outstanding_requests"))))
                .isEqualTo("InvalidConfigurationRequest");
        assertThat(code(() -> TargetGroupAttributes.modify(true, Map.of(), Map.of("stickiness.type", "lb_cookie"))))
                .isEqualTo("ValidationError");
        Map<String, String> app = TargetGroupAttributes.modify(false, Map.of(), Map.of("stickiness.enabled", "true",
                "stickiness.type", "app_cookie", "stickiness.app_cookie.cookie_name", "JSESSIONID"));
        TargetGroupSettings settings = TargetGroupAttributes.settings(TargetGroupAttributes.effective(false, app), false);
        assertThat(settings.stickiness().orElseThrow().appCookieName()).contains("JSESSIONID");
    }

    private static RuleCondition host(String... values) {
        return RuleCondition.builder().field("host-header").values(values).build();
    }

    private static RuleCondition path(String... values) {
        return RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values(values)).build();
    }

    @Test
    void conditionsAreCheckedAndNormalised() {
        RuleCondition normal = Conditions.normalise(List.of(path("/img/*"))).get(0);
        assertThat(normal.values()).containsExactly("/img/*");
        assertThat(normal.pathPatternConfig().values()).containsExactly("/img/*");
        assertThat(code(() -> Conditions.normalise(List.of(host("example.com"), host("example.org")))))
                .as("one host-header per rule").isEqualTo("ValidationError");
        assertThat(code(() -> Conditions.normalise(List.of(host("a.com", "b.com", "c.com"), path("/1", "/2", "/3")))))
                .as("six values").isEqualTo("ValidationError");
        assertThat(code(() -> Conditions.normalise(List.of(host("localhost"))))).isEqualTo("ValidationError");
        assertThat(code(() -> Conditions.normalise(List.of(host("127.0.0.1"))))).isEqualTo("ValidationError");
        assertThat(code(() -> Conditions.normalise(List.of(host(""))))).isEqualTo("ValidationError");
        assertThat(code(() -> Conditions.normalise(List.of(path("/" + "x".repeat(128)))))).isEqualTo("ValidationError");
        assertThat(code(() -> Conditions.normalise(List.of(RuleCondition.builder().field("http-header")
                .httpHeaderConfig(h -> h.httpHeaderName("Host").values("x")).build())))).isEqualTo("ValidationError");
        assertThat(code(() -> Conditions.normalise(List.of(RuleCondition.builder().field("http-request-method")
                .httpRequestMethodConfig(h -> h.values("get")).build())))).isEqualTo("ValidationError");
        assertThat(code(() -> Conditions.normalise(List.of(RuleCondition.builder().field("source-ip")
                .sourceIpConfig(h -> h.values("10.0.0.0/8", "not-a-cidr")).build())))).isEqualTo("ValidationError");
        assertThat(code(() -> Conditions.normalise(List.of(RuleCondition.builder().field("cookie").values("x").build()))))
                .isEqualTo("ValidationError");
    }

    @Test
    void actionsAreCheckedAndNormalised() {
        Elbv2State state = new Elbv2State();
        Action redirect = Actions.normalise(state, "lb", "HTTP", List.of(Action.builder().type("redirect")
                .redirectConfig(r -> r.protocol("HTTPS").statusCode("HTTP_301")).build()), tg -> Set.of()).get(0);
        assertThat(redirect.redirectConfig().port()).isEqualTo("#{port}");
        assertThat(redirect.redirectConfig().path()).isEqualTo("/#{path}");
        assertThat(code(() -> Actions.normalise(state, "lb", "HTTP", List.of(Action.builder().type("redirect")
                .redirectConfig(r -> r.statusCode("HTTP_302")).build()), tg -> Set.of())))
                .as("a redirect to itself").isEqualTo("InvalidLoadBalancerAction");
        assertThat(code(() -> Actions.normalise(state, "lb", "HTTP", List.of(Action.builder().type("fixed-response")
                .fixedResponseConfig(f -> f.statusCode("302")).build()), tg -> Set.of()))).isEqualTo("ValidationError");
        assertThat(code(() -> Actions.normalise(state, "lb", "HTTP", List.of(Action.builder().type("forward")
                .targetGroupArn("arn:none").build()), tg -> Set.of()))).isEqualTo("TargetGroupNotFound");
        assertThat(code(() -> Actions.normalise(state, "lb", "HTTP", List.of(Action.builder().type("authenticate-oidc")
                .order(1).build(), Action.builder().type("fixed-response").order(2)
                .fixedResponseConfig(f -> f.statusCode("200")).build()), tg -> Set.of())))
                .isEqualTo("InvalidLoadBalancerAction");
        assertThat(code(() -> Actions.normalise(state, "lb", "TCP", List.of(Action.builder().type("fixed-response")
                .fixedResponseConfig(f -> f.statusCode("200")).build()), tg -> Set.of())))
                .isEqualTo("InvalidLoadBalancerAction");
        assertThatThrownBy(() -> Actions.normalise(state, "lb", "HTTP", List.of(), tg -> Set.of()))
                .isInstanceOf(AwsServiceException.class);
    }
}

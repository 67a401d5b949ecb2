package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Harness.CONTEXT;
import static dev.haneul.elbv2.api.Elbv2Harness.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** Target groups and targets: required settings, health check rules, in-use refusal, registration. */
class TargetGroupServiceTest {

    @TempDir
    Path dir;
    Elbv2Harness elb;

    @BeforeEach
    void setUp() {
        elb = new Elbv2Harness(dir);
    }

    private String create(CreateTargetGroupRequest.Builder request) {
        return code(() -> elb.targetGroups.createTargetGroup(CONTEXT, request.build()));
    }

    private static CreateTargetGroupRequest.Builder http(String name) {
        return CreateTargetGroupRequest.builder().name(name).protocol("HTTP").port(80).vpcId("vpc-0a1b2c3d").targetType("ip");
    }

    @Test
    void defaultsFollowTheProtocol() {
        TargetGroup http = elb.ipGroup("web");
        assertThat(http.targetGroupArn()).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/[0-9a-f]{16}");
        assertThat(http.healthCheckProtocolAsString()).isEqualTo("HTTP");
        assertThat(http.healthCheckTimeoutSeconds()).isEqualTo(6);
        assertThat(http.matcher().httpCode()).isEqualTo("200");
        assertThat(http.protocolVersion()).isEqualTo("HTTP1");
        TargetGroup tcp = elb.tcpGroup("tcp");
        assertThat(tcp.healthCheckProtocolAsString()).isEqualTo("TCP");
        assertThat(tcp.healthCheckTimeoutSeconds()).isEqualTo(10);
        assertThat(tcp.matcher()).isNull();
    }

    @Test
    void requiredSettingsAndUnsupportedKinds() {
        assertThat(create(http("p").protocol((String) null))).isEqualTo("ValidationError");
        assertThat(create(http("p").port(null))).isEqualTo("ValidationError");
        assertThat(create(http("p").port(70000))).isEqualTo("ValidationError");
        assertThat(create(http("p").vpcId(null))).isEqualTo("ValidationError");
        assertThat(create(http("p").vpcId("vpc-nothex"))).isEqualTo("ValidationError");
        assertThat(create(http("p").protocolVersion("HTTP2"))).isEqualTo("ValidationError");
        assertThat(create(http("p").protocol("HTTPS"))).isEqualTo("NotImplemented");
        assertThat(create(http("p").targetType("alb"))).isEqualTo("NotImplemented");
        assertThat(create(CreateTargetGroupRequest.builder().name("fn").targetType("lambda").port(80)))
                .isEqualTo("ValidationError");
        assertThat(create(CreateTargetGroupRequest.builder().name("fn").targetType("lambda"))).isEqualTo("ok");
        assertThat(create(http("bad_name"))).isEqualTo("ValidationError");
    }

    @Test
    void healthCheckRules() {
        assertThat(create(http("h").healthCheckIntervalSeconds(10).healthCheckTimeoutSeconds(10)))
                .as("timeout below interval").isEqualTo("InvalidConfigurationRequest");
        assertThat(create(http("h").healthCheckIntervalSeconds(4))).isEqualTo("ValidationError");
        assertThat(create(http("h").healthyThresholdCount(11))).isEqualTo("ValidationError");
        assertThat(create(http("h").healthCheckPath("no-slash"))).isEqualTo("ValidationError");
        assertThat(create(http("h").healthCheckEnabled(false))).isEqualTo("InvalidConfigurationRequest");
        assertThat(create(http("h").healthCheckProtocol("TCP"))).isEqualTo("InvalidConfigurationRequest");
        assertThat(create(http("h").healthCheckPort("port"))).isEqualTo("ValidationError");
        TargetGroup tg = elb.ipGroup("web");
        TargetGroup modified = elb.targetGroups.modifyTargetGroup(CONTEXT, ModifyTargetGroupRequest.builder()
                .targetGroupArn(tg.targetGroupArn()).healthCheckPath("/health").matcher(m -> m.httpCode("200-299")).build())
                .targetGroups().get(0);
        assertThat(modified.healthCheckPath()).isEqualTo("/health");
        assertThat(modified.matcher().httpCode()).isEqualTo("200-299");
    }

    @Test
    void createIsIdempotentOnSameSettings() {
        TargetGroup first = elb.ipGroup("web");
        assertThat(elb.ipGroup("web").targetGroupArn()).isEqualTo(first.targetGroupArn());
        assertThat(create(http("web").port(81))).isEqualTo("DuplicateTargetGroupName");
    }

    @Test
    void aGroupInUseCannotBeDeletedAndShowsItsLoadBalancer() {
        TargetGroup tg = elb.ipGroup("web");
        LoadBalancer lb = elb.alb("front");
        elb.forward(lb, 80, tg);
        assertThat(elb.targetGroups.describeTargetGroups(CONTEXT, DescribeTargetGroupsRequest.builder()
                .targetGroupArns(tg.targetGroupArn()).build()).targetGroups().get(0).loadBalancerArns())
                .containsExactly(lb.loadBalancerArn());
        assertThat(elb.targetGroups.describeTargetGroups(CONTEXT, DescribeTargetGroupsRequest.builder()
                .loadBalancerArn(lb.loadBalancerArn()).build()).targetGroups()).hasSize(1);
        DeleteTargetGroupRequest delete = DeleteTargetGroupRequest.builder().targetGroupArn(tg.targetGroupArn()).build();
        assertThat(code(() -> elb.targetGroups.deleteTargetGroup(CONTEXT, delete))).isEqualTo("ResourceInUse");
        assertThat(code(() -> elb.targetGroups.describeTargetGroups(CONTEXT, DescribeTargetGroupsRequest.builder()
                .names("web").loadBalancerArn(lb.loadBalancerArn()).build()))).isEqualTo("ValidationError");
        assertThat(code(() -> elb.targetGroups.describeTargetGroups(CONTEXT, DescribeTargetGroupsRequest.builder()
                .names("nope").build()))).isEqualTo("TargetGroupNotFound");
    }

    @Test
    void attributesOfTheTargetGroup() {
        TargetGroup tg = elb.ipGroup("web");
        assertThat(code(() -> elb.targetGroups.modifyTargetGroupAttributes(CONTEXT, ModifyTargetGroupAttributesRequest
                .builder().targetGroupArn(tg.targetGroupArn()).attributes(a -> a.key("stickiness.type").value("source_ip"))
                .build()))).isEqualTo("ValidationError");
        assertThat(code(() -> elb.targetGroups.modifyTargetGroupAttributes(CONTEXT, ModifyTargetGroupAttributesRequest
                .builder().targetGroupArn(tg.targetGroupArn()).attributes(a -> a.key("deregistration_delay.timeout_seconds")
                        .value("5")).build()))).isEqualTo("ok");
    }

    @Test
    void targetsAreCheckedRegisteredAndReportedByTheDataPlane() {
        TargetGroup tg = elb.ipGroup("web");
        String arn = tg.targetGroupArn();
        assertThat(code(() -> elb.targets.registerTargets(CONTEXT, RegisterTargetsRequest.builder().targetGroupArn(arn)
                .targets(t -> t.id("not-an-ip")).build()))).isEqualTo("InvalidTarget");
        assertThat(code(() -> elb.targets.registerTargets(CONTEXT, RegisterTargetsRequest.builder().targetGroupArn(arn)
                .targets(t -> t.id("8.8.8.8")).build()))).as("public address").isEqualTo("InvalidTarget");
        elb.targets.registerTargets(CONTEXT, RegisterTargetsRequest.builder().targetGroupArn(arn)
                .targets(t -> t.id("127.0.0.1").port(9001), t -> t.id("10.0.0.5")).build());
        assertThat(elb.dataPlane.last.targetGroups().get(0).targets()).extracting(t -> t.key())
                .containsExactly("127.0.0.1:9001", "10.0.0.5:8080");
        var health = elb.targets.describeTargetHealth(CONTEXT, DescribeTargetHealthRequest.builder().targetGroupArn(arn)
                .build()).targetHealthDescriptions();
        assertThat(health).extracting(TargetHealthDescription::healthCheckPort).containsExactly("9001", "8080");
        var unknown = elb.targets.describeTargetHealth(CONTEXT, DescribeTargetHealthRequest.builder().targetGroupArn(arn)
                .targets(t -> t.id("127.0.0.2")).build()).targetHealthDescriptions().get(0);
        assertThat(unknown.targetHealth().reasonAsString()).isEqualTo("Target.NotRegistered");
        assertThat(code(() -> elb.targets.deregisterTargets(CONTEXT, DeregisterTargetsRequest.builder().targetGroupArn(arn)
                .targets(t -> t.id("127.0.0.9")).build()))).isEqualTo("InvalidTarget");
        elb.targets.deregisterTargets(CONTEXT, DeregisterTargetsRequest.builder().targetGroupArn(arn)
                .targets(t -> t.id("10.0.0.5")).build());
        assertThat(elb.dataPlane.last.targetGroups().get(0).targets()).hasSize(1);
    }

    @Test
    void instanceTargetsAreRefusedAsHaneulHasNoEc2() {
        TargetGroup tg = elb.targetGroups.createTargetGroup(CONTEXT, http("inst").targetType("instance").build())
                .targetGroups().get(0);
        assertThat(code(() -> elb.targets.registerTargets(CONTEXT, RegisterTargetsRequest.builder()
                .targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("i-0123456789abcdef0")).build())))
                .isEqualTo("InvalidTarget");
    }
}

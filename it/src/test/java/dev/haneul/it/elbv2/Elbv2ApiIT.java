package dev.haneul.it.elbv2;

import static dev.haneul.it.elbv2.Elbv2Fixture.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.haneul.core.testing.HttpBackend;
import dev.haneul.testing.HaneulExtension;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** The ELBv2 control plane through the AWS SDK for Java v2: lifecycle, rules, attributes, tags, paging, errors, restarts. */
class Elbv2ApiIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static ElasticLoadBalancingV2Client elbv2;
    private static Elbv2Fixture fx;
    private static HttpBackend a;
    private static HttpBackend b;

    @BeforeAll
    static void client() {
        elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder());
        fx = new Elbv2Fixture(elbv2);
        a = HttpBackend.start("a");
        b = HttpBackend.start("b");
    }

    @AfterAll
    static void close() {
        elbv2.close();
        a.close();
        b.close();
    }

    @Test
    void anApplicationLoadBalancerServesItsTargetsOnItsOwnAddressAndSurvivesARestart() throws Exception {
        LoadBalancer lb = fx.alb("web");
        assertThat(lb.state().codeAsString()).isEqualTo("provisioning");
        assertThat(lb.dnsName()).matches("127\\.\\d+\\.\\d+\\.\\d+");
        assertThat(lb.loadBalancerArn()).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/[0-9a-f]{16}");
        assertThat(lb.availabilityZones()).extracting(z -> z.zoneName()).containsExactly("us-east-1a", "us-east-1b");
        assertThat(lb.securityGroups()).singleElement().asString().startsWith("sg-");
        assertThat(elbv2.describeLoadBalancers(r -> r.names("web")).loadBalancers().get(0).state().codeAsString())
                .isEqualTo("active");

        TargetGroup tg = fx.ipGroup("web-targets");
        assertThat(tg.healthCheckTimeoutSeconds()).isEqualTo(2);
        assertThat(tg.matcher().httpCode()).isEqualTo("200");
        assertThat(tg.loadBalancerArns()).isEmpty();
        fx.register(tg.targetGroupArn(), a, b);
        assertThat(fx.states(tg.targetGroupArn())).containsOnly("unused");
        assertThat(fx.health(tg.targetGroupArn()).get(0).targetHealth().reasonAsString()).isEqualTo("Target.NotInUse");

        Listener listener = fx.httpListener(lb.loadBalancerArn(), 80, tg.targetGroupArn());
        assertThat(listener.port()).isIn(80, 8080);
        fx.awaitHealthy(tg.targetGroupArn(), 2);
        assertThat(elbv2.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn())).targetGroups())
                .singleElement().satisfies(g -> assertThat(g.loadBalancerArns()).containsExactly(lb.loadBalancerArn()));
        String url = Elbv2Fixture.url(lb, listener);
        assertThat(List.of(Elbv2Fixture.backendOf(fx.get(url)), Elbv2Fixture.backendOf(fx.get(url))))
                .containsExactlyInAnyOrder("a", "b");

        haneul.restart();
        Listener restored = elbv2.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners().get(0);
        assertThat(restored.port()).isEqualTo(listener.port());
        assertThat(elbv2.describeLoadBalancers(r -> r.names("web")).loadBalancers().get(0).dnsName()).isEqualTo(lb.dnsName());
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fx.get(url).statusCode()).isEqualTo(200));
    }

    @Test
    void rulesAreDescribedInPriorityOrderNormalisedAndReprioritisedAndAListenerMoves() throws Exception {
        LoadBalancer lb = fx.alb("rules");
        TargetGroup tg = fx.ipGroup("rules-targets");
        Listener listener = fx.httpListener(lb.loadBalancerArn(), 8081, tg.targetGroupArn());
        Rule img = elbv2.createRule(r -> r.listenerArn(listener.listenerArn()).priority(20)
                .conditions(c -> c.field("path-pattern").values("/img/*"))
                .actions(x -> x.type("forward").targetGroupArn(tg.targetGroupArn()))).rules().get(0);
        assertThat(img.conditions().get(0).pathPatternConfig().values()).containsExactly("/img/*");
        assertThat(img.actions().get(0).forwardConfig().targetGroups().get(0).weight()).isEqualTo(1);
        Rule fixed = elbv2.createRule(r -> r.listenerArn(listener.listenerArn()).priority(10)
                .conditions(c -> c.field("host-header").hostHeaderConfig(h -> h.values("*.example.com")))
                .actions(x -> x.type("fixed-response").fixedResponseConfig(f -> f.statusCode("404")
                        .contentType("text/plain").messageBody("nope")))).rules().get(0);
        assertThat(fixed.conditions().get(0).values()).containsExactly("*.example.com");

        List<Rule> rules = elbv2.describeRules(r -> r.listenerArn(listener.listenerArn())).rules();
        assertThat(rules).extracting(Rule::priority).containsExactly("10", "20", "default");
        assertThat(rules.get(2).isDefault()).isTrue();
        assertThat(rules.get(2).conditions()).isEmpty();

        assertThat(error(() -> elbv2.createRule(r -> r.listenerArn(listener.listenerArn()).priority(10)
                .conditions(c -> c.field("path-pattern").values("/x"))
                .actions(x -> x.type("forward").targetGroupArn(tg.targetGroupArn())))).awsErrorDetails().errorCode())
                .isEqualTo("PriorityInUse");
        List<Rule> swapped = elbv2.setRulePriorities(r -> r.rulePriorities(
                p -> p.ruleArn(img.ruleArn()).priority(5), p -> p.ruleArn(fixed.ruleArn()).priority(30))).rules();
        assertThat(swapped).extracting(Rule::priority).containsExactly("5", "30");
        assertThat(elbv2.modifyRule(r -> r.ruleArn(img.ruleArn()).conditions(c -> c.field("path-pattern").values("/images/*")))
                .rules().get(0).conditions().get(0).values()).containsExactly("/images/*");
        ElasticLoadBalancingV2Exception defaultRule = error(() -> elbv2.deleteRule(r -> r.ruleArn(rules.get(2).ruleArn())));
        assertThat(defaultRule.awsErrorDetails().errorCode()).isEqualTo("OperationNotPermitted");
        elbv2.deleteRule(r -> r.ruleArn(img.ruleArn()));
        assertThat(elbv2.describeRules(r -> r.listenerArn(listener.listenerArn())).rules()).hasSize(2);

        Listener moved = elbv2.modifyListener(r -> r.listenerArn(listener.listenerArn()).port(8086)).listeners().get(0);
        assertThat(moved.port()).isEqualTo(8086);
        HttpResponse<String> fixedResponse = fx.get(Elbv2Fixture.url(lb, moved) + "/", "X-Probe", "1");
        assertThat(fixedResponse.statusCode()).as("the default action forwards to an empty group").isEqualTo(503);
        assertThat(catchThrowable(() -> fx.get(Elbv2Fixture.url(lb, listener) + "/"))).as("the old port is closed")
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void attributesHaveAwsDefaultsAndAreChecked() {
        LoadBalancer lb = fx.alb("attrs");
        Map<String, String> lbAttributes = elbv2.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .attributes().stream().collect(Collectors.toMap(x -> x.key(), x -> x.value()));
        assertThat(lbAttributes).containsEntry("idle_timeout.timeout_seconds", "60")
                .containsEntry("routing.http.xff_header_processing.mode", "append")
                .containsEntry("deletion_protection.enabled", "false");
        elbv2.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(x -> x.key("idle_timeout.timeout_seconds").value("120"),
                        x -> x.key("deletion_protection.enabled").value("true")));
        assertThat(error(() -> elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn())))
                .awsErrorDetails().errorCode()).isEqualTo("OperationNotPermitted");
        assertThat(error(() -> elbv2.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(x -> x.key("idle_timeout.timeout_seconds").value("5000")))).awsErrorDetails().errorCode())
                .isEqualTo("ValidationError");

        TargetGroup tg = fx.ipGroup("attrs-targets");
        Map<String, String> tgAttributes = elbv2.describeTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()))
                .attributes().stream().collect(Collectors.toMap(x -> x.key(), x -> x.value()));
        assertThat(tgAttributes).containsEntry("stickiness.enabled", "false").containsEntry("stickiness.type", "lb_cookie")
                .containsEntry("stickiness.lb_cookie.duration_seconds", "86400")
                .containsEntry("load_balancing.algorithm.type", "round_robin")
                .containsEntry("deregistration_delay.timeout_seconds", "300");
        assertThat(error(() -> elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())
                .attributes(x -> x.key("stickiness.enabled").value("true"), x -> x.key("stickiness.type").value("app_cookie"))))
                .awsErrorDetails().errorCode()).isEqualTo("InvalidConfigurationRequest");
        assertThat(error(() -> elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())
                .attributes(x -> x.key("stickiness.lb_cookie.duration_seconds").value("0"))))
                .awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(error(() -> elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())
                .attributes(x -> x.key("no.such.attribute").value("1")))).awsErrorDetails().errorCode())
                .isEqualTo("ValidationError");
    }

    @Test
    void errorsAreElbv2s() {
        String missingLb = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/none/0123456789abcdef";
        String missingTg = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/none/0123456789abcdef";
        ElasticLoadBalancingV2Exception notFound = error(() -> elbv2.describeLoadBalancers(r -> r.loadBalancerArns(missingLb)));
        assertThat(notFound.awsErrorDetails().errorCode()).isEqualTo("LoadBalancerNotFound");
        assertThat(notFound.statusCode()).isEqualTo(400);
        assertThat(error(() -> elbv2.describeTargetHealth(r -> r.targetGroupArn(missingTg))).awsErrorDetails().errorCode())
                .isEqualTo("TargetGroupNotFound");
        assertThat(error(() -> elbv2.createLoadBalancer(r -> r.name("one-subnet").subnets("subnet-0a1b2c3d")))
                .awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(error(() -> elbv2.createLoadBalancer(r -> r.name("-bad-").subnets("subnet-0a1b2c3d", "subnet-4e5f6a7b")))
                .awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(error(() -> elbv2.createTargetGroup(r -> r.name("slow").protocol(ProtocolEnum.HTTP).port(80)
                .targetType(TargetTypeEnum.IP).vpcId("vpc-0a1b2c3d").healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(5))).awsErrorDetails().errorCode()).isEqualTo("InvalidConfigurationRequest");

        TargetGroup tg = fx.ipGroup("errors-targets");
        assertThat(fx.ipGroup("errors-targets").targetGroupArn()).as("same settings: idempotent").isEqualTo(tg.targetGroupArn());
        assertThat(error(() -> elbv2.createTargetGroup(r -> r.name("errors-targets").protocol(ProtocolEnum.HTTP).port(81)
                .targetType(TargetTypeEnum.IP).vpcId("vpc-0a1b2c3d"))).awsErrorDetails().errorCode())
                .isEqualTo("DuplicateTargetGroupName");
        TargetGroup instances = elbv2.createTargetGroup(r -> r.name("instances").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId("vpc-0a1b2c3d")).targetGroups().get(0);
        assertThat(instances.targetTypeAsString()).isEqualTo("instance");
        assertThat(error(() -> elbv2.registerTargets(r -> r.targetGroupArn(instances.targetGroupArn())
                .targets(t -> t.id("i-0123456789abcdef0")))).awsErrorDetails().errorCode()).isEqualTo("InvalidTarget");
        assertThat(error(() -> elbv2.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn())
                .targets(t -> t.id("8.8.8.8").port(80)))).awsErrorDetails().errorCode()).isEqualTo("InvalidTarget");
        assertThat(error(() -> elbv2.deregisterTargets(r -> r.targetGroupArn(tg.targetGroupArn())
                .targets(t -> t.id("127.0.0.1").port(1)))).awsErrorDetails().errorCode()).isEqualTo("InvalidTarget");

        LoadBalancer lb = fx.alb("errors");
        Listener listener = fx.httpListener(lb.loadBalancerArn(), 8082, tg.targetGroupArn());
        assertThat(fx.httpListener(lb.loadBalancerArn(), 8082, tg.targetGroupArn()).listenerArn())
                .as("same settings: idempotent").isEqualTo(listener.listenerArn());
        assertThat(error(() -> elbv2.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP)
                .port(8082).defaultActions(x -> x.type("fixed-response").fixedResponseConfig(f -> f.statusCode("200")))))
                .awsErrorDetails().errorCode()).isEqualTo("DuplicateListener");
        assertThat(error(() -> elbv2.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP)
                .port(9000).defaultActions(x -> x.type("forward").targetGroupArn(tg.targetGroupArn()))))
                .awsErrorDetails().errorCode()).isEqualTo("UnsupportedProtocol");
        assertThat(error(() -> elbv2.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn())))
                .awsErrorDetails().errorCode()).isEqualTo("ResourceInUse");
        LoadBalancer other = fx.alb("errors-other");
        assertThat(error(() -> fx.httpListener(other.loadBalancerArn(), 8083, tg.targetGroupArn()))
                .awsErrorDetails().errorCode()).isEqualTo("TargetGroupAssociationLimit");
        assertThat(error(() -> elbv2.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP)
                .port(8084).defaultActions(x -> x.type("redirect").redirectConfig(c -> c.statusCode("HTTP_301")))))
                .awsErrorDetails().errorCode()).isEqualTo("InvalidLoadBalancerAction");
        assertThat(error(() -> elbv2.describeListeners(r -> r.listenerArns(listener.listenerArn() + "0")))
                .awsErrorDetails().errorCode()).isEqualTo("ListenerNotFound");
        ElasticLoadBalancingV2Exception missing = error(() -> elbv2.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn())
                .protocol(ProtocolEnum.HTTP).port(8085)));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(missing.awsErrorDetails().errorMessage()).contains("defaultActions");
        elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(missingLb));
    }

    @Test
    void tagsAndPaging() {
        LoadBalancer lb = fx.alb("tagged");
        TargetGroup tg = fx.ipGroup("tagged-targets");
        elbv2.addTags(r -> r.resourceArns(lb.loadBalancerArn(), tg.targetGroupArn())
                .tags(t -> t.key("project").value("lima"), t -> t.key("team").value("web")));
        elbv2.removeTags(r -> r.resourceArns(lb.loadBalancerArn()).tagKeys("team"));
        var described = elbv2.describeTags(r -> r.resourceArns(lb.loadBalancerArn(), tg.targetGroupArn())).tagDescriptions();
        assertThat(described.get(0).tags()).extracting(t -> t.key()).containsExactly("project");
        assertThat(described.get(1).tags()).extracting(t -> t.key()).containsExactly("project", "team");
        assertThat(error(() -> elbv2.addTags(r -> r.resourceArns(lb.loadBalancerArn())
                .tags(t -> t.key("k").value("1"), t -> t.key("k").value("2")))).awsErrorDetails().errorCode())
                .isEqualTo("DuplicateTagKeys");

        var first = elbv2.describeLoadBalancers(r -> r.pageSize(1));
        assertThat(first.loadBalancers()).hasSize(1);
        assertThat(first.nextMarker()).isNotNull();
        var all = elbv2.describeLoadBalancersPaginator(r -> r.pageSize(1)).loadBalancers().stream().toList();
        assertThat(all.size()).isGreaterThan(1);
        assertThat(all).extracting(LoadBalancer::loadBalancerName).doesNotHaveDuplicates().contains("tagged");
    }

    @Test
    void aNetworkLoadBalancerWithSourceIpStickinessKeepsAClientAddressOnOneTarget() throws Exception {
        LoadBalancer nlb = elbv2.createLoadBalancer(r -> r.name("tcp").type("network")
                .subnetMappings(m -> m.subnetId("subnet-0a1b2c3d"))).loadBalancers().get(0);
        assertThat(nlb.typeAsString()).isEqualTo("network");
        assertThat(nlb.loadBalancerArn()).contains(":loadbalancer/net/tcp/");
        TargetGroup tg = elbv2.createTargetGroup(r -> r.name("tcp-targets").protocol(ProtocolEnum.TCP).port(80)
                .targetType(TargetTypeEnum.IP).vpcId("vpc-0a1b2c3d")).targetGroups().get(0);
        assertThat(tg.healthCheckProtocolAsString()).isEqualTo("TCP");
        assertThat(tg.healthCheckTimeoutSeconds()).isEqualTo(10);
        elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())
                .attributes(x -> x.key("stickiness.enabled").value("true"), x -> x.key("stickiness.type").value("source_ip")));
        fx.register(tg.targetGroupArn(), a, b);
        Listener listener = elbv2.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TCP)
                .port(9443).defaultActions(x -> x.type("forward").targetGroupArn(tg.targetGroupArn()))).listeners().get(0);
        fx.awaitHealthy(tg.targetGroupArn(), 2);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            try (Socket socket = new Socket(nlb.dnsName(), listener.port())) {
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                seen.add(response.lines().filter(l -> l.toLowerCase().startsWith("x-backend:")).findFirst().orElse("-"));
            }
        }
        assertThat(seen).hasSize(1);
        assertThat(error(() -> elbv2.createRule(r -> r.listenerArn(listener.listenerArn()).priority(1)
                .conditions(c -> c.field("path-pattern").values("/x"))
                .actions(x -> x.type("forward").targetGroupArn(tg.targetGroupArn())))).awsErrorDetails().errorCode())
                .isEqualTo("UnsupportedProtocol");
    }
}

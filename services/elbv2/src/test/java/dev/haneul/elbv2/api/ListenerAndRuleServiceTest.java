package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Harness.CONTEXT;
import static dev.haneul.elbv2.api.Elbv2Harness.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** Listeners and rules: protocols per load balancer type, ports, priorities, the default rule. */
class ListenerAndRuleServiceTest {

    @TempDir
    Path dir;
    Elbv2Harness elb;
    LoadBalancer alb;

    @BeforeEach
    void setUp() {
        elb = new Elbv2Harness(dir);
        alb = elb.alb("web");
    }

    private String listener(CreateListenerRequest.Builder request) {
        return code(() -> elb.listeners.createListener(CONTEXT, request.build()));
    }

    private CreateListenerRequest.Builder http(int port) {
        return CreateListenerRequest.builder().loadBalancerArn(alb.loadBalancerArn()).protocol("HTTP").port(port)
                .defaultActions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("200")));
    }

    private Rule rule(Listener listener, int priority, String path) {
        return elb.rules.createRule(CONTEXT, CreateRuleRequest.builder().listenerArn(listener.listenerArn())
                .priority(priority).conditions(c -> c.field("path-pattern").values(path))
                .actions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("404"))).build()).rules().get(0);
    }

    @Test
    void listenerProtocolsPerLoadBalancerType() {
        assertThat(listener(http(80).protocol("HTTPS"))).isEqualTo("NotImplemented");
        assertThat(listener(http(80).protocol("TCP"))).isEqualTo("UnsupportedProtocol");
        assertThat(listener(http(80).protocol((String) null))).isEqualTo("ValidationError");
        assertThat(listener(http(80).certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/x"))))
                .isEqualTo("ValidationError");
        assertThat(listener(http(0))).isEqualTo("ValidationError");
        LoadBalancer nlb = elb.nlb("tcp");
        TargetGroup tcp = elb.tcpGroup("tcp-targets");
        assertThat(code(() -> elb.listeners.createListener(CONTEXT, CreateListenerRequest.builder()
                .loadBalancerArn(nlb.loadBalancerArn()).protocol("UDP").port(53)
                .defaultActions(a -> a.type("forward").targetGroupArn(tcp.targetGroupArn())).build())))
                .isEqualTo("NotImplemented");
        assertThat(code(() -> elb.listeners.createListener(CONTEXT, CreateListenerRequest.builder()
                .loadBalancerArn(nlb.loadBalancerArn()).protocol("HTTP").port(80)
                .defaultActions(a -> a.type("forward").targetGroupArn(tcp.targetGroupArn())).build())))
                .isEqualTo("UnsupportedProtocol");
        assertThat(code(() -> elb.forward(nlb, 7000, tcp))).isEqualTo("ok");
    }

    @Test
    void onePortOneListenerButTheSameRequestIsIdempotent() {
        Listener first = elb.fixed(alb, 80);
        assertThat(first.listenerArn()).matches(
                "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/web/[0-9a-f]{16}/[0-9a-f]{16}");
        assertThat(elb.fixed(alb, 80).listenerArn()).isEqualTo(first.listenerArn());
        TargetGroup tg = elb.ipGroup("targets");
        assertThat(code(() -> elb.forward(alb, 80, tg))).isEqualTo("DuplicateListener");
        Listener other = elb.fixed(alb, 81);
        assertThat(code(() -> elb.listeners.modifyListener(CONTEXT, ModifyListenerRequest.builder()
                .listenerArn(other.listenerArn()).port(80).build()))).isEqualTo("DuplicateListener");
        assertThat(code(() -> elb.listeners.createListener(CONTEXT, http(82).loadBalancerArn(alb.loadBalancerArn() + "0")
                .build()))).isEqualTo("LoadBalancerNotFound");
    }

    @Test
    void describeListenersNeedsListenersOrALoadBalancer() {
        elb.fixed(alb, 80);
        assertThat(code(() -> elb.listeners.describeListeners(CONTEXT, DescribeListenersRequest.builder().build())))
                .isEqualTo("ValidationError");
        assertThat(elb.listeners.describeListeners(CONTEXT, DescribeListenersRequest.builder()
                .loadBalancerArn(alb.loadBalancerArn()).build()).listeners()).hasSize(1);
        assertThat(code(() -> elb.listeners.describeListeners(CONTEXT, DescribeListenersRequest.builder()
                .listenerArns(alb.loadBalancerArn().replace(":loadbalancer/", ":listener/") + "/0").build())))
                .isEqualTo("ListenerNotFound");
    }

    @Test
    void rulePrioritiesAreUniquePerListenerAndInRange() {
        Listener listener = elb.fixed(alb, 80);
        Rule first = rule(listener, 10, "/a");
        assertThat(first.ruleArn()).contains(":listener-rule/app/web/");
        assertThat(code(() -> rule(listener, 10, "/b"))).isEqualTo("PriorityInUse");
        assertThat(code(() -> rule(listener, 0, "/b"))).isEqualTo("ValidationError");
        assertThat(code(() -> rule(listener, 50001, "/b"))).isEqualTo("ValidationError");
        assertThat(code(() -> elb.rules.createRule(CONTEXT, CreateRuleRequest.builder().listenerArn(listener.listenerArn())
                .priority(5).actions(a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("200")))
                .build()))).as("no conditions").isEqualTo("ValidationError");
        Listener second = elb.fixed(alb, 81);
        assertThat(code(() -> rule(second, 10, "/a"))).as("another listener").isEqualTo("ok");
    }

    @Test
    void rulesAreDescribedInOrderWithTheDefaultLast() {
        Listener listener = elb.fixed(alb, 80);
        rule(listener, 20, "/b");
        rule(listener, 10, "/a");
        assertThat(elb.rules.describeRules(CONTEXT, DescribeRulesRequest.builder().listenerArn(listener.listenerArn())
                .build()).rules()).extracting(Rule::priority).containsExactly("10", "20", "default");
        assertThat(elb.dataPlane.listeners().get(listener.listenerArn()).rules()).hasSize(3);
    }

    @Test
    void theDefaultRuleIsFixed() {
        Listener listener = elb.fixed(alb, 80);
        Rule defaultRule = elb.rules.describeRules(CONTEXT, DescribeRulesRequest.builder()
                .listenerArn(listener.listenerArn()).build()).rules().get(0);
        assertThat(defaultRule.isDefault()).isTrue();
        assertThat(code(() -> elb.rules.deleteRule(CONTEXT, DeleteRuleRequest.builder().ruleArn(defaultRule.ruleArn())
                .build()))).isEqualTo("OperationNotPermitted");
        assertThat(code(() -> elb.rules.setRulePriorities(CONTEXT, SetRulePrioritiesRequest.builder()
                .rulePriorities(p -> p.ruleArn(defaultRule.ruleArn()).priority(5)).build()))).isEqualTo("OperationNotPermitted");
        assertThat(code(() -> elb.rules.modifyRule(CONTEXT, ModifyRuleRequest.builder().ruleArn(defaultRule.ruleArn())
                .conditions(c -> c.field("path-pattern").values("/x")).build()))).isEqualTo("OperationNotPermitted");
    }

    @Test
    void prioritiesCanBeSwappedButNotCollide() {
        Listener listener = elb.fixed(alb, 80);
        Rule a = rule(listener, 1, "/a");
        Rule b = rule(listener, 2, "/b");
        Rule c = rule(listener, 3, "/c");
        assertThat(elb.rules.setRulePriorities(CONTEXT, SetRulePrioritiesRequest.builder().rulePriorities(
                p -> p.ruleArn(a.ruleArn()).priority(2), p -> p.ruleArn(b.ruleArn()).priority(1)).build()).rules())
                .extracting(Rule::priority).containsExactly("2", "1");
        assertThat(code(() -> elb.rules.setRulePriorities(CONTEXT, SetRulePrioritiesRequest.builder().rulePriorities(
                p -> p.ruleArn(c.ruleArn()).priority(1)).build()))).isEqualTo("PriorityInUse");
    }

    @Test
    void networkListenersHaveNoRulesAndOneTargetGroup() {
        LoadBalancer nlb = elb.nlb("tcp");
        TargetGroup tcp = elb.tcpGroup("tcp-targets");
        Listener listener = elb.forward(nlb, 7000, tcp);
        assertThat(code(() -> rule(listener, 1, "/a"))).isEqualTo("UnsupportedProtocol");
    }

    @Test
    void anApplicationListenerCannotTurnTcp() {
        Listener listener = elb.fixed(alb, 80);
        rule(listener, 1, "/a");
        assertThat(code(() -> elb.listeners.modifyListener(CONTEXT, ModifyListenerRequest.builder()
                .listenerArn(listener.listenerArn()).protocol("TCP").build()))).isEqualTo("UnsupportedProtocol");
    }

    @Test
    void deletingAListenerDeletesItsRules() {
        Listener listener = elb.fixed(alb, 80);
        Rule rule = rule(listener, 1, "/a");
        elb.listeners.deleteListener(CONTEXT, DeleteListenerRequest.builder().listenerArn(listener.listenerArn()).build());
        assertThat(code(() -> elb.rules.describeRules(CONTEXT, DescribeRulesRequest.builder().ruleArns(rule.ruleArn())
                .build()))).isEqualTo("RuleNotFound");
        assertThat(elb.dataPlane.listeners()).isEmpty();
        assertThat(code(() -> elb.listeners.deleteListener(CONTEXT, DeleteListenerRequest.builder()
                .listenerArn(listener.listenerArn()).build()))).isEqualTo("ListenerNotFound");
    }
}

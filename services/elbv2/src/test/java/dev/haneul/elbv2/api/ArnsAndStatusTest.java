package dev.haneul.elbv2.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.state.Scope;
import org.junit.jupiter.api.Test;

/** ELBv2's ARN shapes on the kit's {@code Arn}, and the load balancer lifecycle on its {@code StatusMachine}. */
class ArnsAndStatusTest {

    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    @Test
    void childArnsExtendTheirParents() {
        String lb = Arns.loadBalancer(SCOPE, false, "tcp");
        assertThat(lb).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/tcp/[0-9a-f]{16}");
        String listener = Arns.listener(lb);
        assertThat(listener).startsWith(lb.replace(":loadbalancer/", ":listener/") + "/");
        String rule = Arns.rule(listener);
        assertThat(rule).startsWith(listener.replace(":listener/", ":listener-rule/") + "/");
        assertThat(Arns.type(lb)).isEqualTo(Arns.LOAD_BALANCER);
        assertThat(Arns.type(listener)).isEqualTo(Arns.LISTENER);
        assertThat(Arns.type(rule)).isEqualTo(Arns.RULE);
        assertThat(Arns.type(Arns.targetGroup(SCOPE, "web"))).isEqualTo(Arns.TARGET_GROUP);
        assertThat(Arns.region(lb)).isEqualTo("us-east-1");
    }

    @Test
    void foreignOrMalformedArnsHaveNoType() {
        assertThat(Arns.type("arn:aws:rds:us-east-1:000000000000:cluster:db")).isEmpty();
        assertThat(Arns.type("not-an-arn")).isEmpty();
        assertThat(Arns.type("arn:aws:elasticloadbalancing:us-east-1")).isEmpty();
        assertThatThrownBy(() -> Arns.listener("not-an-arn")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLoadBalancerLifecycle() {
        var lifecycle = LoadBalancerStatus.LIFECYCLE;
        assertThat(lifecycle.canMove(LoadBalancerStatus.PROVISIONING, LoadBalancerStatus.ACTIVE)).isTrue();
        assertThat(lifecycle.canMove(LoadBalancerStatus.ACTIVE, LoadBalancerStatus.PROVISIONING)).isFalse();
        assertThat(lifecycle.parse("active_impaired")).contains(LoadBalancerStatus.ACTIVE_IMPAIRED);
        assertThat(lifecycle.wire(LoadBalancerStatus.FAILED)).isEqualTo("failed");
    }
}

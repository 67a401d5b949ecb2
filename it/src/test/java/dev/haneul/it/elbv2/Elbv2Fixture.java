package dev.haneul.it.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.testing.HttpBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** What the ELBv2 integration tests build again and again, through the AWS SDK. */
final class Elbv2Fixture {

    final ElasticLoadBalancingV2Client elbv2;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Elbv2Fixture(ElasticLoadBalancingV2Client elbv2) {
        this.elbv2 = elbv2;
    }

    LoadBalancer alb(String name) {
        return elbv2.createLoadBalancer(r -> r.name(name).subnets("subnet-0a1b2c3d", "subnet-4e5f6a7b"))
                .loadBalancers().get(0);
    }

    TargetGroup ipGroup(String name) {
        return elbv2.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(80)
                .targetType(TargetTypeEnum.IP).vpcId("vpc-0a1b2c3d").healthCheckPath("/health")
                .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)).targetGroups().get(0);
    }

    void register(String targetGroupArn, HttpBackend... backends) {
        elbv2.registerTargets(r -> r.targetGroupArn(targetGroupArn).targets(
                Arrays.stream(backends).map(b -> TargetDescription.builder().id("127.0.0.1").port(b.port())
                        .build()).toList()));
    }

    Listener httpListener(String loadBalancerArn, int port, String targetGroupArn) {
        return elbv2.createListener(r -> r.loadBalancerArn(loadBalancerArn).protocol(ProtocolEnum.HTTP).port(port)
                .defaultActions(a -> a.type("forward").targetGroupArn(targetGroupArn))).listeners().get(0);
    }

    List<TargetHealthDescription> health(String targetGroupArn) {
        return elbv2.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions();
    }

    List<String> states(String targetGroupArn) {
        return health(targetGroupArn).stream().map(d -> d.targetHealth().stateAsString()).toList();
    }

    void awaitHealthy(String targetGroupArn, int count) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(states(targetGroupArn)).hasSize(count).containsOnly("healthy"));
    }

    /** The base URL of a listener: its load balancer's DNS name and the port it really listens on. */
    static String url(LoadBalancer lb, Listener listener) {
        return "http://" + lb.dnsName() + ":" + listener.port();
    }

    HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String backendOf(HttpResponse<?> response) {
        return response.headers().firstValue("X-Backend").orElse("-");
    }

    /** The AWS error a call fails with: its code, HTTP status and message. */
    static ElasticLoadBalancingV2Exception error(ThrowableAssert.ThrowingCallable call) {
        ElasticLoadBalancingV2Exception e = catchThrowableOfType(ElasticLoadBalancingV2Exception.class, call);
        assertThat(e).as("the call fails with an ELBv2 error").isNotNull();
        return e;
    }
}

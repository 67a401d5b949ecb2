package dev.haneul.it.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.config.AuthMode;
import dev.haneul.testing.HaneulExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The dashboard in a real browser when the server verifies signatures: the login form, a wrong
 * secret, the right one, then the live page acting with its token (the request guard lets the
 * page's own requests through, whatever Chromium adds to them).
 */
class DashboardLoginIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().auth(AuthMode.SIGV4)
            .with("HANEUL_CREDENTIALS", "AKIDALICE:alice-secret");

    @Test
    void aBrowserLogsInWithTheApiCredentialsAndActs() throws Exception {
        Assumptions.assumeTrue(DashboardBrowser.available(), "needs Debian's chromium and chromium-driver");
        try (ElasticLoadBalancingV2Client elbv2 = ElasticLoadBalancingV2Client.builder().endpointOverride(haneul.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDALICE", "alice-secret")))
                .build()) {
            String arn = elbv2.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80).targetType("ip")
                    .vpcId("vpc-0c000003")).targetGroups().get(0).targetGroupArn();
            try (DashboardBrowser browser = new DashboardBrowser(haneul.endpoint().resolve("/_haneul/"))) {
                browser.awaitElement("[data-testid='login']", Duration.ofSeconds(30));
                browser.fill("accessKeyId", "AKIDALICE");
                browser.fill("secretAccessKey", "not-the-secret");
                browser.submit("login");
                browser.awaitElement("#failed:not([hidden])", Duration.ofSeconds(30));

                browser.fill("accessKeyId", "AKIDALICE");
                browser.fill("secretAccessKey", "alice-secret");
                browser.submit("login");
                browser.awaitElement("[data-testid='diagram'][data-updated]", Duration.ofSeconds(60));
                browser.awaitBoxes(List.of("stickiness-web"), Duration.ofSeconds(60));
                browser.click("stickiness-web");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(elbv2.describeTargetGroupAttributes(
                        r -> r.targetGroupArn(arn)).attributes()).anySatisfy(a ->
                        assertThat(a.key() + "=" + a.value()).isEqualTo("stickiness.enabled=true")));
            }
        }
    }
}

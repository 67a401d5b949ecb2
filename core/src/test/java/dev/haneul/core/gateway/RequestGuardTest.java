package dev.haneul.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.api.AwsServiceException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the request guard lets through: local Host names, same-origin browser requests and programs. */
class RequestGuardTest {

    private final RequestGuard guard = new RequestGuard(List.of("dev.example", "*.lab.example"));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:4566", "127.10.3.4:80", "127.255.255.255", "localhost",
        "LOCALHOST:4566", "localhost.", "board.localhost", "bucket.s3.localhost:4566", "[::1]", "[::1]:4566",
        "dev.example", "Dev.Example:8080", "a.lab.example", "b.a.lab.example:1"})
    void localAndConfiguredHostsPass(String host) {
        assertThat(guard.check(request(HttpMethod.POST, "/", host))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:4566", "127.0.0.1.evil.example", "localhost.evil.example",
        "evil-localhost", "evillocalhost", "128.0.0.1", "10.0.0.1", "0.0.0.0", "127.0.0.256", "127.0.0", "127.1",
        "0x7f.0.0.1", "127.0.0.01x", "[::ffff:127.0.0.1]", "[::2]", "[::1", "127.0.0.1:", "127.0.0.1:65536",
        "127.0.0.1:80x", "localhost:-1", "lab.example", "dev.example.evil", ""})
    void otherHostsAreRefused(String host) {
        Optional<AwsServiceException> refusal = guard.check(request(HttpMethod.POST, "/", host));
        assertThat(refusal).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("AccessDenied");
        });
    }

    @Test
    void aRequestWithoutHostIsRefused() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        assertThat(guard.check(request)).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("no Host"));
    }

    @Test
    void aDnsRebindingPageIsRefusedWhateverElseItSends() {
        HttpRequest request = request(HttpMethod.POST, "/", "evil.example:4566");
        request.headers().set("Origin", "http://evil.example:4566").set("Sec-Fetch-Site", "same-origin");
        assertThat(guard.check(request)).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("'evil.example:4566'"));
    }

    @Test
    void corsPreflightIsRefused() {
        HttpRequest preflight = request(HttpMethod.OPTIONS, "/", "127.0.0.1:4566");
        preflight.headers().set("Origin", "http://evil.example").set("Access-Control-Request-Method", "POST")
                .set("Access-Control-Request-Headers", "authorization,x-haneul-token");
        assertThat(guard.check(preflight)).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("preflight"));
        assertThat(guard.check(request(HttpMethod.OPTIONS, "/_haneul/api/apps", "localhost"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross-site", "same-site", "something-new"})
    void whatABrowserMarksAsFromAnotherSiteIsRefused(String site) {
        HttpRequest request = request(HttpMethod.GET, "/?Action=DeleteTargetGroup", "127.0.0.1:4566");
        request.headers().set("Sec-Fetch-Site", site).set("Sec-Fetch-Mode", "no-cors").set("Sec-Fetch-Dest", "image");
        assertThat(guard.check(request)).hasValueSatisfying(e -> assertThat(e.getMessage()).contains(site));
    }

    @ParameterizedTest
    @ValueSource(strings = {"same-origin", "none"})
    void sameOriginAndUserTypedRequestsPass(String site) {
        HttpRequest request = request(HttpMethod.POST, "/_haneul/api/actions/failover-db-cluster", "127.0.0.1:4566");
        request.headers().set("Sec-Fetch-Site", site).set("Origin", "http://127.0.0.1:4566");
        assertThat(guard.check(request)).isEmpty();
    }

    @Test
    void aLinkFromAnotherSiteMayOpenTheDashboardPageOnly() {
        assertThat(guard.check(navigation("/_haneul/", "cross-site", "document"))).isEmpty();
        assertThat(guard.check(navigation("/_haneul", "same-site", "document"))).isEmpty();
        assertThat(guard.check(navigation("/_haneul/", "cross-site", "iframe"))).as("framed").isPresent();
        assertThat(guard.check(navigation("/?Action=DeleteTargetGroup&X-Amz-Algorithm=AWS4-HMAC-SHA256", "cross-site",
                "document"))).as("an API call dressed as a link").isPresent();
        assertThat(guard.check(navigation("/_haneul/api/apps", "cross-site", "document"))).isPresent();
        HttpRequest post = navigation("/_haneul/", "cross-site", "document");
        post.setMethod(HttpMethod.POST);
        assertThat(guard.check(post)).as("a form posted to the page").isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "null", "http://127.0.0.1:8080", "https://127.0.0.1:4566",
        "http://localhost:4566"})
    void anOriginOtherThanHaneulsOwnIsRefused(String origin) {
        HttpRequest request = request(HttpMethod.POST, "/", "127.0.0.1:4566");
        request.headers().set("Origin", origin).set("Content-Type", "text/plain");
        assertThat(guard.check(request)).hasValueSatisfying(e -> assertThat(e.getMessage()).contains(origin));
    }

    @Test
    void programsSendNeitherOriginNorFetchMetadataAndPass() {
        HttpRequest cli = request(HttpMethod.POST, "/", "127.0.0.1:4566");
        cli.headers().set("User-Agent", "aws-cli/2.27.0").set("Content-Type", "application/x-www-form-urlencoded");
        assertThat(guard.check(cli)).isEmpty();
    }

    @Test
    void jsonCallersGetTheJsonCode() {
        HttpRequest request = request(HttpMethod.POST, "/", "evil.example");
        request.headers().set("X-Amz-Target", "AmazonSSM.GetParameter");
        assertThat(guard.check(request)).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("AccessDeniedException"));
    }

    private static HttpRequest request(HttpMethod method, String uri, String host) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        request.headers().set("Host", host);
        return request;
    }

    private static HttpRequest navigation(String uri, String site, String dest) {
        HttpRequest request = request(HttpMethod.GET, uri, "127.0.0.1:4566");
        request.headers().set("Sec-Fetch-Site", site).set("Sec-Fetch-Mode", "navigate").set("Sec-Fetch-Dest", dest);
        return request;
    }
}

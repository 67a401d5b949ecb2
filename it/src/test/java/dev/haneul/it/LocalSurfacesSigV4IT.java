package dev.haneul.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.config.AuthMode;
import dev.haneul.core.gateway.RawHttpClient;
import dev.haneul.core.gateway.RawHttpClient.Answer;
import dev.haneul.testing.HaneulExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code HANEUL_AUTH=sigv4} the dashboard and the apps API want the API's credentials too:
 * without them a browser (or another local user) sees the login form and nothing else, and reads
 * nothing; a login with a configured access key and its secret gives an HttpOnly, strictly
 * same-site session cookie, and only then the page with the token.
 */
class LocalSurfacesSigV4IT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().auth(AuthMode.SIGV4)
            .with("HANEUL_CREDENTIALS", "AKIDALICE:alice-secret");

    static RawHttpClient http;

    @BeforeAll
    static void client() {
        http = new RawHttpClient(haneul.endpoint().getPort());
    }

    @Test
    void withoutCredentialsTheDashboardIsALoginFormAndReadsNothing() throws Exception {
        Answer page = get("/_haneul/", List.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"login\"").doesNotContain("haneul-token")
                .doesNotContain(haneul.controlToken());
        for (String path : List.of("/_haneul/api/architecture", "/_haneul/api/events", "/_haneul/api/apps")) {
            Answer answer = get(path, List.of());
            assertThat(answer.status()).as(path).isEqualTo(401);
        }
        Answer unsigned = http.send("POST", "/", List.of(Map.entry("Host", host()),
                Map.entry("Content-Type", "application/x-www-form-urlencoded")),
                "Action=GetCallerIdentity&Version=2011-06-15".getBytes(UTF_8));
        assertThat(unsigned.body()).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void aWrongSecretIsNoLogin() throws Exception {
        Answer login = postLogin("accessKeyId=AKIDALICE&secretAccessKey=guess");
        assertThat(login.status()).isEqualTo(303);
        assertThat(login.header("Location")).isEqualTo("/_haneul/?login=failed");
        assertThat(login.header("Set-Cookie")).isNull();
    }

    @Test
    void theApiCredentialsGiveASessionThatReadsAndThePageWithTheToken() throws Exception {
        Answer login = postLogin("accessKeyId=AKIDALICE&secretAccessKey=alice-secret");
        assertThat(login.status()).isEqualTo(303);
        assertThat(login.header("Location")).isEqualTo("/_haneul/");
        String cookie = login.header("Set-Cookie");
        assertThat(cookie).startsWith("haneul-session=").contains("HttpOnly").contains("SameSite=Strict");
        List<Map.Entry<String, String>> session = List.of(Map.entry("Cookie", cookie.substring(0, cookie.indexOf(';'))));

        assertThat(get("/_haneul/", session).body()).contains("<meta name=\"haneul-token\" content=\""
                + haneul.controlToken() + "\">");
        assertThat(get("/_haneul/api/architecture", session).status()).isEqualTo(200);
        assertThat(http.send("POST", "/_haneul/api/actions/set-stickiness", List.of(Map.entry("Host", host()),
                session.get(0)), "{}".getBytes(UTF_8)).status()).as("changes still want the token").isEqualTo(401);
    }

    @Test
    void aLoginFormPostedFromAnotherSiteIsRefused() throws Exception {
        Answer answer = http.send("POST", "/_haneul/login", LocalSurfacesIT.browser(host(), "http://evil.example",
                "cross-site", "application/x-www-form-urlencoded"),
                "accessKeyId=AKIDALICE&secretAccessKey=alice-secret".getBytes(UTF_8));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Set-Cookie")).isNull();
    }

    @Test
    void theTokenFromTheDataDirStillServesTheCliAndTheDemo() throws Exception {
        assertThat(get("/_haneul/api/apps", List.of(Map.entry("X-Haneul-Token", haneul.controlToken()))).body())
                .isEqualTo("[]");
    }

    private static Answer postLogin(String form) throws Exception {
        return http.send("POST", "/_haneul/login", LocalSurfacesIT.browser(host(), "http://" + host(), "same-origin",
                "application/x-www-form-urlencoded"), form.getBytes(UTF_8));
    }

    private static Answer get(String path, List<Map.Entry<String, String>> headers) throws Exception {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        all.add(0, Map.entry("Host", host()));
        return http.send("GET", path, all, new byte[0]);
    }

    private static String host() {
        return "127.0.0.1:" + haneul.endpoint().getPort();
    }
}

package dev.haneul.examples.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user's browser: one cookie jar, whatever server it talks to (cookies do not depend on the
 * port, so two app instances on 127.0.0.1 share them as instances behind one load balancer do).
 * Redirects are returned, not followed, so tests can see them; {@link #follow} follows one.
 */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** What browsers send for a page. */
    private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A response: status, body and headers. */
    record Page(URI uri, int status, String body, HttpResponse<String> response) {

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String location() {
            return header("Location").orElseThrow(() -> new AssertionError("no Location in " + status + " from " + uri));
        }

        /** The {@code _csrf} token of the page's forms. */
        String csrf() {
            Matcher matcher = CSRF.matcher(body);
            assertThat(matcher.find()).as("a _csrf field on %s", uri).isTrue();
            return matcher.group(1);
        }
    }

    Page get(URI base, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Page post(URI base, String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows {@code page}'s redirect on {@code base} (as a load balancer in front would receive it). */
    Page follow(URI base, Page page) {
        assertThat(page.status()).as("redirect from %s: %s", page.uri(), page.body()).isBetween(300, 399);
        URI target = page.uri().resolve(page.location());
        return get(base, target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    }

    /** Logs in as {@code user} (whose password is the user name) through {@code base}; returns the page after login. */
    Page login(URI base, String user) {
        Page form = get(base, "/login");
        assertThat(form.status()).isEqualTo(200);
        Page done = post(base, "/login", Map.of("username", user, "password", user, "_csrf", form.csrf()));
        assertThat(done.status()).as("login as %s", user).isEqualTo(302);
        assertThat(done.location()).doesNotContain("error");
        return follow(base, done);
    }

    /** The names of the cookies in the jar. */
    List<String> cookieNames() {
        return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
    }

    /** Whether this browser's session is logged in on {@code base}: {@code /api/me} answers 200, not 401. */
    boolean loggedIn(URI base) {
        int status = get(base, "/api/me").status();
        assertThat(status).as("/api/me on %s", base).isIn(200, 401);
        return status == 200;
    }

    private Page send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(TIMEOUT).header("Accept", ACCEPT).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Page(built.uri(), response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

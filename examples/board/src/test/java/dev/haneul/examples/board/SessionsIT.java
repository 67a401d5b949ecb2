package dev.haneul.examples.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * One browser (one cookie jar) against two app instances, as behind a load balancer without
 * stickiness: with sessions in Redis either instance knows the user; with sessions in memory only
 * the instance that logged them in does.
 */
@ExtendWith(Backends.Extension.class)
class SessionsIT {

    @Test
    void withRedisSessionsALoginOnOneInstanceIsALoginOnBoth(Backends backends) {
        URI one = backends.app("board-1").uri();
        URI two = backends.app("board-2").uri();
        Browser browser = new Browser();

        browser.login(one, "alice");
        assertThat(browser.cookieNames()).containsExactly("SESSION");

        Browser.Page onTwo = browser.get(two, "/");
        assertThat(onTwo.status()).isEqualTo(200);
        assertThat(onTwo.body()).contains("Signed in as <strong>alice</strong>",
                "Served by <strong class=\"instance\">board-2</strong>");
        assertThat(onTwo.header("X-Board-Instance")).contains("board-2");
        assertThat(browser.get(two, "/api/me").body()).contains("\"user\":\"alice\"", "\"instance\":\"board-2\"",
                "\"sessionStore\":\"redis\"");

        // A form from one instance posts to the other: the CSRF token lives in the shared session too.
        Browser.Page created = browser.post(two, "/posts", Map.of("title", "Across instances", "body", "Form from board-1",
                "_csrf", browser.get(one, "/posts/new").csrf()));
        assertThat(created.status()).isEqualTo(302);
        assertThat(browser.follow(one, created).body()).contains("Across instances", "written through <span>board-2</span>");

        try (RedisConnection redis = backends.app("board-1").bean(RedisConnectionFactory.class).getConnection()) {
            assertThat(redis.keyCommands().keys("board:session:sessions:*".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        }

        // Logging out on one instance logs out on both.
        browser.post(one, "/logout", Map.of("_csrf", browser.get(one, "/").csrf()));
        assertThat(browser.loggedIn(two)).isFalse();
    }

    @Test
    void withMemorySessionsALoginLivesOnTheInstanceThatMadeIt(Backends backends) {
        URI one = backends.memoryApp("memory-1").uri();
        URI two = backends.memoryApp("memory-2").uri();
        Browser browser = new Browser();

        Browser.Page posts = browser.login(one, "bob");
        assertThat(posts.body()).contains("Sessions in this server&#39;s memory");
        assertThat(browser.cookieNames()).containsExactly("SESSION");

        assertThat(browser.loggedIn(two)).isFalse();
        assertThat(browser.loggedIn(one)).as("still logged in where the session lives").isTrue();
        assertThat(browser.get(one, "/api/me").body()).contains("\"sessionStore\":\"memory\"");

        // A page on the other instance starts a session there, whose cookie replaces the first one:
        // bounced between instances without stickiness, the user is logged out everywhere.
        assertThat(browser.get(two, "/").location()).endsWith("/login");
        assertThat(browser.loggedIn(one)).isFalse();
    }
}

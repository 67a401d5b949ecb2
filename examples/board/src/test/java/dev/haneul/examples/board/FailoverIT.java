package dev.haneul.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user sees while the database or the session store goes away and comes back: a friendly
 * 503 while it is away, {@code /health} still 200 (the load balancer must keep the instance), and
 * after it is back at most one failed request before the app works again by itself, still logged in.
 */
@ExtendWith(Backends.Extension.class)
class FailoverIT {

    /** Requests sent after a backend is back, each of which must succeed except at most one. */
    private static final int REQUESTS_AFTER_RECOVERY = 6;

    private static URI base;

    @BeforeAll
    static void start(Backends backends) {
        base = backends.app("board-1").uri();
    }

    @Test
    void afterTheWriterRestartsTheAppRecoversWithAtMostOneFailedRequest(Backends backends) throws Exception {
        Browser browser = new Browser();
        browser.login(base, "alice");
        // Warm the writer pool: these connections die with the writer.
        assertThat(createPost(browser, "before").status()).isEqualTo(302);

        backends.restartWriter();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < REQUESTS_AFTER_RECOVERY; i++) {
            statuses.add(createPost(browser, "after " + i).status());
        }
        assertThat(statuses.stream().filter(status -> status != 302).toList())
                .as("statuses after the writer came back: %s", statuses)
                .hasSizeLessThanOrEqualTo(1)
                .allMatch(status -> status == 503);
        assertThat(statuses.getLast()).isEqualTo(302);
    }

    @Test
    void whileTheWriterIsDownPagesAnswerAFriendly503AndHealthStays200(Backends backends) throws Exception {
        Browser browser = new Browser();
        browser.login(base, "bob");
        String csrf = browser.get(base, "/posts/new").csrf();
        backends.stopWriter();
        try {
            Browser.Page refused = browser.post(base, "/posts", Map.of("title", "t", "body", "b", "_csrf", csrf));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).contains("2");
            assertThat(refused.body()).contains("The database is failing over", "Served by")
                    .doesNotContain("Exception", "at dev.haneul");

            assertThat(browser.get(base, "/health").status()).isEqualTo(200);
            Browser.Page deep = new Browser().get(base, "/health/deep");
            assertThat(deep.status()).isEqualTo(503);
            assertThat(deep.body()).contains("\"writer\":{\"status\":\"DOWN\"", "\"dbInstance\":\"db-reader\"");
        } finally {
            backends.startWriter();
        }
        await().atMost(Backends.WAIT).until(() -> new Browser().get(base, "/health/deep").status() == 200);
        assertThat(createPost(browser, "back").status()).isEqualTo(302);
    }

    @Test
    void afterRedisRestartsTheUserIsStillLoggedInWithAtMostOneFailedRequest(Backends backends) throws Exception {
        Browser browser = new Browser();
        browser.login(base, "carol");

        backends.stopRedis();
        try {
            Browser.Page refused = browser.get(base, "/api/me");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).contains("session store");
            Browser.Page page = browser.get(base, "/");
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.body()).contains("The session store is failing over").doesNotContain("Exception");
            assertThat(browser.get(base, "/health").status()).as("with the session cookie").isEqualTo(200);
            Browser.Page deep = new Browser().get(base, "/health/deep");
            assertThat(deep.status()).isEqualTo(503);
            assertThat(deep.body()).contains("\"sessionStore\":{\"status\":\"DOWN\"");
        } finally {
            backends.startRedis();
        }

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < REQUESTS_AFTER_RECOVERY; i++) {
            statuses.add(browser.get(base, "/api/me").status());
        }
        assertThat(statuses.stream().filter(status -> status != 200).toList())
                .as("statuses after Redis came back: %s", statuses)
                .hasSizeLessThanOrEqualTo(1);
        assertThat(browser.get(base, "/api/me").body()).contains("\"user\":\"carol\"");
    }

    private static Browser.Page createPost(Browser browser, String title) {
        return browser.post(base, "/posts", Map.of("title", title, "body", "Failover test",
                "_csrf", browser.get(base, "/posts/new").csrf()));
    }
}

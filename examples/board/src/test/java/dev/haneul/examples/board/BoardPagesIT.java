package dev.haneul.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pages, one app instance, sessions in Redis, writer and reader on two replicating MariaDBs. */
@ExtendWith(Backends.Extension.class)
class BoardPagesIT {

    private static final Pattern POST_PATH = Pattern.compile("/posts/(\\d+)$");
    private static final Pattern COMMENT_PATH = Pattern.compile("/posts/(\\d+)\\?comment=(\\d+)#c\\d+$");

    private static URI base;

    @BeforeAll
    static void start(Backends backends) {
        base = backends.app("board-1").uri();
    }

    @Test
    void loginPageShowsTheDemoUsersAndWhoServedIt() {
        Browser.Page login = new Browser().get(base, "/login");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("alice / alice", "bob / bob", "carol / carol", "name=\"username\"",
                "name=\"password\"", "Served by <strong class=\"instance\">board-1</strong>",
                "No database read on this page", "Sessions in Redis (ElastiCache)");
        assertThat(login.header("X-Board-Instance")).contains("board-1");
    }

    @Test
    void everyPageButLoginNeedsALogin() {
        Browser browser = new Browser();

        assertThat(browser.get(base, "/").status()).isEqualTo(302);
        assertThat(browser.get(base, "/").location()).endsWith("/login");
        assertThat(browser.get(base, "/posts/1").status()).isEqualTo(302);
        assertThat(browser.get(base, "/api/me").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIsRefused() {
        Browser browser = new Browser();
        String csrf = browser.get(base, "/login").csrf();

        Browser.Page refused = browser.post(base, "/login", Map.of("username", "alice", "password", "bob", "_csrf", csrf));

        assertThat(refused.location()).endsWith("/login?error");
        assertThat(browser.follow(base, refused).body()).contains("Wrong user name or password");
        assertThat(browser.loggedIn(base)).isFalse();
    }

    @Test
    void writeAPostAndACommentThenReadThemBackAndLogOut() {
        Browser browser = new Browser();
        Browser.Page posts = browser.login(base, "alice");
        assertThat(posts.body()).contains("Signed in as <strong>alice</strong>");
        assertThat(posts.header("X-Board-Db-Role")).contains("reader");

        Browser.Page created = browser.post(base, "/posts", Map.of("title", "Hello <sky>", "body", "First line\nsecond line",
                "_csrf", browser.get(base, "/posts/new").csrf()));
        assertThat(created.status()).isEqualTo(302);
        Matcher postPath = POST_PATH.matcher(created.location());
        assertThat(postPath.find()).as(created.location()).isTrue();
        String postId = postPath.group(1);

        Browser.Page post = browser.follow(base, created);
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).contains("Hello &lt;sky&gt;", "First line\nsecond line", "written through <span>board-1</span>",
                "0 comments");
        assertThat(post.header("X-Board-Db-Instance")).hasValueSatisfying(
                db -> assertThat(db).isIn(Backends.READER_NAME, Backends.WRITER_NAME));

        Browser.Page commented = browser.post(base, "/posts/" + postId + "/comments",
                Map.of("body", "Nice one", "_csrf", post.csrf()));
        assertThat(COMMENT_PATH.matcher(commented.location()).find()).as(commented.location()).isTrue();
        Browser.Page withComment = browser.follow(base, commented);
        assertThat(withComment.body()).contains("Nice one", "1 comment");

        await().atMost(Backends.WAIT).untilAsserted(() -> {
            Browser.Page list = browser.get(base, "/");
            assertThat(list.body()).contains("href=\"/posts/" + postId + "\">Hello &lt;sky&gt;</a>", "1 comment",
                    "Read from <strong class=\"db\">" + Backends.READER_NAME + "</strong>");
        });

        Browser.Page loggedOut = browser.post(base, "/logout", Map.of("_csrf", browser.get(base, "/").csrf()));
        assertThat(loggedOut.location()).endsWith("/login?logout");
        assertThat(browser.follow(base, loggedOut).body()).contains("You are logged out");
        assertThat(browser.loggedIn(base)).isFalse();
        assertThat(browser.get(base, "/").location()).endsWith("/login");
    }

    @Test
    void aPostTheReaderHasNotReceivedIsReadThroughTheWriterAndTheFooterSaysSo(Backends backends) {
        Browser browser = new Browser();
        browser.login(base, "bob");
        backends.pauseReplication();
        try {
            Browser.Page created = browser.post(base, "/posts", Map.of("title", "Lagging", "body", "Where am I?",
                    "_csrf", browser.get(base, "/posts/new").csrf()));
            Browser.Page post = browser.follow(base, created);

            assertThat(post.status()).isEqualTo(200);
            assertThat(post.body()).contains("Lagging", "Replica lag: post #", "is not on the reader (db-reader) yet",
                    "Read from <strong class=\"db\">db-writer</strong>", "through the writer endpoint");
            assertThat(post.header("X-Board-Db-Instance")).contains(Backends.WRITER_NAME);
            assertThat(post.header("X-Board-Db-Role")).contains("writer");

            String postPath = post.uri().getPath();
            Browser.Page commented = browser.post(base, postPath + "/comments", Map.of("body", "Me too", "_csrf", post.csrf()));
            Browser.Page withComment = browser.follow(base, commented);
            assertThat(withComment.body()).contains("Me too", "is not on the reader (db-reader) yet");

            backends.resumeReplication();
            Browser.Page caughtUp = browser.get(base, postPath);
            assertThat(caughtUp.body()).contains("Lagging", "Me too").doesNotContain("Replica lag");
            assertThat(caughtUp.header("X-Board-Db-Instance")).contains(Backends.READER_NAME);
        } finally {
            backends.resumeReplication();
        }
    }

    @Test
    void aNewPostNeedsATitleAndText() {
        Browser browser = new Browser();
        browser.login(base, "carol");

        Browser.Page refused = browser.post(base, "/posts", Map.of("title", "  ", "body", "text",
                "_csrf", browser.get(base, "/posts/new").csrf()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Please write a title.", ">text</textarea>");
    }

    @Test
    void anUnknownPostIsAFriendlyNotFound() {
        Browser browser = new Browser();
        browser.login(base, "carol");

        Browser.Page missing = browser.get(base, "/posts/987654321");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("Not found", "Served by").doesNotContain("Exception");
    }

    @Test
    void healthAnswersForTheLoadBalancerAndDeepHealthNamesEachDependency() {
        Browser browser = new Browser();

        Browser.Page health = browser.get(base, "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"instance\":\"board-1\"");
        assertThat(health.header("Set-Cookie")).isEmpty();

        Browser.Page deep = browser.get(base, "/health/deep");
        assertThat(deep.status()).as(deep.body()).isEqualTo(200);
        assertThat(deep.body()).startsWith("{\"status\":\"UP\"").contains(
                "\"writer\":{\"status\":\"UP\",\"dbInstance\":\"db-writer\"",
                "\"reader\":{\"status\":\"UP\",\"dbInstance\":\"db-reader\"",
                "\"schema\":{\"status\":\"UP\"}", "\"sessionStore\":{\"status\":\"UP\"");
    }

    @Test
    void staticAssetsAreServedWithoutALogin() {
        Browser browser = new Browser();

        assertThat(browser.get(base, "/css/board.css").header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/css"));
        assertThat(browser.get(base, "/js/board.js").header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
        Browser.Page icon = browser.get(base, "/favicon.svg");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).contains("image/svg+xml");
    }
}

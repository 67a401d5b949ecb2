package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.testing.HttpBackend;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Request smuggling on real sockets, as ALB's default (defensive) desync mitigation treats it:
 * severe requests get 400 and the connection closes; ambiguous ones are routed in a form the target
 * cannot read differently, then both connections close; a pipelined request hidden in a body stays
 * a body.
 */
class AlbDesyncTest extends DataPlaneTestBase {

    @Test
    void severeRequestsAre400AndTheConnectionCloses() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        String[] severe = {
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\nbody",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        };
        for (String request : severe) {
            // The answer ends the connection: raw() reads until the close, and nothing follows the 400.
            String answer = raw(port, request + "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(answer).as(request).startsWith("HTTP/1.1 400 Bad Request\r\n").containsOnlyOnce("HTTP/1.1");
        }
        assertThat(a.requests()).extracting(HttpBackend.Recorded::uri).as("none reached the target")
                .doesNotContain("/", "/after");
        assertThat(raw(port, "GET / HTTP/2.0\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 505 ");
        assertThat(raw(port, "GET /" + "a".repeat(17_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414 ");
        assertThat(raw(port, "GET / HTTP/1.1\r\nHost: x\r\nX-A: " + "b".repeat(17_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void anAmbiguousRequestIsRoutedUnambiguouslyThenBothConnectionsClose() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        // CL.TE: a front end reading Content-Length would see "GET /smuggled" as a second request.
        String smuggling = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
        String answer = raw(port, smuggling);
        assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close").containsOnlyOnce("HTTP/1.1 ");
        HttpBackend.Recorded seen = a.requests().getLast();
        assertThat(seen.uri()).isEqualTo("/echo");
        assertThat(seen.header("Content-Length")).as("removed beside chunked").isNull();
        assertThat(a.requests()).extracting(HttpBackend.Recorded::uri).doesNotContain("/smuggled");
    }

    @Test
    void aBodyThatLooksLikeARequestStaysABody() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        String inner = "GET /inner HTTP/1.1\r\nHost: x\r\n\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + inner.length() + "\r\n\r\n" + inner
                    + "GET /next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String both = readAll(socket.getInputStream());
            assertThat(both.split("HTTP/1.1 200", -1)).hasSize(3);
            assertThat(chunkedBody(both.substring(0, both.indexOf("HTTP/1.1 200", 10)))).isEqualTo(inner);
        }
        assertThat(a.requests()).extracting(HttpBackend.Recorded::uri).endsWith("/echo", "/next")
                .doesNotContain("/inner");
    }

    @Test
    void bareLineFeedsAndFoldedHeadersReachTheTargetAsCrLfAndUnfolded() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        assertThat(raw(port, "GET /lf HTTP/1.1\nHost: x\nX-Thing: one\nConnection: close\n\n")).startsWith("HTTP/1.1 200");
        assertThat(a.requests().getLast().header("X-Thing")).isEqualTo("one");
        String folded = raw(port, "GET /fold HTTP/1.1\r\nHost: x\r\nX-Thing: one\r\n two\r\n\r\n");
        assertThat(folded).as("ambiguous: answered, then closed").startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
        assertThat(a.requests().getLast().header("X-Thing")).isEqualTo("one two");
    }

    @Test
    void dropInvalidHeaderFieldsRemovesNamesOutsideLettersDigitsAndHyphens() throws Exception {
        HttpBackend a = backend("a");
        LoadBalancerSettings drop = new LoadBalancerSettings(LoadBalancerSettings.DEFAULT_IDLE_TIMEOUT,
                LoadBalancerSettings.DEFAULT_CLIENT_KEEP_ALIVE, LoadBalancerSettings.XffMode.APPEND, false, false, true,
                LoadBalancerSettings.DesyncMitigation.DEFENSIVE, Optional.empty());
        int port = start(List.of(Fixtures.group("web", TargetGroupSettings.defaults(), a)), drop,
                Fixtures.forwardTo("web"));
        assertThat(raw(port, "GET / HTTP/1.1\r\nHost: x\r\nX_Under: 1\r\nX-Fine: 2\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(a.requests().getLast().header("X_Under")).isNull();
        assertThat(a.requests().getLast().header("X-Fine")).isEqualTo("2");
    }

    @Test
    void aChunkedBodyPassesAsSentAndBrokenFramingCutsTheConnection() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        String ok = raw(port, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        assertThat(ok).startsWith("HTTP/1.1 200");
        assertThat(chunkedBody(ok)).isEqualTo("hello world");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nzz\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String rest = readAll(in);
            assertThat(rest).as("no complete 200: the connection was cut").doesNotContain("hello\r\n0\r\n\r\n");
        }
    }

    @Test
    void strictestRefusesWhatIsNotCompliantAndMonitorKeepsAmbiguousConnections() throws Exception {
        HttpBackend a = backend("a");
        List<TargetGroupConfig> groups = List.of(Fixtures.group("web", TargetGroupSettings.defaults(), a));
        int port = start(groups, mitigation(LoadBalancerSettings.DesyncMitigation.STRICTEST), Fixtures.forwardTo("web"));
        assertThat(raw(port, "GET /lf HTTP/1.1\nHost: x\n\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw(port, "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
        apply(groups, mitigation(LoadBalancerSettings.DesyncMitigation.MONITOR), Fixtures.forwardTo("web"));
        String both = raw(port, "GET /fold HTTP/1.1\r\nHost: x\r\nX-Thing: one\r\n two\r\n\r\n"
                + "GET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(both.split("HTTP/1.1 200", -1)).as("the connection carried on").hasSize(3);
        assertThat(a.requests()).extracting(HttpBackend.Recorded::uri).endsWith("/ok", "/fold", "/second")
                .doesNotContain("/lf");
    }

    private static LoadBalancerSettings mitigation(LoadBalancerSettings.DesyncMitigation mode) {
        return new LoadBalancerSettings(LoadBalancerSettings.DEFAULT_IDLE_TIMEOUT,
                LoadBalancerSettings.DEFAULT_CLIENT_KEEP_ALIVE, LoadBalancerSettings.XffMode.APPEND, false, false, false,
                mode, Optional.empty());
    }
}

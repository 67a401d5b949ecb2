package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Response framing a client needs that the target did not send: a close-delimited body becomes
 * chunked for an HTTP/1.1 client and stays close-delimited for an HTTP/1.0 one, a chunked body
 * loses its framing for an HTTP/1.0 client; and what a target may not send (garbage, a head over
 * 32 KB) is ALB's 502. The target is a raw socket answering each request with scripted bytes.
 */
class AlbFramingTest extends DataPlaneTestBase {

    /** Starts a target that answers every request (its head read whole) with {@code answer(head)}, then closes. */
    private int scriptedTarget(ServerSocket server, Function<String, String> answer) {
        CompletableFuture.runAsync(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    String head = readHead(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(answer.apply(head).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
        TargetGroupConfig group = new TargetGroupConfig(Fixtures.arn("raw"), "raw", TargetGroupConfig.Protocol.HTTP,
                new HealthCheckSettings(HealthCheckSettings.Protocol.TCP, OptionalInt.empty(), "/",
                        Duration.ofSeconds(300), Duration.ofSeconds(2), 3, 2, StatusMatcher.parse("200")),
                TargetGroupSettings.defaults(), List.of(new TargetConfig("127.0.0.1", server.getLocalPort(), "127.0.0.1")));
        return start(group, ListenerRule.defaultRule(RuleAction.Forward.to(Fixtures.arn("raw"))));
    }

    @Test
    void aCloseDelimitedBodyIsChunkedForHttp11AndCloseDelimitedForHttp10() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            int port = scriptedTarget(server, head -> "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
            String http11 = raw(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(http11).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("transfer-encoding: chunked");
            assertThat(chunkedBody(http11)).isEqualTo("until the end");
            String http10 = raw(port, "GET / HTTP/1.0\r\n\r\n");
            assertThat(http10).startsWith("HTTP/1.1 200 OK\r\n").doesNotContainIgnoringCase("transfer-encoding")
                    .endsWith("\r\n\r\nuntil the end");
        }
    }

    @Test
    void aChunkedBodyLosesItsFramingForAnHttp10Client() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            int port = scriptedTarget(server, head -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nTrailer-A: 1\r\n\r\n");
            String http10 = raw(port, "GET / HTTP/1.0\r\n\r\n");
            assertThat(http10).startsWith("HTTP/1.1 200 OK\r\n").doesNotContainIgnoringCase("transfer-encoding")
                    .containsIgnoringCase("connection: close").endsWith("\r\n\r\nhello world");
            String http11 = raw(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(http11).as("passed as the target framed it").endsWith("\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n"
                    + "0\r\nTrailer-A: 1\r\n\r\n");
        }
    }

    @Test
    void garbageOrAnOversizedHeadFromATargetIs502() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            int port = scriptedTarget(server, head -> head.startsWith("GET /big")
                    ? "HTTP/1.1 200 OK\r\n" + ("X-Big: " + "b".repeat(1000) + "\r\n").repeat(40) + "\r\n"
                    : "SPDY/3 nonsense\r\n\r\n");
            assertThat(raw(port, "GET /garbage HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 502 Bad Gateway\r\n");
            assertThat(raw(port, "GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 502 Bad Gateway\r\n");
        }
    }
}

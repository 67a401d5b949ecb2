package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.testing.HttpBackend;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Bodies stream through the load balancer both ways without being held whole, connections to
 * targets are kept alive and reused, and a WebSocket upgrade turns into a byte tunnel.
 */
class AlbStreamingTest extends DataPlaneTestBase {

    @Test
    void largeChunkedAndSizedBodiesStreamBothWays() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        int size = 4 * 1024 * 1024 + 7;
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (i * 31);
        }
        HttpResponse<byte[]> sized = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sized.statusCode()).isEqualTo(200);
        assertThat(sized.body()).isEqualTo(body);
        HttpResponse<byte[]> chunked = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(chunked.body()).isEqualTo(body);
        HttpResponse<InputStream> big = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/bytes/30000000")).build(), HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        try (InputStream in = big.body()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(30_000_000L);
    }

    @Test
    void aSlowClientSlowsTheTargetInsteadOfFillingMemory() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.getOutputStream().write("GET /bytes/64000000 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            in.readNBytes(1024 * 1024);
            long before = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            Thread.sleep(500);
            long held = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            assertThat(held).as("direct memory while the client does not read").isLessThan(before + 32L * 1024 * 1024);
            long total = 1024 * 1024;
            byte[] buffer = new byte[1 << 16];
            int n;
            while (total < 40_000_000 && (n = in.read(buffer)) >= 0) {
                total += n;
            }
            assertThat(total).isGreaterThanOrEqualTo(40_000_000L);
        }
    }

    @Test
    void targetConnectionsAreKeptAliveAndReused() throws Exception {
        HttpBackend a = backend("a");
        int port = start(Fixtures.group("web", TargetGroupSettings.defaults(), a), Fixtures.forwardTo("web"));
        for (int i = 0; i < 10; i++) {
            assertThat(get(port, "/x").statusCode()).isEqualTo(200);
        }
        Set<Integer> ports = new HashSet<>();
        a.requests().forEach(r -> ports.add(r.remote().getPort()));
        assertThat(ports).as("target connections used for 10 sequential requests").hasSizeLessThanOrEqualTo(2);
        String head = raw(port, "HEAD /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n").doesNotContain("a\n");
        String expect = raw(port, "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n"
                + "Connection: close\r\n\r\nhello");
        assertThat(expect).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200").endsWith("hello\r\n0\r\n\r\n");
    }

    @Test
    void appCookieStickinessFollowsTheApplicationsCookie() throws Exception {
        HttpBackend a = backend("a");
        HttpBackend b = backend("b");
        TargetGroupSettings app = new TargetGroupSettings(TargetGroupSettings.Algorithm.ROUND_ROBIN,
                Optional.of(new TargetGroupSettings.Stickiness(TargetGroupSettings.Stickiness.Type.APP_COOKIE,
                        Duration.ofSeconds(60), Optional.of("SESSION"))), Duration.ofSeconds(300), Duration.ZERO, 1,
                OptionalInt.empty());
        int port = start(Fixtures.group("web", app, a, b), Fixtures.forwardTo("web"));
        HttpResponse<String> plain = get(port, "/");
        assertThat(cookie(plain, "AWSALBAPP-0")).as("no application cookie yet").isNull();
        HttpResponse<String> login = get(port, "/cookie/SESSION");
        String app0 = cookie(login, "AWSALBAPP-0");
        assertThat(app0).isNotNull();
        assertThat(cookie(login, "SESSION")).isEqualTo("v-" + backendOf(login));
        assertThat(cookie(login, "AWSALBAPP-1")).isEqualTo("_remove_");
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> next = get(port, "/", "Cookie", "SESSION=v; AWSALBAPP-0=" + app0);
            assertThat(backendOf(next)).isEqualTo(backendOf(login));
            assertThat(cookie(next, "AWSALBAPP-0")).isNotNull();
        }
    }

    @Test
    void aWebSocketUpgradeBecomesATunnel() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> upgradeAndEcho(target));
            TargetGroupConfig group = new TargetGroupConfig(Fixtures.arn("ws"), "ws", TargetGroupConfig.Protocol.HTTP,
                    new HealthCheckSettings(HealthCheckSettings.Protocol.TCP, OptionalInt.empty(), "/",
                            Duration.ofSeconds(300), Duration.ofSeconds(2), 3, 2, StatusMatcher.parse("200")),
                    TargetGroupSettings.defaults(), List.of(new TargetConfig("127.0.0.1", target.getLocalPort(),
                            "127.0.0.1")));
            int port = start(group, ListenerRule.defaultRule(RuleAction.Forward.to(Fixtures.arn("ws"))));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.setSoTimeout(10_000);
                OutputStream out = client.getOutputStream();
                out.write(("GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = client.getInputStream();
                String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket");
                for (String message : new String[] {"hello", "over the tunnel", "binary\u0000bytes"}) {
                    out.write(message.getBytes(StandardCharsets.ISO_8859_1));
                    assertThat(new String(in.readNBytes(message.length()), StandardCharsets.ISO_8859_1)).isEqualTo(message);
                }
            }
            server.join();
        }
    }

    /** A minimal WebSocket-ish target: answers the upgrade, then echoes bytes until the client leaves. */
    private static void upgradeAndEcho(ServerSocket server) {
        while (true) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                if (!head.contains("Upgrade: websocket") && !head.contains("upgrade: websocket")) {
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] buffer = new byte[1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                return;
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void idleClientConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        HttpBackend a = backend("a");
        LoadBalancerSettings oneSecond = new LoadBalancerSettings(Duration.ofSeconds(1), Duration.ofHours(1),
                LoadBalancerSettings.XffMode.APPEND, false, false, false,
                LoadBalancerSettings.DesyncMitigation.DEFENSIVE, Optional.empty());
        int port = start(List.of(Fixtures.group("web", TargetGroupSettings.defaults(), a)), oneSecond,
                Fixtures.forwardTo("web"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            long started = System.nanoTime();
            assertThat(socket.getInputStream().read()).as("closed without a byte").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(800));
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> plane.connections(
                Fixtures.http(1, Fixtures.forwardTo("web")).arn()).orElse(0) == 0);
    }
}

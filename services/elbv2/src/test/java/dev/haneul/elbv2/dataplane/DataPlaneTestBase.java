package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.netty.LeakDetectionExtension;
import dev.haneul.core.testing.HttpBackend;
import dev.haneul.core.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shared set-up of the data-plane tests: one event-loop runtime per class, a data plane per test
 * on a clock the test moves (health checks look at it every 10 ms), real JDK HTTP backends, and
 * clients (Java's HttpClient, raw sockets). Netty leaks fail the class.
 */
abstract class DataPlaneTestBase {

    @RegisterExtension
    static final LeakDetectionExtension leaks = new LeakDetectionExtension();

    static EventLoopRuntime runtime;
    final MutableClock clock = MutableClock.now();
    final List<HttpBackend> backends = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Elbv2DataPlane plane;

    @BeforeAll
    static void startRuntime() {
        runtime = EventLoopRuntime.builder().threads(2).build();
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @AfterEach
    void stopPlaneAndBackends() {
        if (plane != null) {
            plane.close();
        }
        backends.forEach(HttpBackend::close);
    }

    HttpBackend backend(String name) {
        HttpBackend b = HttpBackend.start(name);
        backends.add(b);
        return b;
    }

    /** Starts a data plane with one ALB and one HTTP listener; returns the listener's port. */
    int start(List<TargetGroupConfig> groups, LoadBalancerSettings settings, ListenerRule... rules) {
        plane = new Elbv2DataPlane(runtime, clock, Duration.ofMillis(10), Duration.ofSeconds(2));
        return apply(groups, settings, rules);
    }

    int start(TargetGroupConfig group, ListenerRule... rules) {
        return start(List.of(group), LoadBalancerSettings.defaults(), rules);
    }

    /** Applies a new snapshot with the same listener; returns its port. */
    int apply(List<TargetGroupConfig> groups, LoadBalancerSettings settings, ListenerRule... rules) {
        ApplyResult result = plane.apply(new DataPlaneConfig(
                List.of(Fixtures.alb("lb", settings, Fixtures.http(listenerPort == 0 ? Fixtures.freePort() : listenerPort,
                        rules))), groups));
        assertThat(result.failures()).isEmpty();
        listenerPort = result.boundPorts().values().iterator().next();
        return listenerPort;
    }

    private int listenerPort;

    void awaitStates(String group, String... states) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(plane.targetHealth(Fixtures.arn(group)))
                .extracting(TargetHealthView::state).containsExactly(states));
    }

    /** Moves the clock one health-check interval at a time until the group's states are {@code states}. */
    void advanceUntil(String group, String... states) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(30)).until(() -> {
            clock.advance(Fixtures.healthCheck().interval());
            return plane.targetHealth(Fixtures.arn(group)).stream().map(TargetHealthView::state).toList()
                    .equals(List.of(states));
        });
    }

    HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String backendOf(HttpResponse<?> response) {
        return response.headers().firstValue("X-Backend").orElse("-");
    }

    /** The value of the {@code name} cookie a response sets, or {@code null}. */
    static String cookie(HttpResponse<?> response, String name) {
        for (String line : response.headers().allValues("Set-Cookie")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1, line.indexOf(';'));
            }
        }
        return null;
    }

    /** Writes raw bytes on a new connection and reads until the server closes it. */
    static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** The body of one chunked response ({@code raw}'s text), without its chunk framing. */
    static String chunkedBody(String response) {
        StringBuilder body = new StringBuilder();
        int p = response.indexOf("\r\n\r\n") + 4;
        while (true) {
            int lf = response.indexOf("\r\n", p);
            int size = Integer.parseInt(response.substring(p, lf).split(";")[0], 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(response, lf + 2, lf + 2 + size);
            p = lf + 2 + size + 2;
        }
    }

    /** Reads up to the end of a message head (the empty line), or to the end of the stream. */
    static String readHead(InputStream in) {
        StringBuilder head = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
        } catch (IOException e) {
            return head.toString();
        }
        return head.toString();
    }
}

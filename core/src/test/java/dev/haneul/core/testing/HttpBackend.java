package dev.haneul.core.testing;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real HTTP server for tests (the JDK's {@code com.sun.net.httpserver}, an ephemeral port on
 * 127.0.0.1), standing in for an application instance behind a load balancer. Every response
 * carries {@code X-Backend: <name>}; every request is recorded with its headers.
 *
 * <pre>
 *  GET  /health          {@link #healthStatus(int)} (200 by default)
 *  GET  /status/{code}   that status
 *  GET  /slow/{ms}       200 after ms milliseconds
 *  GET  /hang            never answers (until {@link #release()} or stop)
 *  GET  /bytes/{n}       n bytes, chunked, in 8 KiB writes
 *  POST /echo            the request body back, chunked, streamed as it is read
 *  GET  /cookie/{name}   200 with Set-Cookie: {name}=v-{backend}
 *  any  other            200 "{name}\n", text/plain
 * </pre>
 */
public final class HttpBackend implements AutoCloseable {

    /** One request as the backend saw it (header names lower-cased). */
    public record Recorded(String method, String uri, Map<String, List<String>> headers, long bodyBytes,
                           InetSocketAddress remote) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final AtomicInteger healthChecks = new AtomicInteger();
    private volatile CountDownLatch hang = new CountDownLatch(1);

    private HttpBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a backend called {@code name}. */
    public static HttpBackend start(String name) {
        try {
            return new HttpBackend(requireNonNull(name, "name"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The status {@code GET /health} answers from now on. */
    public void healthStatus(int status) {
        healthStatus.set(status);
    }

    /** How many {@code /health} requests it answered. */
    public int healthChecks() {
        return healthChecks.get();
    }

    /** Every request but health checks, in arrival order. */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Lets {@code /hang} requests answer. */
    public void release() {
        hang.countDown();
        hang = new CountDownLatch(1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/health")) {
                healthChecks.incrementAndGet();
                respond(exchange, healthStatus.get(), name + " health\n");
                return;
            }
            long body = path.equals("/echo") ? -1 : drain(exchange.getRequestBody());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    body, exchange.getRemoteAddress());
            requests.add(recorded);
            exchange.getResponseHeaders().set("X-Backend", name);
            if (path.startsWith("/status/")) {
                respond(exchange, Integer.parseInt(path.substring(8)), name + "\n");
            } else if (path.startsWith("/slow/")) {
                sleep(Long.parseLong(path.substring(6)));
                respond(exchange, 200, name + "\n");
            } else if (path.equals("/hang")) {
                hang.await(5, TimeUnit.MINUTES);
                respond(exchange, 200, name + "\n");
            } else if (path.startsWith("/bytes/")) {
                long n = Long.parseLong(path.substring(7));
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[8192];
                Arrays.fill(chunk, (byte) 'x');
                try (OutputStream out = exchange.getResponseBody()) {
                    for (long left = n; left > 0; left -= chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                }
            } else if (path.equals("/echo")) {
                exchange.sendResponseHeaders(200, 0);
                try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            } else if (path.startsWith("/cookie/")) {
                exchange.getResponseHeaders().add("Set-Cookie", path.substring(8) + "=v-" + name + "; Path=/");
                respond(exchange, 200, name + "\n");
            } else {
                respond(exchange, 200, name + "\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/plain");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || status == 204 || status == 304 ? -1 : bytes.length);
        if (!head && status != 204 && status != 304) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static long drain(InputStream in) throws IOException {
        long total = 0;
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
        }
        return total;
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Stops at once, dropping open connections: a crashed application instance. */
    public void kill() {
        server.stop(0);
        hang.countDown();
        executor.shutdownNow();
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return name + "@127.0.0.1:" + port();
    }
}

package dev.haneul.lab.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A web application's session behaviour and nothing else, for the labs. Configured by environment:
 * {@code LAB_APP_NAME}, {@code LAB_APP_PORT} (on 127.0.0.1), {@code LAB_SESSION_STORE}
 * ({@code memory} or {@code redis}), {@code LAB_REDIS_HOST}, {@code LAB_REDIS_PORT}.
 *
 * <pre>
 * GET  /health     200 {"status":"UP","instance":NAME}, whatever the session store's state
 * POST /login      username=U&amp;password=U  → 200 and Set-Cookie SESSION=...; 401 on a wrong password
 * GET  /api/me     200 {"user":U,"instance":NAME} with a live session, 401 without
 * GET  /           200, a line naming the instance (no session)
 * </pre>
 *
 * Every response carries {@code X-Instance: NAME}. When Redis does not answer, a request that needs
 * the session gets {@code 503} with {@code Retry-After: 2}, as a well-behaved application's error
 * page; the next request dials Redis again (no retry inside a request).
 */
public final class SessionApp {

    private final String name;
    private final SessionStore sessions;

    private SessionApp(String name, SessionStore sessions) {
        this.name = name;
        this.sessions = sessions;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        String name = env.getOrDefault("LAB_APP_NAME", "app");
        int port = Integer.parseInt(env.getOrDefault("LAB_APP_PORT", "8080"));
        String store = env.getOrDefault("LAB_SESSION_STORE", "memory");
        SessionStore sessions = switch (store) {
            case "memory" -> new MemoryStore();
            case "redis" -> new RedisStore(env.getOrDefault("LAB_REDIS_HOST", "127.0.0.1"),
                    Integer.parseInt(env.getOrDefault("LAB_REDIS_PORT", "6379")));
            default -> throw new IllegalArgumentException("LAB_SESSION_STORE: " + store + " (expected: memory or redis)");
        };
        SessionApp app = new SessionApp(name, sessions);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", app::handle);
        server.start();
        System.out.println(name + " - serving http://127.0.0.1:" + port + " with sessions in " + store);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Instance", name);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                switch (path) {
                    case "/health" -> reply(exchange, 200, "{\"status\":\"UP\",\"instance\":\"" + name + "\"}");
                    case "/login" -> login(exchange, method);
                    case "/api/me" -> me(exchange);
                    case "/" -> reply(exchange, 200, "served by " + name + "\n");
                    default -> reply(exchange, 404, "{\"error\":\"not found\"}");
                }
            } catch (IOException e) {
                System.out.println(name + " - session store unavailable: " + e.getMessage());
                exchange.getResponseHeaders().set("Retry-After", "2");
                reply(exchange, 503, "{\"error\":\"session store unavailable\",\"instance\":\"" + name + "\"}");
            }
        }
    }

    private void login(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST")) {
            reply(exchange, 405, "{\"error\":\"POST username and password\"}");
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String user = form.getOrDefault("username", "");
        if (user.isEmpty() || !user.equals(form.get("password"))) {
            reply(exchange, 401, "{\"error\":\"wrong user name or password\"}");
            return;
        }
        String id = UUID.randomUUID().toString();
        sessions.put(id, user);
        exchange.getResponseHeaders().add("Set-Cookie", "SESSION=" + id + "; Path=/; HttpOnly; SameSite=Lax");
        reply(exchange, 200, "{\"user\":\"" + user + "\",\"instance\":\"" + name + "\"}");
    }

    private void me(HttpExchange exchange) throws IOException {
        String id = cookie(exchange, "SESSION");
        String user = id == null ? null : sessions.get(id);
        if (user == null) {
            reply(exchange, 401, "{\"error\":\"not logged in\",\"instance\":\"" + name + "\"}");
            return;
        }
        reply(exchange, 200, "{\"user\":\"" + user + "\",\"instance\":\"" + name + "\"}");
    }

    private static @Nullable String cookie(HttpExchange exchange, String cookieName) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(cookieName)) {
                    return kv[1];
                }
            }
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Where sessions live. */
    interface SessionStore {
        void put(String id, String user) throws IOException;

        /** The session's user, or {@code null} when there is no such session. */
        @Nullable String get(String id) throws IOException;
    }

    /** The servlet container's default: this JVM's memory; gone with the process. */
    static final class MemoryStore implements SessionStore {
        private final Map<String, String> sessions = new ConcurrentHashMap<>();

        @Override
        public void put(String id, String user) {
            sessions.put(id, user);
        }

        @Override
        public @Nullable String get(String id) {
            return sessions.get(id);
        }
    }

    /** Redis keys {@code session:<id>} with a 30-minute expiry, as Spring Session keeps them. */
    static final class RedisStore implements SessionStore {
        private static final int TTL_SECONDS = 1800;
        private final RespConnections redis;

        RedisStore(String host, int port) {
            this.redis = new RespConnections(host, port);
        }

        @Override
        public void put(String id, String user) throws IOException {
            redis.call("SET", "session:" + id, user, "EX", Integer.toString(TTL_SECONDS));
        }

        @Override
        public @Nullable String get(String id) throws IOException {
            return redis.call("GET", "session:" + id);
        }
    }
}

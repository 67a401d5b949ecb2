package dev.haneul.apps;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.gateway.HttpResponses;
import dev.haneul.core.gateway.HttpRoute;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /_haneul/api/apps}, the JSON API of {@link AppManager}:
 *
 * <pre>
 * GET    /_haneul/api/apps                  every app
 * GET    /_haneul/api/apps/NAME             one app
 * PUT    /_haneul/api/apps/NAME             register or replace it (body: jar, jvmOptions, arguments,
 *                                           environment, port, healthPath) and start it
 * POST   /_haneul/api/apps/NAME/start       start it
 * POST   /_haneul/api/apps/NAME/stop        stop it cleanly
 * POST   /_haneul/api/apps/NAME/kill        SIGKILL it, as a crash; it stays down
 * DELETE /_haneul/api/apps/NAME             stop and forget it
 * </pre>
 *
 * Starting waits for the app's health check, so the work runs on a virtual thread and the answer is
 * written back on the connection's event loop.
 */
public final class AppRoutes implements HttpRoute, AutoCloseable {

    /** Where the API lives. */
    public static final String PATH = "/_haneul/api/apps";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppManager apps;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public AppRoutes(AppManager apps) {
        this.apps = requireNonNull(apps, "apps");
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = request.uri().split("\\?", 2)[0];
        List<String> parts = new ArrayList<>(List.of(path.substring(PATH.length()).split("/")));
        parts.removeIf(String::isEmpty);
        HttpMethod method = request.method();
        byte[] body = ByteBufUtil.getBytes(request.content());
        Callable<Object> work = route(method, parts, body);
        if (work == null) {
            reply(ctx, 404, Map.of("message", "no such apps operation: " + method + " " + path), keepAlive);
            return;
        }
        executor.execute(() -> {
            int status = 200;
            Object answer;
            try {
                answer = work.call();
                if (answer == null) {
                    status = 204;
                }
            } catch (NoSuchElementException e) {
                status = 404;
                answer = Map.of("message", e.getMessage());
            } catch (IllegalArgumentException | IOException e) {
                status = 400;
                answer = Map.of("message", String.valueOf(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 503;
                answer = Map.of("message", "interrupted");
            } catch (Exception e) {
                status = 500;
                answer = Map.of("message", String.valueOf(e.getMessage()));
            }
            int finalStatus = status;
            Object finalAnswer = answer;
            ctx.executor().execute(() -> reply(ctx, finalStatus, finalAnswer, keepAlive));
        });
    }

    private Callable<Object> route(HttpMethod method, List<String> parts, byte[] body) {
        if (parts.isEmpty()) {
            return method.equals(HttpMethod.GET) ? apps::list : null;
        }
        String name = parts.get(0);
        if (parts.size() == 1) {
            if (method.equals(HttpMethod.GET)) {
                return () -> apps.view(name);
            }
            if (method.equals(HttpMethod.PUT)) {
                return () -> apps.put(spec(name, body));
            }
            if (method.equals(HttpMethod.DELETE)) {
                return () -> {
                    apps.remove(name);
                    return null;
                };
            }
            return null;
        }
        if (parts.size() == 2 && method.equals(HttpMethod.POST)) {
            return switch (parts.get(1)) {
                case "start" -> () -> apps.start(name);
                case "stop" -> () -> apps.stop(name);
                case "kill" -> () -> apps.kill(name);
                default -> null;
            };
        }
        return null;
    }

    private static AppSpec spec(String name, byte[] body) throws IOException {
        JsonNode node = JSON.readTree(body);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        Map<String, String> env = new LinkedHashMap<>();
        node.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return new AppSpec(name, node.path("jar").asText(null), strings(node.path("jvmOptions")),
                strings(node.path("arguments")), env, node.path("port").asInt(0), node.path("healthPath").asText("/"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static void reply(ChannelHandlerContext ctx, int status, Object answer, boolean keepAlive) {
        byte[] body;
        try {
            body = answer == null ? new byte[0] : JSON.writeValueAsBytes(answer);
        } catch (IOException e) {
            body = "{}".getBytes(StandardCharsets.UTF_8);
        }
        HttpResponses.write(ctx, status, "application/json", body, Map.of(), UUID.randomUUID().toString(), keepAlive);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

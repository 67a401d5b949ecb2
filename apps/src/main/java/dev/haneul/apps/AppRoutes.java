package dev.haneul.apps;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /_haneul/api/apps}, the JSON API of {@link AppManager}:
 *
 * <pre>
 * GET    /_haneul/api/apps                  every app
 * GET    /_haneul/api/apps/NAME             one app
 * PUT    /_haneul/api/apps/NAME             register or replace it and start it; body:
 *                                           {"kind": "board", "port": 8081, "parameters": {"dbWriterHost": …}}
 * POST   /_haneul/api/apps/NAME/start       start it
 * POST   /_haneul/api/apps/NAME/stop        stop it cleanly
 * POST   /_haneul/api/apps/NAME/kill        SIGKILL it, as a crash; it stays down
 * DELETE /_haneul/api/apps/NAME             stop and forget it
 * </pre>
 *
 * A body may only pick a kind of the server's {@link AppCatalogue} and give a port and that kind's
 * parameters; any other field (a jar, JVM options, arguments, environment) is refused, so no request
 * ever decides what runs. The gateway serves this API as a control route: every change carries the
 * server's token. Errors are {@code {"code": …, "message": …}}.
 *
 * <p>Starting waits for the app's health check, so the work runs on a virtual thread and the answer is
 * written back on the connection's event loop.
 */
public final class AppRoutes implements HttpRoute, AutoCloseable {

    /** Where the API lives. */
    public static final String PATH = "/_haneul/api/apps";

    private static final Logger log = LoggerFactory.getLogger(AppRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a PUT body may hold. */
    private static final Set<String> FIELDS = Set.of("kind", "port", "parameters");

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
        Callable<@Nullable Object> work = route(method, parts, body);
        if (work == null) {
            fail(ctx, CommonErrors.NOT_FOUND.error("No such apps operation: " + method + " " + path + "."),
                    keepAlive);
            return;
        }
        executor.execute(() -> {
            try {
                Object answer = work.call();
                ctx.executor().execute(() -> reply(ctx, answer == null ? 204 : 200, answer, keepAlive));
            } catch (NoSuchElementException e) {
                fail(ctx, CommonErrors.NOT_FOUND.error(e.getMessage() + "."), keepAlive);
            } catch (IllegalArgumentException e) {
                fail(ctx, CommonErrors.invalidParameterValue(e.getMessage() + "."), keepAlive);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(ctx, CommonErrors.serviceUnavailable("Haneul is stopping."), keepAlive);
            } catch (IOException e) {
                log.warn("apps - {} {} failed: {}", method, path, e.getMessage());
                // Not every IOException has a message; the error needs one.
                fail(ctx, CommonErrors.internalFailure(Objects.requireNonNullElse(e.getMessage(), e.toString())),
                        keepAlive);
            } catch (Exception e) {
                log.warn("apps - {} {} failed", method, path, e);
                fail(ctx, CommonErrors.internalFailure("The apps operation failed because of an unknown error; see the"
                        + " Haneul log."), keepAlive);
            }
        });
    }

    /** The work a request asks for (its answer null for none), or null when no operation matches. */
    private @Nullable Callable<@Nullable Object> route(HttpMethod method, List<String> parts, byte[] body) {
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

    /**
     * The spec a PUT body asks for: {@code kind}, {@code port} and {@code parameters} (text values),
     * nothing else.
     */
    static AppSpec spec(String name, byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            node = null; // the parser's message names Java types; say what is wanted instead
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object: {\"kind\": …, \"port\": …, \"parameters\": {…}}");
        }
        for (String field : (Iterable<String>) node::fieldNames) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("field '" + field + "' is not accepted: an app is launched from the"
                        + " server's catalogue, and a request only gives its kind, port and parameters");
            }
        }
        if (!node.path("kind").isTextual() || !node.path("port").canConvertToInt() || !node.path("port").isIntegralNumber()) {
            throw new IllegalArgumentException("the body needs a text 'kind' and a number 'port'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode given = node.path("parameters");
        if (!given.isMissingNode() && !given.isObject()) {
            throw new IllegalArgumentException("'parameters' must be an object of text values");
        }
        for (Map.Entry<String, JsonNode> parameter : given.properties()) {
            if (!parameter.getValue().isTextual()) {
                throw new IllegalArgumentException("parameter " + parameter.getKey() + " must be text");
            }
            parameters.put(parameter.getKey(), parameter.getValue().asText());
        }
        return new AppSpec(name, node.path("kind").asText(), node.path("port").asInt(), parameters);
    }

    private static void fail(ChannelHandlerContext ctx, AwsServiceException error, boolean keepAlive) {
        ctx.executor().execute(() -> HttpResponses.writeError(ctx, error, UUID.randomUUID().toString(), keepAlive));
    }

    private static void reply(ChannelHandlerContext ctx, int status, @Nullable Object answer, boolean keepAlive) {
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

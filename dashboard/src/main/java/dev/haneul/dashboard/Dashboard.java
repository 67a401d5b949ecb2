package dev.haneul.dashboard;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.apps.AppManager;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.gateway.ControlAccess;
import dev.haneul.core.gateway.HttpResponses;
import dev.haneul.core.gateway.HttpRoute;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live architecture dashboard under {@code /_haneul/}:
 *
 * <pre>
 * GET  /_haneul/                         the page (static files from this jar, nothing from the internet), with
 *                                        the server's token in it; the login form instead while a login is
 *                                        required ({@link ControlAccess#mayRead})
 * GET  /_haneul/static/NAME              its script and style sheet
 * GET  /_haneul/api/architecture         one {@link ArchitectureSnapshot} as JSON
 * GET  /_haneul/api/events               server-sent events: a snapshot every second, and right after an action
 *                                        (both read as the principal ?principal=ARN names, the root when absent:
 *                                        authorized as that principal's Describe and List calls under HANEUL_AUTH=iam)
 * GET  /_haneul/api/principals          who the actions may be run as (IAM's root, users, roles)
 * POST /_haneul/api/actions/ACTION       an AWS operation: failover-db-cluster {clusterId},
 *                                        test-failover {replicationGroupId, nodeGroupId},
 *                                        set-stickiness {targetGroupArn, enabled};
 *                                        as the principal header X-Haneul-Principal names (authorized as
 *                                        that principal under HANEUL_AUTH=iam), the caller in X-Haneul-Caller
 * </pre>
 *
 * Everything under {@link #API_PATH} is a control route: the gateway lets a change through only
 * with the server's token, which the page sends with each. Starting and stopping app instances is
 * the apps API's ({@code /_haneul/api/apps}), which the page calls directly. Snapshots and actions call providers, which may block: they run on virtual
 * threads, never on the connection's event loop. One ticker thread takes a snapshot only while
 * some browser listens, and sends the same bytes to every listener.
 */
public final class Dashboard implements HttpRoute, AutoCloseable {

    /** Where the dashboard lives. */
    public static final String PATH = "/_haneul";
    /** Its JSON API: control routes. */
    public static final String API_PATH = "/_haneul/api";
    /**
     * Headers of the pages: never cached (the page holds the token), never framed by another site
     * (clickjacking), no sniffing, no referrer to other sites. Not {@code no-referrer}: with it a
     * browser sends {@code Origin: null} on the page's own form posts, which the request guard refuses.
     */
    static final Map<String, String> PAGE_HEADERS = Map.of("Cache-Control", "no-store", "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'", "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin");
    /** The header an action names the principal to act as with (an ARN; the account's root when absent). */
    static final String PRINCIPAL_HEADER = "X-Haneul-Principal";
    /** The header an action's answer names its caller with, as AWS names it. */
    static final String CALLER_HEADER = "X-Haneul-Caller";
    /** How often listeners get a new snapshot. */
    static final long TICK_MILLIS = 1000;

    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTML = "text/html; charset=utf-8";
    private static final Map<String, String> STATIC_TYPES = Map.of("html", HTML,
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final AwsOperations aws;
    private final ControlAccess access;
    private final ArchitectureSnapshot snapshots;
    /** The event streams open, each with the principal it reads as ({@code ""} for the account's root). */
    private final Map<Channel, String> listeners = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    /** Static files by name; a handful of small ones, so kept for the server's life. */
    private static final Map<String, Optional<byte[]>> STATIC_FILES = new ConcurrentHashMap<>();

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread ticker;
    private volatile boolean closed;

    public Dashboard(List<ServiceProvider> providers, AppManager apps, HaneulConfig config, ControlAccess access,
                     Clock clock) {
        this.aws = new AwsOperations(requireNonNull(providers, "providers"), requireNonNull(config, "config"),
                requireNonNull(clock, "clock"));
        this.access = requireNonNull(access, "access");
        this.snapshots = new ArchitectureSnapshot(aws, requireNonNull(apps, "apps"), new ProcessSockets(Path.of("/proc")),
                new Rates(System::nanoTime));
        this.ticker = Thread.ofVirtual().name("dashboard-ticker").start(this::tick);
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = request.uri().split("\\?", 2)[0];
        String rest = path.length() <= PATH.length() ? "" : path.substring(PATH.length() + 1);
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.GET) && (rest.isEmpty() || rest.equals("index.html"))) {
            if (path.equals(PATH)) {
                HttpResponses.write(ctx, 301, "text/plain", new byte[0], Map.of("Location", PATH + "/"), id(), keepAlive);
                return;
            }
            servePage(ctx, request, keepAlive);
        } else if (method.equals(HttpMethod.GET) && rest.startsWith("static/")) {
            serveStatic(ctx, rest.substring("static/".length()), keepAlive);
        } else if (method.equals(HttpMethod.GET) && rest.equals("api/architecture")) {
            String principal = principalParameter(request.uri());
            executor.execute(() -> json(ctx, 200, snapshots.take(principal.isEmpty() ? null : principal), keepAlive));
        } else if (method.equals(HttpMethod.GET) && rest.equals("api/principals")) {
            executor.execute(() -> principals(ctx, keepAlive));
        } else if (method.equals(HttpMethod.GET) && rest.equals("api/events")) {
            subscribe(ctx, principalParameter(request.uri()));
        } else if (method.equals(HttpMethod.POST) && rest.startsWith("api/actions/")) {
            byte[] body = ByteBufUtil.getBytes(request.content());
            String action = rest.substring("api/actions/".length());
            String principal = request.headers().get(PRINCIPAL_HEADER);
            executor.execute(() -> act(ctx, action, body, principal, keepAlive));
        } else {
            HttpResponses.writeError(ctx, notFound("No such dashboard page: " + method + " " + path + "."), id(), keepAlive);
        }
    }

    /**
     * Runs an action. Failures answer AWS's error code and message, as the API would; never a Java
     * type or exception text (a body that is not JSON, a provider's bug).
     */
    private void act(ChannelHandlerContext ctx, String action, byte[] body, @Nullable String principal,
                     boolean keepAlive) {
        try {
            Map<?, ?> input = input(body);
            AwsOperations.Acted result = switch (action) {
                case "failover-db-cluster" -> aws.call("rds", "FailoverDBCluster",
                        Map.of("DBClusterIdentifier", text(input, "clusterId")), principal);
                case "test-failover" -> aws.call("elasticache", "TestFailover",
                        Map.of("ReplicationGroupId", text(input, "replicationGroupId"),
                                "NodeGroupId", text(input, "nodeGroupId")), principal);
                case "set-stickiness" -> aws.call("elbv2", "ModifyTargetGroupAttributes", Map.of(
                        "TargetGroupArn", text(input, "targetGroupArn"),
                        "Attributes", List.of(
                                Map.of("Key", "stickiness.enabled", "Value", String.valueOf(Boolean.TRUE.equals(input.get("enabled")))),
                                Map.of("Key", "stickiness.type", "Value", "lb_cookie"))), principal);
                default -> throw notFound("No such dashboard action: " + action + ".");
            };
            log.info("dashboard - {} {} as {}", action, input, result.caller());
            byte[] bytes = JSON.writeValueAsBytes(ArchitectureSnapshot.plain(result.output()));
            HttpResponses.write(ctx, 200, "application/json", bytes, Map.of(CALLER_HEADER, result.caller()), id(),
                    keepAlive);
            wake.release();
        } catch (AwsServiceException e) {
            HttpResponses.writeError(ctx, e, id(), keepAlive);
        } catch (IOException | RuntimeException e) {
            log.warn("dashboard - action {} failed", action, e);
            HttpResponses.writeError(ctx, CommonErrors.internalFailure("The action " + action + " failed because of an"
                    + " unknown error; see the Haneul log."), id(), keepAlive);
        }
    }

    /**
     * Who the dashboard may act as: {@code {"enforcing": …, "principals": [{arn, kind, name}…]}}
     * (no principals without IAM; every principal may do everything unless {@code HANEUL_AUTH=iam}).
     */
    private void principals(ChannelHandlerContext ctx, boolean keepAlive) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("enforcing", aws.enforcing());
            body.put("principals", aws.principals());
            json(ctx, 200, body, keepAlive);
        } catch (RuntimeException e) {
            log.warn("dashboard - listing principals failed", e);
            HttpResponses.writeError(ctx, CommonErrors.internalFailure("Cannot list the principals; see the Haneul"
                    + " log."), id(), keepAlive);
        }
    }

    /** The action's JSON object; anything else is {@code InvalidParameterValue}. */
    private static Map<?, ?> input(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        try {
            if (JSON.readTree(body) instanceof ObjectNode object) {
                return JSON.convertValue(object, Map.class);
            }
        } catch (IOException e) {
            // not JSON: answered below, without the parser's message (it names Java types)
        }
        throw CommonErrors.invalidParameterValue("The request body must be a JSON object.");
    }

    /** A text member of the action's input; a missing or empty one is {@code MissingParameter}. */
    private static String text(Map<?, ?> input, String name) {
        Object value = input.get(name);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw CommonErrors.missingParameter(name);
        }
        return text;
    }

    /** The {@code principal} query parameter of {@code uri} (an ARN), {@code ""} when absent. */
    static String principalParameter(String uri) {
        int question = uri.indexOf('?');
        if (question < 0) {
            return "";
        }
        for (String pair : uri.substring(question + 1).split("&")) {
            if (pair.startsWith("principal=")) {
                return URLDecoder.decode(pair.substring("principal=".length()), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private void subscribe(ChannelHandlerContext ctx, String principal) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setTransferEncodingChunked(response, true);
        Channel channel = ctx.channel();
        channel.writeAndFlush(response);
        listeners.put(channel, principal);
        channel.closeFuture().addListener(f -> listeners.remove(channel));
        wake.release();
    }

    /**
     * Sends a snapshot to every listener each second, or at once when woken (a new listener, an
     * action): one snapshot per principal listened as, the same bytes to its listeners.
     */
    private void tick() {
        while (!closed) {
            try {
                wake.tryAcquire(TICK_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (listeners.isEmpty() || closed) {
                    continue;
                }
                Map<String, byte[]> events = new HashMap<>();
                for (Map.Entry<Channel, String> listener : listeners.entrySet()) {
                    String principal = listener.getValue();
                    byte[] event = events.get(principal);
                    if (event == null) {
                        event = ("event: architecture\ndata: " + JSON.writeValueAsString(
                                snapshots.take(principal.isEmpty() ? null : principal)) + "\n\n")
                                .getBytes(StandardCharsets.UTF_8);
                        events.put(principal, event);
                    }
                    listener.getKey().writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(event)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("dashboard - snapshot failed", e);
            }
        }
    }

    /**
     * The dashboard page with the token in it for whoever may read, else the login form (only
     * while a login is required). The page is never cached and never framed.
     */
    private void servePage(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        boolean mayRead = access.mayRead(request);
        byte[] page;
        try {
            page = STATIC_FILES.computeIfAbsent(mayRead ? "index.html" : "login.html", Dashboard::readStatic).orElseThrow();
        } catch (UncheckedIOException | NoSuchElementException e) {
            HttpResponses.writeError(ctx, CommonErrors.internalFailure("The dashboard page is missing from the jar."),
                    id(), keepAlive);
            return;
        }
        if (mayRead) {
            page = new String(page, StandardCharsets.UTF_8).replace("<meta name=\"haneul-token\" content=\"\">",
                    "<meta name=\"haneul-token\" content=\"" + access.token() + "\">").getBytes(StandardCharsets.UTF_8);
        }
        HttpResponses.write(ctx, 200, HTML, page, PAGE_HEADERS, id(), keepAlive);
    }

    private void serveStatic(ChannelHandlerContext ctx, String name, boolean keepAlive) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String type = STATIC_TYPES.get(extension);
        if (type == null || name.contains("..") || name.contains("/") || name.endsWith(".html")) {
            HttpResponses.writeError(ctx, notFound("No such file: " + name + "."), id(), keepAlive);
            return;
        }
        byte[] content;
        try {
            content = STATIC_FILES.computeIfAbsent(name, Dashboard::readStatic).orElse(null);
        } catch (UncheckedIOException e) {
            HttpResponses.writeError(ctx, CommonErrors.internalFailure("Cannot read " + name + " from the jar."), id(),
                    keepAlive);
            return;
        }
        if (content == null) {
            HttpResponses.writeError(ctx, notFound("No such file: " + name + "."), id(), keepAlive);
            return;
        }
        HttpResponses.write(ctx, 200, type, content, Map.of("Cache-Control", "no-cache"), id(), keepAlive);
    }

    /**
     * A static file from the jar, read once: this runs on an event loop, where reading the jar
     * again for every page view would be blocking I/O.
     */
    private static Optional<byte[]> readStatic(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream("static/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void json(ChannelHandlerContext ctx, int status, Object body, boolean keepAlive) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            bytes = ("{\"code\":\"InternalFailure\",\"message\":\"Cannot write the answer as JSON.\"}").getBytes(StandardCharsets.UTF_8);
            status = 500;
        }
        HttpResponses.write(ctx, status, "application/json", bytes, Map.of(), id(), keepAlive);
    }

    private static AwsServiceException notFound(String message) {
        return CommonErrors.NOT_FOUND.error(message);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        closed = true;
        ticker.interrupt();
        listeners.keySet().forEach(channel -> channel.close());
        executor.shutdownNow();
    }
}

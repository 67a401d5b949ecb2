package dev.haneul.core.gateway;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection handler: Haneul's own routes run inline (control routes only when the
 * {@link ControlAccess} authorizes the request); AWS API requests are copied out of Netty buffers
 * and dispatched on a virtual thread (providers may block), and the answer is written back on the
 * event loop (a streamed body, such as an S3 object, from a virtual thread: {@link StreamedResponses}).
 * Reading pauses while a request is in flight, so pipelined requests are answered in
 * order. A request's share of the {@link BodyBudget} is given back once it has been answered.
 */
final class GatewayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

    private final ApiDispatcher dispatcher;
    private final Map<String, GatewayServer.Route> routes;
    private final ControlAccess access;
    private final BodyBudget.Connection bodies;
    private final ExecutorService executor;
    private final Duration requestTimeout;
    private final Clock clock;

    GatewayHandler(ApiDispatcher dispatcher, Map<String, GatewayServer.Route> routes, ControlAccess access,
                   BodyBudget.Connection bodies, ExecutorService executor, Duration requestTimeout, Clock clock) {
        this.dispatcher = dispatcher;
        this.routes = routes;
        this.access = access;
        this.bodies = bodies;
        this.executor = executor;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long reserved = bodies.take();
        String requestId = UUID.randomUUID().toString();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            bodies.release(reserved);
            writeError(ctx, CommonErrors.INVALID_QUERY_PARAMETER.error(
                    "The request could not be parsed as HTTP: " + request.decoderResult().cause().getMessage()),
                    isJson(request), requestId, false);
            return;
        }
        String uri = request.uri();
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? "" : uri.substring(question + 1);
        if (path.startsWith("/_haneul")) {
            try {
                serveRoute(ctx, request, path, requestId, keepAlive);
            } finally {
                bodies.release(reserved); // routes copy what they need from the body before returning
            }
            return;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().size());
        request.headers().forEach(headers::add);
        ApiRequest api = new ApiRequest(requestId, request.method().name(), path, query, headers,
                ByteBufUtil.getBytes(request.content()), clock.instant());
        boolean json = isJson(request);
        ctx.channel().config().setAutoRead(false);
        CompletableFuture.supplyAsync(() -> dispatcher.dispatch(api), executor)
                .orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> ctx.channel().eventLoop().execute(() -> {
                    if (failure != null) {
                        log.error("gateway - request {} did not finish within {}", requestId, requestTimeout,
                                failure instanceof TimeoutException ? null : failure);
                        writeError(ctx, CommonErrors.internalFailure("The request did not finish within "
                                + requestTimeout.toSeconds() + " s (request " + requestId + ")."), json, requestId, keepAlive);
                    } else if (response.stream() != null) {
                        bodies.release(reserved);
                        boolean head = request.method().equals(HttpMethod.HEAD);
                        executor.execute(() -> {
                            boolean usable = StreamedResponses.write(ctx, response, requestId, keepAlive, head);
                            if (usable) {
                                ctx.channel().eventLoop().execute(() -> ctx.channel().config().setAutoRead(true));
                            }
                        });
                        return;
                    } else {
                        HttpResponses.write(ctx, response.status(), response.contentType(), response.body(),
                                response.headers(), requestId, keepAlive);
                    }
                    bodies.release(reserved);
                    ctx.channel().config().setAutoRead(true);
                }));
    }

    /** A {@code /_haneul} request: the route with the longest matching prefix, if it may be used. */
    private void serveRoute(ChannelHandlerContext ctx, FullHttpRequest request, String path, String requestId,
                            boolean keepAlive) {
        GatewayServer.Route best = null;
        int bestLength = -1;
        for (Map.Entry<String, GatewayServer.Route> e : routes.entrySet()) {
            String prefix = e.getKey();
            if ((path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"))
                    && prefix.length() > bestLength) {
                best = e.getValue();
                bestLength = prefix.length();
            }
        }
        if (best == null) {
            HttpResponses.writeError(ctx, CommonErrors.NOT_FOUND.error("No such Haneul page: " + path + "."),
                    requestId, keepAlive);
            return;
        }
        if (best.control()) {
            Optional<AwsServiceException> refusal = access.authorize(request);
            if (refusal.isPresent()) {
                HttpResponses.writeError(ctx, refusal.get(), requestId, keepAlive);
                return;
            }
        }
        best.handler().handle(ctx, request);
    }

    private void writeError(ChannelHandlerContext ctx, AwsServiceException error, boolean json, String requestId,
                            boolean keepAlive) {
        ApiResponse response = dispatcher.error(error, null, json, requestId);
        HttpResponses.write(ctx, response.status(), response.contentType(), response.body(), response.headers(),
                requestId, keepAlive);
    }

    static boolean isJson(HttpRequest request) {
        String type = request.headers().get("Content-Type", "");
        return request.headers().contains("X-Amz-Target") || type.startsWith("application/x-amz-json");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("gateway - connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

package dev.haneul.core.gateway;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-connection handler: Haneul's own routes run inline; AWS API requests are copied out of Netty
 * buffers and dispatched on a virtual thread (providers may block), and the answer is written back
 * on the event loop. Reading pauses while a request is in flight, so pipelined requests are answered
 * in order.
 */
final class GatewayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

    private final ApiDispatcher dispatcher;
    private final Map<String, HttpRoute> routes;
    private final ExecutorService executor;
    private final Duration requestTimeout;
    private final Clock clock;

    GatewayHandler(ApiDispatcher dispatcher, Map<String, HttpRoute> routes, ExecutorService executor,
                   Duration requestTimeout, Clock clock) {
        this.dispatcher = dispatcher;
        this.routes = routes;
        this.executor = executor;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestId = UUID.randomUUID().toString();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            writeError(ctx, CommonErrors.INVALID_QUERY_PARAMETER.error(
                    "The request could not be parsed as HTTP: " + request.decoderResult().cause().getMessage()),
                    isJson(request), requestId, false);
            return;
        }
        String uri = request.uri();
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? "" : uri.substring(question + 1);
        HttpRoute route = route(path);
        if (route != null) {
            route.handle(ctx, request);
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
                    } else {
                        HttpResponses.write(ctx, response.status(), response.contentType(), response.body(),
                                response.headers(), requestId, keepAlive);
                    }
                    ctx.channel().config().setAutoRead(true);
                }));
    }

    private HttpRoute route(String path) {
        if (!path.startsWith("/_haneul")) {
            return null;
        }
        HttpRoute best = null;
        int bestLength = -1;
        for (Map.Entry<String, HttpRoute> e : routes.entrySet()) {
            String prefix = e.getKey();
            if ((path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"))
                    && prefix.length() > bestLength) {
                best = e.getValue();
                bestLength = prefix.length();
            }
        }
        return best != null ? best : (ctx, request) -> HttpResponses.write(ctx, 404, "application/json",
                "{\"message\":\"no such Haneul page\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of(), UUID.randomUUID().toString(), HttpUtil.isKeepAlive(request));
    }

    private void writeError(ChannelHandlerContext ctx, AwsServiceException error, boolean json, String requestId,
                            boolean keepAlive) {
        ApiResponse response = dispatcher.error(error, null, json, requestId);
        HttpResponses.write(ctx, response.status(), response.contentType(), response.body(), response.headers(),
                requestId, keepAlive);
    }

    static boolean isJson(io.netty.handler.codec.http.HttpRequest request) {
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

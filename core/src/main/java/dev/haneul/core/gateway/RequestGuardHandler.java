package dev.haneul.core.gateway;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceProvider;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RequestGuard} on each request's head, before any of its body is buffered. A
 * refused request is answered at once; the rest of its body is read and dropped and the
 * connection closes after its last chunk (closing earlier would make some clients see a reset
 * instead of the answer).
 *
 * <p>A cross-origin request a {@link CrossOriginPolicy} decides ({@link RequestGuard#crossOrigin})
 * is handled here too: its preflight is answered here and goes no further, whatever it asks; an
 * actual request the policy allows passes on, and this handler adds the policy's CORS headers to
 * its answer (one request at a time per connection, as HTTP/1.1 clients send them).
 */
final class RequestGuardHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestGuardHandler.class);

    private final RequestGuard guard;
    private final ApiDispatcher dispatcher;
    private boolean discarding;
    private @Nullable Map<String, String> corsHeaders;

    RequestGuardHandler(RequestGuard guard, ApiDispatcher dispatcher) {
        this.guard = guard;
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            corsHeaders = null;
            Optional<RequestGuard.CrossOrigin> crossOrigin = guard.crossOrigin(request);
            if (crossOrigin.isPresent() && crossOrigin.get().preflight()) {
                answerPreflight(ctx, request, crossOrigin.get());
            } else {
                Optional<Map<String, String>> allowed = crossOrigin.flatMap(RequestGuard.CrossOrigin::allowedHeaders);
                Optional<AwsServiceException> refusal = allowed.isPresent() ? Optional.empty() : guard.check(request);
                if (refusal.isPresent()) {
                    refuse(ctx, request, refusal.get());
                } else {
                    corsHeaders = allowed.orElse(null);
                }
            }
        }
        if (discarding) {
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last) {
                ctx.close();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** The CORS headers of an allowed cross-origin request go on its answer (not on a 100 Continue). */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        Map<String, String> headers = corsHeaders;
        if (headers != null && msg instanceof HttpResponse response
                && !response.status().equals(HttpResponseStatus.CONTINUE)) {
            headers.forEach((name, value) -> response.headers().set(name, value));
            corsHeaders = null;
        }
        super.write(ctx, msg, promise);
    }

    /** A preflight never reaches an operation: 200 with the policy's headers, or its error. */
    private void answerPreflight(ChannelHandlerContext ctx, HttpRequest request, RequestGuard.CrossOrigin decision) {
        String requestId = UUID.randomUUID().toString();
        if (decision.answer() instanceof CrossOriginPolicy.Answer.Refused refused) {
            log.debug("gateway - CORS preflight {} {} refused: {}", request.method(), request.uri(),
                    refused.error().getMessage());
            ServiceProvider provider = decision.policy() instanceof ServiceProvider p ? p : null;
            ApiResponse response = dispatcher.error(refused.error(), provider, false, requestId);
            ctx.writeAndFlush(HttpResponses.response(response.status(), response.contentType(), response.body(),
                    response.headers(), requestId, false));
        } else {
            Map<String, String> headers = decision.allowedHeaders().orElse(Map.of());
            ctx.writeAndFlush(HttpResponses.response(200, "", new byte[0], headers, requestId, false));
        }
        discarding = true;
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request, AwsServiceException refusal) {
        String requestId = UUID.randomUUID().toString();
        log.info("gateway - refused {} {} from {}: {}", request.method(), request.uri(), ctx.channel().remoteAddress(),
                refusal.getMessage());
        ctx.writeAndFlush(ErrorResponses.response(refusal, request, dispatcher, requestId, false));
        discarding = true;
    }
}

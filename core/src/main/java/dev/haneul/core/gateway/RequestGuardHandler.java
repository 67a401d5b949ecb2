package dev.haneul.core.gateway;

import dev.haneul.core.api.AwsServiceException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RequestGuard} on each request's head, before any of its body is buffered. A
 * refused request is answered at once; the rest of its body is read and dropped and the
 * connection closes after its last chunk (closing earlier would make some clients see a reset
 * instead of the answer).
 */
final class RequestGuardHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RequestGuardHandler.class);

    private final RequestGuard guard;
    private final ApiDispatcher dispatcher;
    private boolean discarding;

    RequestGuardHandler(RequestGuard guard, ApiDispatcher dispatcher) {
        this.guard = guard;
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            Optional<AwsServiceException> refusal = guard.check(request);
            if (refusal.isPresent()) {
                String requestId = UUID.randomUUID().toString();
                log.info("gateway - refused {} {} from {}: {}", request.method(), request.uri(),
                        ctx.channel().remoteAddress(), refusal.get().getMessage());
                ctx.writeAndFlush(ErrorResponses.response(refusal.get(), request, dispatcher, requestId, false));
                discarding = true;
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
}

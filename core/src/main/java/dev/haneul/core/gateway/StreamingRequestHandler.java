package dev.haneul.core.gateway;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.protocol.StreamingBlob;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Large uploads skip aggregation: a {@code PUT} whose body is over {@link #STREAM_ABOVE} bytes or
 * of unknown length (an S3 object or part) is dispatched as soon as its head has arrived, with a
 * {@link StreamingBody} the provider reads while Netty still receives the rest (with
 * backpressure). Everything else goes on to the aggregator unchanged, so the other services see
 * no difference.
 *
 * <p>The answer waits for the provider, as always. A provider that answers before the body has
 * fully arrived (an error, a precondition) gets the rest of the body dropped and the connection
 * closed after its answer. A hex {@code x-amz-content-sha256} is checked as the body is read
 * ({@code XAmzContentSHA256Mismatch}); the signature itself is checked with that declared hash
 * ({@code SigV4Signing}).
 */
final class StreamingRequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(StreamingRequestHandler.class);

    /** Bodies above this size stream; smaller ones are aggregated as before. */
    static final long STREAM_ABOVE = 1024 * 1024;

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final ApiDispatcher dispatcher;
    private final ExecutorService executor;
    private final Clock clock;
    private @Nullable StreamingBody current;
    /** Messages of a next (pipelined) request that arrived before the streamed one was answered. */
    private final ArrayDeque<Object> pending = new ArrayDeque<>();

    StreamingRequestHandler(ApiDispatcher dispatcher, ExecutorService executor, Clock clock) {
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.clock = clock;
    }

    static boolean streams(HttpRequest request) {
        if (request instanceof FullHttpRequest || !request.decoderResult().isSuccess()
                || !request.method().equals(HttpMethod.PUT) || request.uri().startsWith("/_haneul")) {
            return false;
        }
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > STREAM_ABOVE;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (current != null) {
            if (msg instanceof HttpContent content && !(msg instanceof HttpRequest)) {
                try {
                    current.offer(content.content());
                    if (content instanceof LastHttpContent) {
                        current.end();
                        ctx.channel().config().setAutoRead(false); // the next request waits for this answer
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            } else {
                pending.add(msg);
            }
            return;
        }
        if (msg instanceof HttpRequest request && streams(request)) {
            start(ctx, request);
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            request.headers().remove(HttpHeaderNames.EXPECT);
        }
        StreamingBody body = new StreamingBody(ctx.channel());
        current = body;
        String requestId = UUID.randomUUID().toString();
        boolean keepAliveAsked = HttpUtil.isKeepAlive(request);
        String uri = request.uri();
        int question = uri.indexOf('?');
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().size());
        request.headers().forEach(headers::add);
        long length = HttpUtil.isTransferEncodingChunked(request) ? -1 : HttpUtil.getContentLength(request, -1L);
        InputStream stream = request.headers().get("x-amz-content-sha256", "").strip().matches(HEX_SHA256.pattern())
                ? new Sha256Check(body, request.headers().get("x-amz-content-sha256").strip()) : body;
        ApiRequest api = new ApiRequest(requestId, request.method().name(), question < 0 ? uri : uri.substring(0, question),
                question < 0 ? "" : uri.substring(question + 1), headers, new byte[0], clock.instant(),
                StreamingBlob.of(stream, length));
        boolean headRequest = request.method().equals(HttpMethod.HEAD);
        executor.execute(() -> {
            ApiResponse response = dispatcher.dispatch(api);
            body.close();
            boolean keepAlive = keepAliveAsked && body.complete();
            boolean usable;
            if (response.stream() != null) {
                usable = StreamedResponses.write(ctx, response, requestId, keepAlive, headRequest);
            } else {
                HttpResponses.write(ctx, response.status(), response.contentType(), response.body(), response.headers(),
                        requestId, keepAlive);
                usable = keepAlive;
            }
            ctx.channel().eventLoop().execute(() -> finish(ctx, usable));
        });
    }

    /** Event loop: the streamed request is answered; the next one may come. */
    private void finish(ChannelHandlerContext ctx, boolean usable) {
        current = null;
        if (!usable) {
            pending.forEach(ReferenceCountUtil::release);
            pending.clear();
            return;
        }
        while (!pending.isEmpty() && current == null) {
            channelRead(ctx, pending.poll());
        }
        if (current == null) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            current.fail(new IOException("the client closed the connection before the request body ended (received "
                    + current.received() + " bytes)"));
        }
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (current != null) {
            log.debug("gateway - streamed request body failed: {}", cause.toString());
            current.fail(new IOException("the request body failed: " + cause.getMessage(), cause));
        }
        super.exceptionCaught(ctx, cause);
    }

    /**
     * A body checked against its declared {@code x-amz-content-sha256} as it is read: at its end, a
     * different hash fails the read with S3's {@code XAmzContentSHA256Mismatch}, so nothing is stored.
     */
    private static final class Sha256Check extends FilterInputStream {
        private final MessageDigest digest;
        private final String declared;
        private boolean checked;

        Sha256Check(InputStream in, String declared) {
            super(in);
            this.declared = declared.toLowerCase(Locale.ROOT);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
            } else if (n < 0 && !checked) {
                checked = true;
                String computed = HexFormat.of().formatHex(digest.digest());
                if (!computed.equals(declared)) {
                    throw new AwsServiceException(400, "XAmzContentSHA256Mismatch",
                            "The provided 'x-amz-content-sha256' header does not match what was computed.");
                }
            }
            return n;
        }
    }
}

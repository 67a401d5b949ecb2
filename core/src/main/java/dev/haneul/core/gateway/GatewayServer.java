package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.netty.EventLoopRuntime;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server on {@code 127.0.0.1:HANEUL_PORT} that every AWS API call and every
 * {@code /_haneul/} page goes through. The pipeline, in order:
 *
 * <ol>
 *   <li>{@link IdleStateHandler} — a connection idle for {@link #IDLE_TIMEOUT} is closed;
 *   <li>{@link HttpServerCodec} — HTTP/1.1, with limits on the request line and headers;
 *   <li>{@link RequestGuardHandler} — the {@link RequestGuard}: refuses, before reading any body,
 *       requests whose {@code Host} is not local (DNS rebinding), CORS preflights and what a
 *       browser marks as coming from another site;
 *   <li>{@link AwsContentDecompressor} — request bodies sent with {@code Content-Encoding: gzip}
 *       (also appended to another encoding, as the SDKs' request compression does);
 *   <li>an {@link HttpObjectAggregator} that answers an oversized body with an AWS-shaped 413, and
 *       a body that does not fit the {@link BodyBudget} shared by all connections with a 503;
 *   <li>{@link GatewayHandler} — {@code /_haneul/} routes (control routes only with the
 *       {@link ControlAccess} token or a session), else {@link ApiDispatcher} on a virtual thread.
 * </ol>
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    /** Largest request body accepted, after decompression. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** Request-body bytes held at once across all connections: four of the largest bodies. */
    public static final long DEFAULT_BODY_BUDGET_BYTES = 4L * DEFAULT_MAX_BODY_BYTES;
    /** Connections idle this long are closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** A request whose provider has not answered by then gets a 500. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final Channel channel;
    private final ExecutorService executor;
    private final BodyBudget bodyBudget;

    private GatewayServer(Channel channel, ExecutorService executor, BodyBudget bodyBudget) {
        this.channel = channel;
        this.executor = executor;
        this.bodyBudget = bodyBudget;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Request-body bytes held right now (reserved in the {@link BodyBudget}). */
    public long bodyBytesInUse() {
        return bodyBudget.inUse();
    }

    /** The bound address (useful when the configured port was 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Configures and binds a {@link GatewayServer}. */
    public static final class Builder {
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 4566);
        private @Nullable EventLoopRuntime runtime;
        private @Nullable ApiDispatcher dispatcher;
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private RequestGuard guard = new RequestGuard(List.of());
        private @Nullable ControlAccess access;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private long bodyBudgetBytes = DEFAULT_BODY_BUDGET_BYTES;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder address(InetSocketAddress address) {
            this.address = requireNonNull(address, "address");
            return this;
        }

        /** The server's event loops; the gateway shares them with every data plane. */
        public Builder runtime(EventLoopRuntime runtime) {
            this.runtime = requireNonNull(runtime, "runtime");
            return this;
        }

        public Builder dispatcher(ApiDispatcher dispatcher) {
            this.dispatcher = requireNonNull(dispatcher, "dispatcher");
            return this;
        }

        /**
         * Serves {@code path} and everything below it with {@code route}, to anyone the
         * {@link RequestGuard} lets through; the longest prefix wins.
         */
        public Builder route(String path, HttpRoute route) {
            return addRoute(path, route, false);
        }

        /**
         * Serves {@code path} and everything below it with {@code route}, only to requests the
         * {@link ControlAccess} authorizes (the token for changes, a session to read when login is
         * required); the longest prefix wins.
         */
        public Builder controlRoute(String path, HttpRoute route) {
            return addRoute(path, route, true);
        }

        private Builder addRoute(String path, HttpRoute route, boolean control) {
            requireNonNull(path, "path");
            if (!path.startsWith("/_haneul")) {
                throw new IllegalArgumentException("path: " + path + " (expected: under /_haneul)");
            }
            routes.put(path, new Route(requireNonNull(route, "route"), control));
            return this;
        }

        /** The checks every request passes first (default: loopback and {@code localhost} only). */
        public Builder guard(RequestGuard guard) {
            this.guard = requireNonNull(guard, "guard");
            return this;
        }

        /** Who may use the control routes (default: a new token, reads open). */
        public Builder access(ControlAccess access) {
            this.access = requireNonNull(access, "access");
            return this;
        }

        /** Request-body bytes held at once across all connections (default {@link #DEFAULT_BODY_BUDGET_BYTES}). */
        public Builder bodyBudgetBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("bodyBudgetBytes: " + bytes + " (expected: > 0)");
            }
            this.bodyBudgetBytes = bytes;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout: " + requestTimeout + " (expected: > 0)");
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Binds the server.
         *
         * @throws IOException naming the address when it cannot be bound (port taken, address not local)
         */
        public GatewayServer bind() throws IOException {
            ApiDispatcher api = requireNonNull(dispatcher, "dispatcher");
            EventLoopRuntime loops = requireNonNull(runtime, "runtime");
            ExecutorService executor = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("haneul-api-", 0).factory());
            Map<String, Route> routeTable = Map.copyOf(routes);
            RequestGuard requestGuard = guard;
            ControlAccess controlAccess = access != null ? access : ControlAccess.create(Map.of(), clock);
            BodyBudget budget = new BodyBudget(bodyBudgetBytes);
            int maxBody = maxBodyBytes;
            Duration timeout = requestTimeout;
            Clock time = clock;
            ServerBootstrap bootstrap = loops.serverBootstrap()
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            BodyBudget.Connection bodies = budget.connection();
                            ch.pipeline()
                                    .addLast(new IdleStateHandler(0, 0, IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                                    .addLast(new HttpServerCodec(16 * 1024, 64 * 1024, 64 * 1024))
                                    .addLast(new RequestGuardHandler(requestGuard, api))
                                    .addLast(new AwsContentDecompressor())
                                    .addLast(new StreamingRequestHandler(api, executor, time))
                                    .addLast(new AwsAggregator(maxBody, api, bodies))
                                    .addLast(new GatewayHandler(api, routeTable, controlAccess, bodies, executor,
                                            timeout, time));
                        }
                    });
            try {
                Channel channel = bootstrap.bind(address).sync().channel();
                log.info("gateway - listening on http://{}:{}", address.getHostString(),
                        ((InetSocketAddress) channel.localAddress()).getPort());
                return new GatewayServer(channel, executor, budget);
            } catch (Exception e) {
                executor.shutdownNow();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                BindException bind = new BindException("cannot listen on " + address.getHostString() + ":" + address.getPort()
                        + " (" + e.getMessage() + "); is another Haneul or program using it? Set HANEUL_PORT to choose another port.");
                bind.initCause(e);
                throw bind;
            }
        }
    }

    /** A route and whether it is a control route ({@link Builder#controlRoute}). */
    record Route(HttpRoute handler, boolean control) {}

    /** {@link #bodyReservation}: the body reserves its bytes as they arrive, its size not being known up front. */
    static final long AS_IT_ARRIVES = -1;

    /**
     * What a request's body reserves when its head arrives: its {@code Content-Length} (none without
     * one), so a body that does not fit is refused before the client sends it. A body whose size is
     * not known up front — chunked, or compressed and so may grow when decoded — reserves
     * {@link #AS_IT_ARRIVES}: each piece as it arrives, not the largest body at once (which capped
     * concurrent uploads of unknown length at four). Nothing for a body over the limit: that one is
     * answered with a 413 and never buffered. {@code aws-chunked} (S3's signed or checksummed
     * framing) only adds bytes around the payload, so it does not count as compression.
     */
    static long bodyReservation(HttpRequest request, long maxContentLength) {
        if (HttpUtil.isTransferEncodingChunked(request)) {
            return AS_IT_ARRIVES;
        }
        long length = HttpUtil.getContentLength(request, 0L);
        if (length > maxContentLength) {
            return 0;
        }
        return length > 0 && mayGrowWhenDecoded(request.headers().get(HttpHeaderNames.CONTENT_ENCODING))
                ? AS_IT_ARRIVES : length;
    }

    private static boolean mayGrowWhenDecoded(@Nullable String contentEncoding) {
        if (contentEncoding == null) {
            return false;
        }
        for (String coding : contentEncoding.split(",")) {
            String name = coding.trim();
            if (!name.isEmpty() && !name.equalsIgnoreCase("aws-chunked") && !name.equalsIgnoreCase("identity")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Aggregates request bodies up to a limit, and within the {@link BodyBudget}: answers larger
     * ones with an AWS-shaped 413 and those that do not fit the budget with a 503.
     *
     * <p>Trap: closing the connection right after such an answer, while the client is still sending
     * its body, makes many clients see a reset instead of the answer. So the rest of the body is read
     * and dropped (for the 413 the aggregator does that), and the connection closes once its last
     * chunk has arrived — a lingering close, bounded by the idle timeout.
     */
    private static final class AwsAggregator extends HttpObjectAggregator {
        private final ApiDispatcher dispatcher;
        private final BodyBudget.Connection bodies;
        private boolean closeAfterRequest;
        private boolean discarding;
        /** Whether the request being received reserves its body piece by piece ({@link #AS_IT_ARRIVES}). */
        private boolean reservingAsItArrives;
        private boolean receivingJson;
        private String receivingUri = "";

        AwsAggregator(int maxContentLength, ApiDispatcher dispatcher, BodyBudget.Connection bodies) {
            super(maxContentLength);
            this.dispatcher = dispatcher;
            this.bodies = bodies;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            String requestId = UUID.randomUUID().toString();
            boolean json = oversized instanceof HttpRequest request && GatewayHandler.isJson(request);
            ApiResponse response = dispatcher.error(CommonErrors.REQUEST_ENTITY_TOO_LARGE.error(
                    "The request body is larger than " + maxContentLength() + " bytes."), null, json, requestId);
            ctx.writeAndFlush(HttpResponses.response(response.status(), response.contentType(), response.body(),
                    response.headers(), requestId, false));
            closeAfterRequest = true;
            reservingAsItArrives = false; // the aggregator drops the rest; nothing more is held
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            boolean last = msg instanceof LastHttpContent;
            if (discarding) {
                ReferenceCountUtil.release(msg);
                if (last) {
                    ctx.close();
                }
                return;
            }
            if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
                long upFront = reservation(request);
                reservingAsItArrives = upFront == AS_IT_ARRIVES;
                receivingJson = GatewayHandler.isJson(request);
                receivingUri = request.uri();
                if (!bodies.reserve(Math.max(0, upFront))) {
                    refuse(ctx, msg, last);
                    return;
                }
            } else if (reservingAsItArrives && msg instanceof HttpContent content
                    && !bodies.reserve(content.content().readableBytes())) {
                // Part of the body is aggregated already; it stays reserved until the connection
                // closes (channelInactive releases both), after the rest of the body is dropped.
                refuse(ctx, msg, last);
                return;
            }
            if (last) {
                bodies.handOver();
            }
            super.channelRead(ctx, msg);
            if (last) {
                bodies.releaseUntaken();
                if (closeAfterRequest) {
                    ctx.close();
                }
            }
        }

        /**
         * Answers 503 for a body that does not fit the budget (at its head, or part way for one that
         * reserves as it arrives) and drops the rest of it as it arrives.
         */
        private void refuse(ChannelHandlerContext ctx, Object msg, boolean last) {
            String requestId = UUID.randomUUID().toString();
            AwsServiceException busy = CommonErrors.serviceUnavailable("Haneul is receiving other large requests ("
                    + (budgetBytes() >> 20) + " MiB of request bodies at once); retry shortly.");
            ctx.writeAndFlush(ErrorResponses.response(busy, receivingUri, receivingJson, dispatcher, requestId, false));
            discarding = true;
            ReferenceCountUtil.release(msg);
            if (last) {
                ctx.close();
            }
        }

        /** See {@link #bodyReservation}. */
        private long reservation(HttpRequest request) {
            return bodyReservation(request, maxContentLength());
        }

        private long budgetBytes() {
            return bodies.budgetCapacity();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            bodies.releaseAll();
            super.channelInactive(ctx);
        }
    }
}

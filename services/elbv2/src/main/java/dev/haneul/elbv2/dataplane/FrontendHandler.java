package dev.haneul.elbv2.dataplane;

import dev.haneul.core.http.BodyPrefix;
import dev.haneul.core.http.DesyncClassification;
import dev.haneul.core.http.HttpBodyEnd;
import dev.haneul.core.http.HttpDecodeFailure;
import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeaderNames;
import dev.haneul.core.http.HttpInterceptor;
import dev.haneul.core.http.HttpMessageDecoder;
import dev.haneul.core.http.HttpResponses;
import dev.haneul.core.http.HttpVerdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The load balancer's side of one client connection: takes parsed requests ({@link HttpHead}, body
 * slices, {@link HttpBodyEnd}) one at a time, lets the load balancer's interceptor (WAF) judge
 * them when one is attached, matches the listener's rules, and either answers (fixed response,
 * redirect, ALB errors) or starts a {@link ForwardExchange} to a target.
 *
 * <p>Requests are answered one at a time, in order: parts of pipelined requests that arrive while
 * one is in flight wait in a bounded queue ({@link #updateReading()} stops reading when it is
 * full, or when a request body cannot be passed on yet). Checks made before any rule, in ALB's order:
 * malformed request or one that smuggling defences refuse (the decoder's 400, 414 for an over-long
 * request line, 501 for a {@code Transfer-Encoding} other than chunked or identity, 505; the
 * connection closes), {@code TRACE} (405), more than 30 addresses in {@code X-Forwarded-For} (463).
 * A request the desync mitigation finds ambiguous is routed, then both its connections are closed
 * (ALB's default {@code defensive} mode). {@code Expect: 100-continue} is answered by the load
 * balancer and not passed on.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    /** Parts of pipelined requests held while the current one is answered, at most. */
    static final int MAX_QUEUED = 64;
    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
            "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    final HttpListener listener;
    // Set by handlerAdded and channelActive, which Netty calls before any read reaches this handler.
    @SuppressWarnings("NullAway.Init")
    ChannelHandlerContext ctx;
    @SuppressWarnings("NullAway.Init")
    private ChannelHandlerContext decoderCtx;
    @SuppressWarnings("NullAway.Init")
    private HttpMessageDecoder decoder;
    @SuppressWarnings("NullAway.Init")
    BackendPool pool;
    @SuppressWarnings("NullAway.Init")
    InetSocketAddress remote;
    @SuppressWarnings("NullAway.Init")
    String clientIp;
    /** The port the client connected to: the listener's, as {@code X-Forwarded-Port} tells targets. */
    int port;
    /** {@link #port} as text, and the client's address as {@code X-Forwarded-For} appends it. */
    @SuppressWarnings("NullAway.Init")
    AsciiString portText;
    private @Nullable AsciiString forwardedFor;
    private boolean forwardedForWithPort;
    private long connectedAtMillis;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    /** The request being answered, or {@code null} between requests. */
    private @Nullable Exchange exchange;
    private boolean closing;
    /** While a request the interceptor let through is routed: its access log line says {@code waf,forward}. */
    boolean routingInspected;

    FrontendHandler(HttpListener listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        decoderCtx = ctx.pipeline().context(AlbPipeline.HTTP);
        decoder = (HttpMessageDecoder) decoderCtx.handler();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = (InetSocketAddress) ctx.channel().remoteAddress();
        clientIp = remote.getAddress().getHostAddress();
        port = listener.port();
        portText = listener.portText();
        connectedAtMillis = listener.clock().millis();
        pool = listener.lb.pool(ctx.channel().eventLoop());
        listener.track(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (!queued.isEmpty()) {
            queued.add(msg);
        } else {
            dispatch(msg);
        }
    }

    private void dispatch(Object msg) {
        if (exchange != null) {
            if (!exchange.acceptsBody()) {
                queued.add(msg);
            } else if (msg instanceof ByteBuf part) {
                exchange.onRequestBody(part);
            } else if (msg == HttpBodyEnd.INSTANCE) {
                exchange.onRequestEnd();
            } else if (msg instanceof HttpDecodeFailure) {
                exchange.onRequestBroken();
            } else {
                queued.add(msg);
            }
        } else if (msg instanceof HttpHead head) {
            start(head);
        } else if (msg instanceof HttpDecodeFailure failure) {
            // The decoder reads nothing more: answer and close.
            answer(AlbResponses.error(ctx.alloc(), failure.status(), listener.clock().millis() / 1000, false), false,
                    false);
        } else {
            // Stray bytes after the connection was given up: drop.
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onClientReadComplete();
        }
        updateReading();
    }

    /**
     * Turns reading from the client on or off. The connection reads on its own (auto-read) while
     * it is idle, while the current request's body can be passed on, and while it waits for a
     * response with fewer than {@value #MAX_QUEUED} pipelined parts queued; otherwise it stops until
     * that changes. Toggling only on those transitions keeps the common keep-alive request from
     * costing a change of the socket's read interest.
     */
    void updateReading() {
        boolean want = !closing && queued.size() < MAX_QUEUED
                && (exchange == null || !exchange.acceptsBody() || exchange.wantsClientRead());
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead() != want) {
            config.setAutoRead(want);
        }
    }

    /** Called by the exchange once its response is complete (or, for a local answer, its request). */
    void exchangeDone(Exchange done, boolean keepAlive) {
        if (exchange != done) {
            return;
        }
        exchange = null;
        if (!keepAlive) {
            closing = true;
            releaseQueued();
            return;
        }
        while (exchange == null || exchange.acceptsBody()) {
            Object next = queued.poll();
            if (next == null) {
                break;
            }
            dispatch(next);
        }
        if (exchange != null) {
            exchange.onClientReadComplete();
        } else if (!(done instanceof ForwardExchange forward && forward.switched())) {
            resumeDecoder();
        }
        updateReading();
    }

    /**
     * After an upgrade request the decoder pauses (what follows may not be HTTP); once it is
     * answered without a switch, requests are read again. Deferred to a task of the loop: this may
     * run inside the decoder's own read, which must not be re-entered.
     */
    private void resumeDecoder() {
        if (decoder.isPaused() && !closing) {
            ctx.executor().execute(() -> {
                if (!closing && exchange == null) {
                    decoder.resume(decoderCtx);
                }
            });
        }
    }

    /** Whether the client connection may stay open after the current response ({@code client_keep_alive.seconds}). */
    boolean keepAliveAllowed(HttpHead request, long nowMillis) {
        return !closing && !listener.closing() && request.isKeepAlive()
                && nowMillis - connectedAtMillis < listener.routes().settings.clientKeepAlive().toMillis();
    }

    private void start(HttpHead request) {
        long nowMillis = listener.clock().millis();
        LoadBalancerSettings.DesyncMitigation mitigation = listener.routes().settings.desyncMitigation();
        // Defensive: an ambiguous request is routed, then both connections close. Strictest: only compliant ones pass.
        boolean keepAlive = keepAliveAllowed(request, nowMillis) && !(request.classification()
                == DesyncClassification.AMBIGUOUS && mitigation == LoadBalancerSettings.DesyncMitigation.DEFENSIVE);
        if (mitigation == LoadBalancerSettings.DesyncMitigation.STRICTEST
                && request.classification() != DesyncClassification.COMPLIANT) {
            answer(AlbResponses.error(ctx.alloc(), 400, nowMillis / 1000, false), false, false);
            return;
        }
        int refusal = refusal(request);
        if (refusal != 0) {
            answer(AlbResponses.error(ctx.alloc(), refusal, nowMillis / 1000, keepAlive), keepAlive, request.hasBody());
            return;
        }
        HttpInterceptor interceptor = listener.lb.interceptor();
        if (interceptor != null) {
            HttpInterceptor.Inspection inspection = interceptor.inspection(request);
            if (inspection != HttpInterceptor.Inspection.NONE) {
                InspectionExchange inspecting = new InspectionExchange(this, interceptor, request,
                        inspection == HttpInterceptor.Inspection.HEAD_AND_BODY_PREFIX, keepAlive, nowMillis);
                exchange = inspecting;
                inspecting.start();
                return;
            }
        }
        route(request, keepAlive, nowMillis);
    }

    /** Matches the rules and runs the matched rule's action. */
    private void route(HttpHead request, boolean keepAlive, long nowMillis) {
        HttpRoutes routes = listener.routes();
        int rule = routes.matcher.match(request, remote.getAddress());
        Object action = routes.actions[rule];
        switch (action) {
            case HttpRoutes.ResolvedForward forward -> forward(routes, rule, forward, request, keepAlive, nowMillis);
            case RuleAction.Redirect redirect -> {
                String target = request.target();
                String location = RedirectLocation.of(redirect, "HTTP",
                        RuleMatcher.hostWithoutPort(request.get(HttpHeaderNames.HOST)), port,
                        RuleMatcher.pathOf(target), RuleMatcher.rawQuery(target));
                answer(AlbResponses.redirect(ctx.alloc(), redirect.statusCode(), location, nowMillis / 1000, keepAlive),
                        keepAlive, request.hasBody());
            }
            case RuleAction.FixedResponse fixed ->
                    answer(AlbResponses.fixed(ctx.alloc(), fixed, nowMillis / 1000, keepAlive), keepAlive,
                            request.hasBody());
            default -> throw new IllegalStateException("elbv2 - unknown action " + action);
        }
    }

    /** The interceptor let the request through: route it, then hand it the body parts held meanwhile. */
    void continueAfterInspection(InspectionExchange done, HttpHead request, boolean keepAlive, long nowMillis,
                                 BodyPrefix held) {
        if (exchange != done) {
            held.release();
            return;
        }
        exchange = null;
        routingInspected = true;
        try {
            route(request, keepAlive, nowMillis);
        } finally {
            routingInspected = false;
        }
        Exchange next = exchange;
        for (ByteBuf part; (part = held.poll()) != null; ) {
            if (next != null && next == exchange && next.acceptsBody()) {
                next.onRequestBody(part);
            } else {
                part.release();
            }
        }
        if (held.isComplete() && next != null && next == exchange && next.acceptsBody()) {
            next.onRequestEnd();
        }
        if (exchange != null) {
            exchange.onClientReadComplete();
        }
        updateReading();
    }

    /** The interceptor answered the request (a block, a custom response, a challenge). */
    void respondAfterInspection(InspectionExchange done, HttpVerdict.Respond verdict, boolean keepAlive,
                                boolean bodyRemaining) {
        if (exchange != done) {
            return;
        }
        exchange = null;
        CharSequence[] fields = new CharSequence[verdict.fields().size() + 4];
        for (int i = 0; i < verdict.fields().size(); i++) {
            fields[i] = verdict.fields().get(i);
        }
        fields[fields.length - 4] = "Server";
        fields[fields.length - 3] = AlbResponses.SERVER;
        fields[fields.length - 2] = "Connection";
        fields[fields.length - 1] = keepAlive ? "keep-alive" : "close";
        answer(HttpResponses.full(ctx.alloc(), verdict.status(), AlbResponses.reason(verdict.status()), verdict.body(),
                fields), keepAlive, bodyRemaining);
        updateReading();
    }

    /** The interceptor failed (threw, or its pending verdict failed): ALB's 500, as with {@code waf.fail_open.enabled=false}. */
    void failAfterInspection(InspectionExchange done, boolean keepAlive, boolean bodyRemaining) {
        if (exchange != done) {
            return;
        }
        exchange = null;
        answer(AlbResponses.error(ctx.alloc(), 500, listener.clock().millis() / 1000, keepAlive), keepAlive,
                bodyRemaining);
        updateReading();
    }

    /** ALB's own refusals before any rule runs, or 0. */
    private static int refusal(HttpHead request) {
        if (request.methodIs(TRACE)) {
            return 405;
        }
        if (ForwardedHeaders.addressCount(request.get(ForwardedHeaders.X_FORWARDED_FOR))
                > ForwardedHeaders.MAX_FORWARDED_ADDRESSES) {
            return 463;
        }
        return 0;
    }

    private static final AsciiString TRACE = AsciiString.cached("TRACE");

    private void forward(HttpRoutes routes, int rule, HttpRoutes.ResolvedForward forward, HttpHead request,
                         boolean keepAlive, long nowMillis) {
        long nowSecond = nowMillis / 1000;
        TargetGroupRuntime group = null;
        if (forward.stickinessSeconds() > 0) {
            StickinessCookieCodec.Opened opened = routes.lb.codec().decode(StickinessCookieCodec.Kind.TARGET_GROUP,
                    forward.scope(), StickinessCookies.find(request, StickinessCookies.AWSALBTG));
            if (opened != null && opened.expiresAtSecond() > nowSecond) {
                group = forward.bySubject(opened.subject());
            }
        }
        if (group == null) {
            group = forward.pick();
        }
        if (!group.hasRegisteredTargets()) {
            answer(AlbResponses.error(ctx.alloc(), 503, nowSecond, keepAlive), keepAlive, request.hasBody());
            return;
        }
        TargetGroupSettings.Stickiness stickiness = group.config().settings().stickiness().orElse(null);
        TargetState target = null;
        boolean hadAppCookie = false;
        if (stickiness != null && stickiness.type() != TargetGroupSettings.Stickiness.Type.SOURCE_IP) {
            boolean lb = stickiness.type() == TargetGroupSettings.Stickiness.Type.LB_COOKIE;
            String value = StickinessCookies.find(request, lb ? StickinessCookies.AWSALB : StickinessCookies.AWSALBAPP);
            hadAppCookie = !lb && value != null;
            StickinessCookieCodec.Opened opened = routes.lb.codec().decode(
                    lb ? StickinessCookieCodec.Kind.LB_COOKIE : StickinessCookieCodec.Kind.APP_COOKIE,
                    group.cookieScope, value);
            if (opened != null && opened.expiresAtSecond() > nowSecond) {
                target = group.routable(opened.subject());
            }
        }
        if (target == null) {
            target = group.choose();
        }
        if (target == null) {
            answer(AlbResponses.error(ctx.alloc(), 503, nowSecond, keepAlive), keepAlive, request.hasBody());
            return;
        }
        if (request.containsToken(HttpHeaderNames.EXPECT, HttpHeaderNames.CONTINUE)) {
            request.removeAll(HttpHeaderNames.EXPECT);
            if (request.hasBody()) {
                ctx.writeAndFlush(CONTINUE.duplicate());
            }
        }
        ForwardExchange forwardExchange = new ForwardExchange(this, routes, rule, forward, request, group, target,
                stickiness, hadAppCookie, keepAlive, nowMillis);
        exchange = forwardExchange;
        forwardExchange.start();
    }

    /**
     * Writes a load balancer answer; the request's remaining body ({@code bodyRemaining}), if any, is
     * read and dropped.
     */
    private void answer(ByteBuf response, boolean keepAlive, boolean bodyRemaining) {
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
            releaseQueued();
            return;
        }
        if (bodyRemaining) {
            exchange = new LocalExchange(this);
        } else {
            resumeDecoder();
        }
    }

    /** A forwarded request failed before its response began: answer with an ALB error. */
    void answerError(Exchange failed, int status, boolean keepAlive, long nowSecond) {
        if (exchange != failed || !ctx.channel().isActive()) {
            return;
        }
        ChannelFuture written = ctx.writeAndFlush(AlbResponses.error(ctx.alloc(), status, nowSecond, keepAlive));
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        exchangeDone(failed, keepAlive);
    }

    /** Drops the client connection at once (a response was cut off mid-way). */
    void abort() {
        closing = true;
        releaseQueued();
        ctx.close();
    }

    /** Closes the connection once everything written so far has been flushed. */
    void closeAfter(ChannelFuture lastWrite) {
        closing = true;
        releaseQueued();
        lastWrite.addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && exchange != null) {
            exchange.onClientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (exchange == null || exchange.onClientIdle()) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        Exchange current = exchange;
        exchange = null;
        if (current != null) {
            current.onClientClosed();
        }
        releaseQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void releaseQueued() {
        Object msg;
        while ((msg = queued.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The client as {@code X-Forwarded-For} names it (with its port or not), computed once per connection. */
    AsciiString forwardedFor(boolean withPort) {
        if (forwardedFor == null || forwardedForWithPort != withPort) {
            forwardedFor = AsciiString.of(ForwardedHeaders.client(clientIp, remote.getPort(), withPort));
            forwardedForWithPort = withPort;
        }
        return forwardedFor;
    }

    /** The exchange running now, for the one that wants to know whether it is still current. */
    @Nullable Exchange exchange() {
        return exchange;
    }

}

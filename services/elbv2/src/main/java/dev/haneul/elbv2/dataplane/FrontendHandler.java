package dev.haneul.elbv2.dataplane;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The load balancer's side of one client connection: takes decoded requests one at a time,
 * matches the listener's rules, and either answers (fixed response, redirect, ALB errors) or
 * starts a {@link ForwardExchange} to a target.
 *
 * <p>Requests are answered one at a time, in order: parts of pipelined requests that arrive while
 * one is in flight wait in a bounded queue ({@link #updateReading()} stops reading when it is
 * full, or when a request body cannot be passed on yet). Checks made before any rule, in ALB's order:
 * malformed request (400, or 414 for an over-long request line), {@code TRACE} (405), a
 * {@code Transfer-Encoding} other than chunked or identity (501), more than 30 addresses in
 * {@code X-Forwarded-For} (463). {@code Expect: 100-continue} is answered by the load balancer
 * and not passed on.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    /** Parts of pipelined requests held while the current one is answered, at most. */
    static final int MAX_QUEUED = 64;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    final HttpListener listener;
    ChannelHandlerContext ctx;
    BackendPool pool;
    InetSocketAddress remote;
    String clientIp;
    /** The port the client connected to: the listener's, as {@code X-Forwarded-Port} tells targets. */
    int port;
    /** {@link #port} as text, and the client's address as {@code X-Forwarded-For} appends it. */
    AsciiString portText;
    private AsciiString forwardedFor;
    private boolean forwardedForWithPort;
    private long connectedAtMillis;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private Exchange exchange;
    private boolean closing;

    FrontendHandler(HttpListener listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = (InetSocketAddress) ctx.channel().remoteAddress();
        clientIp = remote.getAddress().getHostAddress();
        port = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
        portText = AsciiString.of(Integer.toString(port));
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
            if (exchange.acceptsBody() && msg instanceof HttpContent content) {
                exchange.onRequestContent(content);
            } else {
                queued.add(msg);
            }
        } else if (msg instanceof HttpRequest request) {
            start(request);
            if (msg instanceof HttpContent content) {
                // A whole request in one message (the decoder's answer to a malformed one).
                if (exchange != null && exchange.acceptsBody()) {
                    exchange.onRequestContent(content);
                } else {
                    content.release();
                }
            }
        } else {
            // Body of a request already refused and closed, or stray bytes: drop.
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
        }
        updateReading();
    }

    /** Whether the client connection may stay open after the current response ({@code client_keep_alive.seconds}). */
    boolean keepAliveAllowed(HttpRequest request, long nowMillis) {
        return !closing && !listener.closing() && HttpUtil.isKeepAlive(request)
                && nowMillis - connectedAtMillis < listener.routes().settings.clientKeepAlive().toMillis();
    }

    private void start(HttpRequest request) {
        HttpRoutes routes = listener.routes();
        long nowMillis = listener.clock().millis();
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            int status = cause instanceof TooLongHttpLineException ? 414 : 400;
            answer(AlbResponses.error(ctx.alloc(), status, nowMillis / 1000, false), false);
            return;
        }
        HttpHeaders headers = request.headers();
        boolean keepAlive = keepAliveAllowed(request, nowMillis);
        int refusal = refusal(request, headers);
        if (refusal != 0) {
            answer(AlbResponses.error(ctx.alloc(), refusal, nowMillis / 1000, keepAlive), keepAlive);
            return;
        }
        int rule = routes.matcher.match(request, remote.getAddress());
        Object action = routes.actions[rule];
        switch (action) {
            case HttpRoutes.ResolvedForward forward -> forward(routes, rule, forward, request, keepAlive, nowMillis);
            case RuleAction.Redirect redirect -> {
                String location = RedirectLocation.of(redirect, "HTTP",
                        RuleMatcher.hostWithoutPort(headers.get(HttpHeaderNames.HOST)), port,
                        RuleMatcher.pathOf(request.uri()), RuleMatcher.rawQuery(request.uri()));
                answer(AlbResponses.redirect(ctx.alloc(), redirect.statusCode(), location, nowMillis / 1000, keepAlive),
                        keepAlive);
            }
            case RuleAction.FixedResponse fixed ->
                    answer(AlbResponses.fixed(ctx.alloc(), fixed, nowMillis / 1000, keepAlive), keepAlive);
            default -> throw new IllegalStateException("elbv2 - unknown action " + action);
        }
    }

    /** ALB's own refusals before any rule runs, or 0. */
    private static int refusal(HttpRequest request, HttpHeaders headers) {
        if (request.method().equals(HttpMethod.TRACE)) {
            return 405;
        }
        String te = headers.get(HttpHeaderNames.TRANSFER_ENCODING);
        if (te != null && !te.equalsIgnoreCase("chunked") && !te.equalsIgnoreCase("identity")) {
            return 501;
        }
        if (ForwardedHeaders.addressCount(headers.get(ForwardedHeaders.X_FORWARDED_FOR))
                > ForwardedHeaders.MAX_FORWARDED_ADDRESSES) {
            return 463;
        }
        return 0;
    }

    private void forward(HttpRoutes routes, int rule, HttpRoutes.ResolvedForward forward, HttpRequest request,
                         boolean keepAlive, long nowMillis) {
        long nowSecond = nowMillis / 1000;
        HttpHeaders headers = request.headers();
        TargetGroupRuntime group = null;
        if (forward.stickinessSeconds() > 0) {
            StickinessCookieCodec.Opened opened = routes.lb.codec().decode(StickinessCookieCodec.Kind.TARGET_GROUP,
                    forward.scope(), StickinessCookies.find(headers, StickinessCookies.AWSALBTG));
            if (opened != null && opened.expiresAtSecond() > nowSecond) {
                group = forward.bySubject(opened.subject());
            }
        }
        if (group == null) {
            group = forward.pick();
        }
        if (!group.hasRegisteredTargets()) {
            answer(AlbResponses.error(ctx.alloc(), 503, nowSecond, keepAlive), keepAlive);
            return;
        }
        TargetGroupSettings.Stickiness stickiness = group.config().settings().stickiness().orElse(null);
        TargetState target = null;
        boolean hadAppCookie = false;
        if (stickiness != null && stickiness.type() != TargetGroupSettings.Stickiness.Type.SOURCE_IP) {
            boolean lb = stickiness.type() == TargetGroupSettings.Stickiness.Type.LB_COOKIE;
            String value = StickinessCookies.find(headers, lb ? StickinessCookies.AWSALB : StickinessCookies.AWSALBAPP);
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
            answer(AlbResponses.error(ctx.alloc(), 503, nowSecond, keepAlive), keepAlive);
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            headers.remove(HttpHeaderNames.EXPECT);
            ctx.pipeline().context(AlbPipeline.HTTP).writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
        }
        ForwardExchange forwardExchange = new ForwardExchange(this, routes, rule, forward, request, group, target,
                stickiness, hadAppCookie, keepAlive, nowMillis);
        exchange = forwardExchange;
        forwardExchange.start();
    }

    /** Writes a load balancer answer; the request's remaining body, if any, is dropped. */
    private void answer(FullHttpResponse response, boolean keepAlive) {
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
            releaseQueued();
            return;
        }
        LocalExchange local = new LocalExchange(this);
        exchange = local;
    }

    /** A forwarded request failed before its response began: answer with an ALB error. */
    void answerError(Exchange failed, int status, boolean keepAlive, long nowSecond) {
        if (exchange != failed || !ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse response = AlbResponses.error(ctx.alloc(), status, nowSecond, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
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
        if (cause instanceof TooLongFrameException) {
            // The decoder reports it on the request itself too; answered there.
            return;
        }
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
    Exchange exchange() {
        return exchange;
    }

    static boolean isUpgrade(HttpHeaders headers) {
        return headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && headers.contains(HttpHeaderNames.UPGRADE);
    }
}

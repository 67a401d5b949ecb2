package dev.haneul.elbv2.dataplane;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * One request forwarded to a target, streamed both ways.
 *
 * <pre>
 *  client ──request head──▶ [rewrite headers] ──▶ pooled or new target connection
 *         ──body parts────▶ written as they come; the client is read again only while the
 *                           target connection is writable (else on its writability change)
 *  client ◀─response head── [hop-by-hop out, framing for the client, stickiness cookies]
 *         ◀─body parts───── written as they come; the target is read again only while the
 *                           client connection is writable (else on its writability change)
 * </pre>
 *
 * Both connections read on their own (auto-read); a side stops reading only while the other side
 * cannot take more (its outbound buffer is above the high-water mark) and resumes when it drains,
 * so a body is never held whole and the common case never changes a socket's read interest. Each
 * side's reads are flushed to the other side at the end of the read batch, so a small response
 * costs one flush. At the last response part the target connection goes back to the pool
 * if the target kept it alive and the whole request was sent; otherwise it is closed.
 *
 * <p>Failures, as ALB reports them: the target refuses the connection or closes it before a
 * response begins (502), a malformed response (502), no connection within 10 seconds or no byte
 * within the idle timeout (504). Once a response has begun, a failure can only cut the client
 * connection. A client that leaves first is logged as 460 and its target connection is closed.
 *
 * <p>All of it runs on the client connection's event loop, which also serves the target
 * connection, so nothing is synchronised.
 */
final class ForwardExchange implements Exchange {

    private final FrontendHandler frontend;
    private final ChannelHandlerContext client;
    private final HttpRoutes routes;
    private final int rule;
    private final HttpRoutes.ResolvedForward forward;
    private final HttpRequest request;
    private final TargetGroupRuntime group;
    private final TargetState target;
    private final TargetGroupSettings.Stickiness stickiness;
    private final boolean hadAppCookie;
    private final boolean http10Client;
    private final boolean upgrade;
    private final boolean head;
    private final long startMillis;
    private final long startNanos;
    private final String requestLine;
    private final String userAgent;
    private boolean clientKeepAlive;

    private Channel backend;
    private BackendHandler backendHandler;
    private ArrayDeque<HttpContent> pending;
    private boolean requestComplete;
    private boolean requestSent;
    private boolean interim;
    private boolean responseStarted;
    private boolean responseComplete;
    private boolean backendReusable;
    private boolean finished;
    private boolean switched;
    /** A response head not written yet, in case its last part comes in the same read batch. */
    private HttpResponse heldHead;
    private ChannelFuture lastWrite;
    private int targetStatus = -1;
    private long sentNanos;
    private long firstByteNanos;
    private long receivedBytes;
    private long sentBytes;

    ForwardExchange(FrontendHandler frontend, HttpRoutes routes, int rule, HttpRoutes.ResolvedForward forward,
                    HttpRequest request, TargetGroupRuntime group, TargetState target,
                    TargetGroupSettings.Stickiness stickiness, boolean hadAppCookie, boolean keepAlive, long nowMillis) {
        this.frontend = frontend;
        this.client = frontend.ctx;
        this.routes = routes;
        this.rule = rule;
        this.forward = forward;
        this.request = request;
        this.group = group;
        this.target = target;
        this.stickiness = stickiness;
        this.hadAppCookie = hadAppCookie;
        this.clientKeepAlive = keepAlive;
        this.http10Client = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.upgrade = FrontendHandler.isUpgrade(request.headers());
        this.head = request.method().equals(HttpMethod.HEAD);
        this.startMillis = nowMillis;
        AccessLog log = routes.lb.accessLog();
        this.startNanos = log == null ? 0 : System.nanoTime();
        this.requestLine = log == null ? null : request.method() + " http://"
                + request.headers().get(HttpHeaderNames.HOST, "-") + request.uri() + " " + request.protocolVersion();
        this.userAgent = log == null ? null : request.headers().get(HttpHeaderNames.USER_AGENT);
    }

    void start() {
        target.outstanding.incrementAndGet();
        target.requests.increment();
        rewriteRequest();
        Channel pooled = frontend.pool.poll(target.address);
        if (pooled != null) {
            attach(pooled);
            return;
        }
        ChannelFuture connect = frontend.pool.connect(target);
        connect.addListener(f -> {
            if (finished) {
                if (f.isSuccess()) {
                    frontend.pool.release(connect.channel(), target.address);
                }
            } else if (f.isSuccess()) {
                attach(connect.channel());
            } else {
                fail(f.cause() instanceof ConnectTimeoutException ? 504 : 502);
            }
        });
    }

    private void rewriteRequest() {
        HttpHeaders headers = request.headers();
        LoadBalancerSettings settings = routes.settings;
        ForwardedHeaders.applyXff(headers, settings.xffMode(), frontend.forwardedFor(settings.xffClientPort()),
                headers.get(ForwardedHeaders.X_FORWARDED_FOR));
        headers.set(ForwardedHeaders.X_FORWARDED_PROTO, ForwardedHeaders.HTTP);
        headers.set(ForwardedHeaders.X_FORWARDED_PORT, frontend.portText);
        headers.set(ForwardedHeaders.X_AMZN_TRACE_ID,
                ForwardedHeaders.traceId(headers.get(ForwardedHeaders.X_AMZN_TRACE_ID), startMillis / 1000));
        if (!settings.preserveHostHeader()) {
            ForwardedHeaders.adjustHost(headers, frontend.port);
        }
        HopByHop.strip(headers, upgrade);
        if (upgrade) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    private void attach(Channel channel) {
        backend = channel;
        backendHandler = (BackendHandler) channel.pipeline().get(AlbPipeline.TARGET);
        backendHandler.attach(this);
        channel.write(request, channel.voidPromise());
        if (requestLine != null) {
            sentNanos = System.nanoTime();
        }
        if (pending != null) {
            HttpContent part;
            while ((part = pending.poll()) != null) {
                writeToBackend(part);
            }
        }
        channel.flush();
        frontend.updateReading();
    }

    private void writeToBackend(HttpContent part) {
        if (part instanceof LastHttpContent) {
            requestSent = true;
        }
        backend.write(part, backend.voidPromise());
    }

    @Override
    public boolean acceptsBody() {
        return !requestComplete;
    }

    @Override
    public void onRequestContent(HttpContent content) {
        receivedBytes += content.content().readableBytes();
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (finished) {
            content.release();
            if (requestComplete) {
                frontend.exchangeDone(this, clientKeepAlive);
            }
        } else if (backend == null) {
            if (pending == null) {
                pending = new ArrayDeque<>(2);
            }
            pending.add(content);
        } else {
            writeToBackend(content);
        }
    }

    @Override
    public void onClientReadComplete() {
        if (backend != null && !finished) {
            backend.flush();
        }
    }

    @Override
    public boolean wantsClientRead() {
        return !requestComplete && (finished || backend != null && backend.isWritable());
    }

    @Override
    public void onClientWritable() {
        if (!finished && backend != null) {
            backend.config().setAutoRead(true);
        }
    }

    void onBackendWritable() {
        if (!finished) {
            frontend.updateReading();
        }
    }

    /** A part of the target's response. */
    void onResponse(HttpObject msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            backendReusable = false;
            if (responseStarted) {
                abort();
            } else {
                fail(502);
            }
            return;
        }
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            if (code < 200 && code != 101) {
                // 100 Continue and other interim answers: the load balancer answered Expect itself.
                interim = true;
                return;
            }
            interim = false;
            onResponseHead(response, code);
        }
        if (msg instanceof HttpContent content) {
            if (interim) {
                content.release();
                return;
            }
            sentBytes += content.content().readableBytes();
            if (content instanceof LastHttpContent last && heldHead != null) {
                // Head and whole body in one read: one message, which the encoder writes as one
                // buffer when the body is small.
                responseComplete = true;
                lastWrite = client.write(new DefaultFullHttpResponse(heldHead.protocolVersion(), heldHead.status(),
                        last.content(), heldHead.headers(), last.trailingHeaders()));
                heldHead = null;
                return;
            }
            writeHeldHead();
            if (content instanceof LastHttpContent) {
                responseComplete = true;
                lastWrite = client.write(content);
            } else {
                client.write(content, client.voidPromise());
                if (!client.channel().isWritable()) {
                    // The client is behind: stop reading the target until its buffer drains.
                    backend.config().setAutoRead(false);
                }
            }
        }
    }

    private void onResponseHead(HttpResponse response, int code) {
        responseStarted = true;
        if (requestLine != null) {
            firstByteNanos = System.nanoTime();
        }
        targetStatus = code;
        HttpHeaders headers = response.headers();
        backendReusable = HttpUtil.isKeepAlive(response) && code != 101;
        boolean switching = code == 101 && upgrade;
        if (!switching) {
            HopByHop.strip(headers, false);
        }
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        boolean chunked = HttpUtil.isTransferEncodingChunked(response);
        boolean bodyless = head || code == 204 || code == 304 || code == 101;
        if (!requestComplete) {
            clientKeepAlive = false;
        }
        if (!bodyless && !chunked && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            // Close-delimited from the target: chunk it for HTTP/1.1 clients, close-delimit for 1.0 ones.
            backendReusable = false;
            if (http10Client) {
                clientKeepAlive = false;
            } else {
                HttpUtil.setTransferEncodingChunked(response, true);
            }
        } else if (chunked && http10Client) {
            HttpUtil.setTransferEncodingChunked(response, false);
            clientKeepAlive = false;
        }
        if (!switching) {
            if (!clientKeepAlive) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (http10Client) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        addStickinessCookies(headers);
        heldHead = response;
    }

    private void addStickinessCookies(HttpHeaders headers) {
        long nowSecond = startMillis / 1000;
        StickinessCookieCodec codec = routes.lb.codec();
        if (stickiness != null) {
            long expires = nowSecond + stickiness.duration().toSeconds();
            switch (stickiness.type()) {
                case LB_COOKIE -> StickinessCookies.addPair(headers, StickinessCookies.AWSALB, StickinessCookies.AWSALBCORS,
                        codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, group.cookieScope, target.subject, expires),
                        nowSecond);
                case APP_COOKIE -> {
                    if (hadAppCookie || StickinessCookies.setsCookie(headers, stickiness.appCookieName().orElseThrow())) {
                        StickinessCookies.addApp(headers, codec.encode(StickinessCookieCodec.Kind.APP_COOKIE,
                                group.cookieScope, target.subject, expires), nowSecond);
                    }
                }
                case SOURCE_IP -> { }
            }
        }
        if (forward.stickinessSeconds() > 0) {
            StickinessCookies.addPair(headers, StickinessCookies.AWSALBTG, StickinessCookies.AWSALBTGCORS,
                    codec.encode(StickinessCookieCodec.Kind.TARGET_GROUP, forward.scope(),
                            StickinessCookieCodec.subject(group.arn), nowSecond + forward.stickinessSeconds()),
                    nowSecond);
        }
    }

    private void writeHeldHead() {
        if (heldHead != null) {
            client.write(heldHead, client.voidPromise());
            heldHead = null;
        }
    }

    /** The target's read batch ended: flush to the client, then read on or finish. */
    void onBackendReadComplete() {
        if (finished) {
            return;
        }
        writeHeldHead();
        if (responseStarted) {
            client.flush();
        }
        if (responseComplete) {
            finish();
        }
    }

    private void finish() {
        finished = true;
        backendHandler.detach();
        boolean switching = targetStatus == 101 && upgrade;
        if (switching) {
            switched = true;
        } else if (requestSent && backendReusable) {
            frontend.pool.release(backend, target.address);
        } else {
            backend.close();
        }
        target.outstanding.decrementAndGet();
        log(-1, null);
        if (switching) {
            frontend.exchangeDone(this, true);
            AlbPipeline.toTunnel(client.channel(), backend);
            return;
        }
        if (!clientKeepAlive) {
            frontend.closeAfter(lastWrite);
        }
        if (requestComplete || !clientKeepAlive) {
            frontend.exchangeDone(this, clientKeepAlive);
        }
    }

    /** Marks the exchange over, drops what it still holds and closes its target connection. */
    private void end() {
        finished = true;
        releasePending();
        if (backend != null) {
            backendHandler.detach();
            backend.close();
        }
        target.outstanding.decrementAndGet();
    }

    /** Ends the exchange with an ALB error, before any response byte went to the client. */
    private void fail(int status) {
        end();
        boolean keepAlive = clientKeepAlive && requestComplete;
        log(status, status == 504 ? "Target.Timeout" : "Target.ConnectionError");
        frontend.answerError(this, status, keepAlive, startMillis / 1000);
    }

    /** Cuts the client connection after a response had begun. */
    private void abort() {
        end();
        log(502, "Target.ResponseIncomplete");
        frontend.abort();
    }

    void onBackendClosed() {
        if (finished) {
            return;
        }
        backendReusable = false;
        if (responseStarted) {
            abort();
        } else {
            fail(502);
        }
    }

    void onBackendIdle() {
        if (finished) {
            return;
        }
        if (responseStarted) {
            abort();
        } else {
            fail(504);
        }
    }

    @Override
    public void onClientClosed() {
        if (finished) {
            return;
        }
        end();
        log(460, null);
    }

    @Override
    public boolean onClientIdle() {
        // Waiting on the client for more body means it went quiet; waiting on the target is the target's timer.
        return !requestComplete;
    }

    private void releasePending() {
        if (pending != null) {
            HttpContent part;
            while ((part = pending.poll()) != null) {
                part.release();
            }
        }
    }

    private void log(int elbStatus, String error) {
        AccessLog log = routes.lb.accessLog();
        if (log == null) {
            return;
        }
        long end = System.nanoTime();
        double requestTime = sentNanos == 0 ? -1 : (sentNanos - startNanos) / 1e9;
        double targetTime = firstByteNanos == 0 ? -1 : (firstByteNanos - sentNanos) / 1e9;
        double responseTime = firstByteNanos == 0 ? -1 : (end - firstByteNanos) / 1e9;
        String targetAddress = target.address.getAddress().getHostAddress() + ":" + target.address.getPort();
        int status = elbStatus > 0 ? elbStatus : targetStatus;
        log.append(new AccessLog.Entry(Instant.ofEpochMilli(routes.lb.clock().millis()), routes.lb.elbName(),
                frontend.clientIp + ":" + frontend.remote.getPort(), targetAddress, requestTime, targetTime,
                responseTime, status, targetStatus < 0 ? "-" : Integer.toString(targetStatus), receivedBytes,
                sentBytes, requestLine, userAgent, group.arn, request.headers().get(ForwardedHeaders.X_AMZN_TRACE_ID),
                "-", routes.priorities[rule], Instant.ofEpochMilli(startMillis), "forward", "-", error));
    }

    boolean switched() {
        return switched;
    }
}

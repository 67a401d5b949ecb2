package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.http.DesyncClassification;
import dev.haneul.core.http.HttpBodyEnd;
import dev.haneul.core.http.HttpDecodeFailure;
import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeaderNames;
import dev.haneul.core.http.HttpMessageDecoder;
import dev.haneul.core.http.HttpResponses;
import dev.haneul.core.http.HttpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * One request forwarded to a target, streamed both ways.
 *
 * <p>Longer than the ~500 lines a class should have, on purpose: both directions of one exchange
 * share its flow-control state (writability, the held response head, body parts pending a target
 * connection, keep-alive and reuse decisions), and splitting them would spread that state across
 * classes that must then agree on it.
 *
 * <pre>
 *  client ──request head──▶ [edits: X-Forwarded-*, X-Amzn-Trace-Id, Host, hop-by-hop] ──▶ pooled or
 *                           new target connection of this event loop (original bytes + edits)
 *         ──body slices───▶ written as received (chunk framing included); the client is read
 *                           again only while the target connection is writable
 *  client ◀─response head── [edits: hop-by-hop out, framing for the client, stickiness cookies]
 *         ◀─body slices──── written as received; the target is read again only while the
 *                           client connection is writable (else on its writability change)
 * </pre>
 *
 * Nothing is decoded into objects or encoded again: heads are {@link HttpHead}s (their bytes plus
 * the edits), bodies are slices of the buffers read (a small body read with its head is copied
 * behind the head instead, see {@link #MERGE_LIMIT}). The exceptions are framing changes a client
 * needs: a target's close-delimited body gets chunk framing for an HTTP/1.1 client, and a chunked
 * one is passed without its framing to an HTTP/1.0 client (the decoder strips it).
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

    /**
     * A response body part of at most this many bytes, read in the same batch as its head, is
     * copied behind the head (one buffer, one write); larger ones pass as slices. The copy is
     * cheaper than the second I/O vector it saves for the small responses most requests get.
     */
    static final int MERGE_LIMIT = 2048;

    private static final AsciiString HEAD = AsciiString.cached("HEAD");
    private static final AsciiString UPGRADE_TOKEN = AsciiString.cached("Upgrade");
    private static final AsciiString CHUNKED = AsciiString.cached("chunked");

    private final FrontendHandler frontend;
    private final ChannelHandlerContext client;
    private final HttpRoutes routes;
    private final int rule;
    private final HttpRoutes.ResolvedForward forward;
    private final HttpHead request;
    private final TargetGroupRuntime group;
    private final TargetState target;
    private final TargetGroupSettings.@Nullable Stickiness stickiness;
    private final boolean hadAppCookie;
    private final boolean http10Client;
    private final boolean upgrade;
    private final boolean head;
    /** Defensive desync mitigation: an ambiguous request's target connection is not reused. */
    private final boolean ambiguous;
    private final long startMillis;
    private final long startNanos;
    /** The access log's request and user agent fields; {@code null} when the log is off. */
    private final @Nullable String requestLine;
    private final @Nullable String userAgent;
    private boolean clientKeepAlive;

    /** The target connection and its handler, from {@link #attach} on. */
    private @Nullable Channel backend;
    private @Nullable BackendHandler backendHandler;
    /** Body parts and their end, read before the target connection was there. */
    private @Nullable ArrayDeque<Object> pending;
    private boolean requestComplete;
    private boolean requestSent;
    private boolean responseStarted;
    private boolean responseComplete;
    private boolean backendReusable;
    /** The target's body has no length: chunk it for the client. */
    private boolean chunkForClient;
    private boolean finished;
    private boolean switched;
    private @Nullable ChannelFuture lastWrite;
    /** The response head, encoded, not written yet: a small body read with it joins it in one buffer. */
    private @Nullable ByteBuf heldHead;
    private int targetStatus = -1;
    private long sentNanos;
    private long firstByteNanos;
    private long receivedBytes;
    private long sentBytes;
    /** {@code actions_executed}: {@code waf,forward} when the load balancer's web ACL let the request through. */
    private final String actions;

    ForwardExchange(FrontendHandler frontend, HttpRoutes routes, int rule, HttpRoutes.ResolvedForward forward,
                    HttpHead request, TargetGroupRuntime group, TargetState target,
                    TargetGroupSettings.@Nullable Stickiness stickiness, boolean hadAppCookie, boolean keepAlive, long nowMillis) {
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
        this.http10Client = request.receivedVersion() == HttpVersion.HTTP_1_0;
        this.upgrade = request.isUpgrade();
        this.head = request.methodIs(HEAD);
        this.ambiguous = request.classification() == DesyncClassification.AMBIGUOUS
                && routes.settings.desyncMitigation() == LoadBalancerSettings.DesyncMitigation.DEFENSIVE;
        this.requestComplete = !request.hasBody();
        this.startMillis = nowMillis;
        AccessLog log = routes.lb.accessLog();
        this.startNanos = log == null ? 0 : System.nanoTime();
        String host = request.get(HttpHeaderNames.HOST);
        this.requestLine = log == null ? null : request.method() + " http://" + (host == null ? "-" : host)
                + request.target() + " " + request.receivedVersion();
        this.userAgent = log == null ? null : request.get(HttpHeaderNames.USER_AGENT);
        this.actions = frontend.routingInspected ? "waf,forward" : "forward";
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
        LoadBalancerSettings settings = routes.settings;
        ForwardedHeaders.applyXff(request, settings.xffMode(), frontend.forwardedFor(settings.xffClientPort()));
        request.set(ForwardedHeaders.X_FORWARDED_PROTO, ForwardedHeaders.HTTP);
        request.set(ForwardedHeaders.X_FORWARDED_PORT, frontend.portText);
        request.set(ForwardedHeaders.X_AMZN_TRACE_ID,
                ForwardedHeaders.traceId(request.get(ForwardedHeaders.X_AMZN_TRACE_ID), startMillis / 1000));
        if (!settings.preserveHostHeader()) {
            ForwardedHeaders.adjustHost(request, frontend.port);
        }
        if (settings.dropInvalidHeaderFields()) {
            for (int i = 0; i < request.fieldCount(); i++) {
                if (request.hasInvalidName(i) && !request.isRemoved(i)) {
                    request.remove(i);
                }
            }
        }
        HopByHop.strip(request, upgrade);
        if (upgrade) {
            request.set(HttpHeaderNames.CONNECTION, UPGRADE_TOKEN);
        }
        request.version(HttpVersion.HTTP_1_1);
    }

    private void attach(Channel channel) {
        BackendHandler handler = (BackendHandler) channel.pipeline().get(AlbPipeline.TARGET);
        backend = channel;
        backendHandler = handler;
        handler.attach(this);
        HttpMessageDecoder responses = (HttpMessageDecoder) channel.pipeline().get(AlbPipeline.HTTP);
        responses.expectResponseTo(head);
        responses.dechunk(http10Client);
        channel.write(request.encode(channel.alloc()), channel.voidPromise());
        if (requestLine != null) {
            sentNanos = System.nanoTime();
        }
        if (pending != null) {
            Object part;
            while ((part = pending.poll()) != null) {
                if (part instanceof ByteBuf buf) {
                    channel.write(buf, channel.voidPromise());
                } else {
                    requestSent = true;
                }
            }
        }
        if (requestComplete) {
            requestSent = true;
        }
        channel.flush();
        frontend.updateReading();
    }

    @Override
    public boolean acceptsBody() {
        return !requestComplete;
    }

    @Override
    public void onRequestBody(ByteBuf part) {
        receivedBytes += part.readableBytes();
        if (finished) {
            part.release();
        } else if (backend == null) {
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            pending.add(part);
        } else {
            backend.write(part, backend.voidPromise());
        }
    }

    @Override
    public void onRequestEnd() {
        requestComplete = true;
        if (finished) {
            frontend.exchangeDone(this, clientKeepAlive);
        } else if (backend == null) {
            if (pending == null) {
                pending = new ArrayDeque<>(1);
            }
            pending.add(HttpBodyEnd.INSTANCE);
        } else {
            requestSent = true;
        }
    }

    @Override
    public void onRequestBroken() {
        requestComplete = true;
        if (!finished) {
            end();
            log(400, "Request.Malformed");
        }
        frontend.abort();
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

    /** A message of the target's response: a head, a body slice, the end, or a failure. */
    void onResponse(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        switch (msg) {
            case HttpHead response -> {
                int code = response.status();
                if (code < 200 && code != 101) {
                    // 100 Continue and other interim answers: the load balancer answered Expect itself.
                    return;
                }
                onResponseHead(response, code);
            }
            case ByteBuf part -> {
                sentBytes += part.readableBytes();
                if (heldHead != null && !chunkForClient && part.readableBytes() <= heldHead.writableBytes()) {
                    // A small body read with its head goes out in the head's buffer: one write, not two.
                    heldHead.writeBytes(part);
                    part.release();
                    return;
                }
                writeHeldHead();
                if (chunkForClient) {
                    if (!part.isReadable()) {
                        part.release();
                        return;
                    }
                    client.write(HttpResponses.chunkHeader(client.alloc(), part.readableBytes()), client.voidPromise());
                    client.write(part, client.voidPromise());
                    client.write(HttpResponses.chunkEnd(), client.voidPromise());
                } else {
                    client.write(part, client.voidPromise());
                }
                if (!client.channel().isWritable() && backend != null) {
                    // The client is behind: stop reading the target until its buffer drains.
                    backend.config().setAutoRead(false);
                }
            }
            case HttpBodyEnd end -> {
                responseComplete = true;
                if (heldHead != null && !chunkForClient && !clientKeepAlive) {
                    lastWrite = client.write(heldHead);
                    heldHead = null;
                    return;
                }
                writeHeldHead();
                if (chunkForClient) {
                    lastWrite = client.write(HttpResponses.lastChunk());
                } else if (!clientKeepAlive) {
                    // Only a connection that closes after the response needs to know when it went out.
                    lastWrite = client.write(Unpooled.EMPTY_BUFFER);
                }
            }
            case HttpDecodeFailure failure -> {
                backendReusable = false;
                if (responseStarted) {
                    abort();
                } else {
                    fail(502);
                }
            }
            default -> ReferenceCountUtil.release(msg);
        }
    }

    private void onResponseHead(HttpHead response, int code) {
        responseStarted = true;
        if (requestLine != null) {
            firstByteNanos = System.nanoTime();
        }
        targetStatus = code;
        backendReusable = response.isKeepAlive() && code != 101 && !ambiguous;
        boolean switching = code == 101 && upgrade;
        if (!switching) {
            HopByHop.strip(response, false);
        }
        response.version(HttpVersion.HTTP_1_1);
        boolean chunked = response.chunked();
        if (!requestComplete) {
            clientKeepAlive = false;
        }
        if (response.hasBody() && !chunked && response.contentLength() < 0) {
            // Close-delimited from the target: chunk it for HTTP/1.1 clients, close-delimit for 1.0 ones.
            backendReusable = false;
            if (http10Client) {
                clientKeepAlive = false;
            } else {
                chunkForClient = true;
                response.set(HttpHeaderNames.TRANSFER_ENCODING, CHUNKED);
            }
        } else if (chunked && http10Client) {
            // The decoder passes the data without its chunk framing; the close delimits it.
            response.removeAll(HttpHeaderNames.TRANSFER_ENCODING);
            clientKeepAlive = false;
        }
        if (!switching) {
            if (!clientKeepAlive) {
                response.set(HttpHeaderNames.CONNECTION, HttpHeaderNames.CLOSE);
            } else if (http10Client) {
                response.set(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE);
            }
        }
        addStickinessCookies(response);
        if (response.hasBody()) {
            // Held until the first body part or the end of the read batch, whichever comes first.
            heldHead = response.encode(client.alloc(), MERGE_LIMIT);
        } else if (clientKeepAlive) {
            client.write(response.encode(client.alloc()), client.voidPromise());
        } else {
            lastWrite = client.write(response.encode(client.alloc()));
        }
        if (!response.hasBody()) {
            responseComplete = true;
        }
    }

    private void writeHeldHead() {
        if (heldHead != null) {
            client.write(heldHead, client.voidPromise());
            heldHead = null;
        }
    }

    private void addStickinessCookies(HttpHead response) {
        long nowSecond = startMillis / 1000;
        StickinessCookieCodec codec = routes.lb.codec();
        if (stickiness != null) {
            long expires = nowSecond + stickiness.duration().toSeconds();
            switch (stickiness.type()) {
                case LB_COOKIE -> StickinessCookies.addPair(response, StickinessCookies.AWSALB,
                        StickinessCookies.AWSALBCORS,
                        codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, group.cookieScope, target.subject, expires),
                        nowSecond);
                case APP_COOKIE -> {
                    if (hadAppCookie || StickinessCookies.setsCookie(response, stickiness.appCookieName().orElseThrow())) {
                        StickinessCookies.addApp(response, codec.encode(StickinessCookieCodec.Kind.APP_COOKIE,
                                group.cookieScope, target.subject, expires), nowSecond);
                    }
                }
                case SOURCE_IP -> { }
            }
        }
        if (forward.stickinessSeconds() > 0) {
            StickinessCookies.addPair(response, StickinessCookies.AWSALBTG, StickinessCookies.AWSALBTGCORS,
                    codec.encode(StickinessCookieCodec.Kind.TARGET_GROUP, forward.scope(),
                            StickinessCookieCodec.subject(group.arn), nowSecond + forward.stickinessSeconds()),
                    nowSecond);
        }
    }

    /** The target's read batch ended: flush to the client, then read on or finish. */
    void onBackendReadComplete() {
        if (finished) {
            return;
        }
        if (responseStarted) {
            writeHeldHead();
            client.flush();
        }
        if (responseComplete) {
            finish();
        }
    }
    private void finish() {
        finished = true;
        // A response completes only on a target connection, so attach() has run.
        Channel channel = requireNonNull(backend, "backend");
        requireNonNull(backendHandler, "backendHandler").detach();
        boolean switching = targetStatus == 101 && upgrade;
        if (switching) {
            switched = true;
        } else if (requestSent && backendReusable) {
            frontend.pool.release(channel, target.address);
        } else {
            channel.close();
        }
        target.outstanding.decrementAndGet();
        log(-1, null);
        if (switching) {
            frontend.exchangeDone(this, true);
            AlbPipeline.toTunnel(client.channel(), channel);
            return;
        }
        if (!clientKeepAlive) {
            // A closing response's last write is kept (see onResponse); an empty flush stands in should none be.
            ChannelFuture written = lastWrite;
            frontend.closeAfter(written != null ? written : client.writeAndFlush(Unpooled.EMPTY_BUFFER));
        }
        if (requestComplete || !clientKeepAlive) {
            frontend.exchangeDone(this, clientKeepAlive);
        }
    }

    /** Marks the exchange over, drops what it still holds and closes its target connection. */
    private void end() {
        finished = true;
        releasePending();
        if (heldHead != null) {
            heldHead.release();
            heldHead = null;
        }
        if (backend != null) {
            if (backendHandler != null) {
                backendHandler.detach();
            }
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
            Object part;
            while ((part = pending.poll()) != null) {
                ReferenceCountUtil.release(part);
            }
        }
    }

    private void log(int elbStatus, @Nullable String error) {
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
                sentBytes, requestLine, userAgent, group.arn, String.valueOf(request.added(ForwardedHeaders.X_AMZN_TRACE_ID)),
                "-", routes.priorities[rule], Instant.ofEpochMilli(startMillis), actions, "-", error));
    }

    boolean switched() {
        return switched;
    }
}

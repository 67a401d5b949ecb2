package dev.haneul.elbv2.dataplane;

import dev.haneul.core.http.BodyPrefix;
import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeaderNames;
import dev.haneul.core.http.HttpInterceptor;
import dev.haneul.core.http.HttpVerdict;
import dev.haneul.core.http.InspectedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request held for the load balancer's {@link HttpInterceptor} (WAF) before any rule runs.
 *
 * <pre>
 *  head ──▶ [body parts held in a BodyPrefix until 8 KB or the end; client not read past that]
 *       ──▶ interceptor.inspect(head, prefix) ──▶ Continue: fields added, rules matched, the held
 *                                                  parts replayed into the exchange the rule starts
 *                                              ──▶ Respond: answered here, the rest of the body dropped
 *                                              ──▶ Pending: nothing read until it completes (on this loop)
 * </pre>
 *
 * An interceptor that throws or whose pending verdict fails gets the client ALB's 500, as a web
 * ACL evaluation error does when {@code waf.fail_open.enabled} is false.
 */
final class InspectionExchange implements Exchange {

    private static final Logger log = LoggerFactory.getLogger(InspectionExchange.class);

    private final FrontendHandler frontend;
    private final HttpInterceptor interceptor;
    private final HttpHead request;
    private final boolean withBody;
    private final boolean keepAlive;
    private final long nowMillis;
    private final BodyPrefix prefix = new BodyPrefix();
    private boolean requestComplete;
    private long receivedBodyBytes;
    private boolean judged;
    private boolean over;

    InspectionExchange(FrontendHandler frontend, HttpInterceptor interceptor, HttpHead request, boolean withBody,
                       boolean keepAlive, long nowMillis) {
        this.frontend = frontend;
        this.interceptor = interceptor;
        this.request = request;
        this.withBody = withBody && request.hasBody();
        this.keepAlive = keepAlive;
        this.nowMillis = nowMillis;
        this.requestComplete = !request.hasBody();
    }

    void start() {
        if (!withBody) {
            inspect();
        }
    }

    @Override
    public boolean acceptsBody() {
        return !requestComplete;
    }

    @Override
    public void onRequestBody(ByteBuf part) {
        if (over) {
            part.release();
            return;
        }
        receivedBodyBytes += part.readableBytes();
        prefix.add(part);
        if (withBody && !judged && prefix.ready()) {
            inspect();
        }
    }

    @Override
    public void onRequestEnd() {
        requestComplete = true;
        if (over) {
            return;
        }
        prefix.complete();
        if (withBody && !judged) {
            inspect();
        }
    }

    @Override
    public void onRequestBroken() {
        requestComplete = true;
        end();
        frontend.abort();
    }

    private void inspect() {
        judged = true;
        ByteBuf view = withBody ? prefix.view(frontend.ctx.alloc()) : Unpooled.EMPTY_BUFFER;
        HttpVerdict verdict;
        try {
            verdict = interceptor.inspect(new InspectedRequest(request, view,
                    withBody ? prefix.truncated() : request.hasBody(), frontend.remote));
        } catch (RuntimeException e) {
            log.warn("elbv2 - request interceptor {} failed", interceptor, e);
            verdict = null;
        } finally {
            view.release();
        }
        apply(verdict);
    }

    private void apply(@Nullable HttpVerdict verdict) {
        if (over) {
            return;
        }
        switch (verdict) {
            case null -> {
                end();
                logAnswered(500, 0, "waf-failed");
                frontend.failAfterInspection(this, keepAlive, !requestComplete);
            }
            case HttpVerdict.Continue go -> {
                over = true;
                for (int i = 0; i < go.addFields().size(); i += 2) {
                    request.add(AsciiString.of(go.addFields().get(i)), go.addFields().get(i + 1));
                }
                frontend.continueAfterInspection(this, request, keepAlive, nowMillis, prefix);
            }
            case HttpVerdict.Respond respond -> {
                logAnswered(respond.status(), respond.body().length, "waf");
                end();
                frontend.respondAfterInspection(this, respond, keepAlive, !requestComplete);
            }
            case HttpVerdict.Pending pending -> pending.verdict().whenComplete((next, error) ->
                    frontend.ctx.executor().execute(() -> {
                        if (error != null) {
                            log.warn("elbv2 - request interceptor {} failed", interceptor, error);
                        }
                        apply(error == null ? next : null);
                    }));
        }
    }

    /**
     * The access log line of a request answered here: no target ({@code -}, times {@code -1}),
     * {@code actions_executed} {@code waf} (a block, CAPTCHA or Challenge) or {@code waf-failed}, no
     * listener rule matched ({@code matched_rule_priority} -1: the rules never ran).
     */
    private void logAnswered(int status, long sentBytes, String actions) {
        AccessLog log = frontend.listener.lb.accessLog();
        if (log == null) {
            return;
        }
        String host = request.get(HttpHeaderNames.HOST);
        String trace = request.get(ForwardedHeaders.X_AMZN_TRACE_ID);
        String traceField = trace == null ? "-" : trace;
        log.append(new AccessLog.Entry(Instant.ofEpochMilli(frontend.listener.clock().millis()),
                frontend.listener.lb.elbName(), frontend.clientIp + ":" + frontend.remote.getPort(), "-", -1, -1, -1,
                status, "-", request.wireLength() + receivedBodyBytes, sentBytes,
                request.method() + " http://" + (host == null ? "-" : host) + request.target() + " "
                        + request.receivedVersion(), request.get(HttpHeaderNames.USER_AGENT), "-", traceField, "-", -1,
                Instant.ofEpochMilli(nowMillis), actions, "-", "-"));
    }

    /** Drops what is held; the verdict, whatever it is, no longer matters. */
    private void end() {
        over = true;
        prefix.release();
    }

    @Override
    public void onClientReadComplete() {
    }

    @Override
    public boolean wantsClientRead() {
        return !requestComplete && withBody && !judged && !prefix.ready();
    }

    @Override
    public void onClientWritable() {
    }

    @Override
    public void onClientClosed() {
        requestComplete = true;
        end();
    }

    @Override
    public boolean onClientIdle() {
        return true;
    }
}

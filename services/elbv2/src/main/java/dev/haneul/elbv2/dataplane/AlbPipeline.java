package dev.haneul.elbv2.dataplane;

import dev.haneul.core.http.HttpMessageDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;

/**
 * Every pipeline of an Application Load Balancer, in one place.
 *
 * <pre>
 *  client ─▶ [idle] ─▶ [http: HttpMessageDecoder] ─▶ [alb: FrontendHandler] ─┐ (WAF), rule match,
 *                                                                          │ action, target choice
 *                     ┌────────────────────────────────────────────────────┘
 *                     ▼ ForwardExchange borrows a pooled connection of the same event loop
 *  target ◀─ [idle] ◀─ (bytes: head + edits, body slices)      [target: BackendHandler]
 *  target ─▶ [idle] ─▶ [http: HttpMessageDecoder] ─▶ [target: BackendHandler] ─▶ ForwardExchange ─▶ client
 *
 *  after a 101 (WebSocket): client ⇄ [idle] [tunnel: TunnelHandler] ⇄ [tunnel] [idle] ⇄ target
 * </pre>
 *
 * A side stops reading whenever the other side cannot take what it would read (see
 * {@link ForwardExchange} and {@link FrontendHandler#updateReading()}), so no body is ever buffered
 * whole. Nothing encodes: what goes out is the head as received with the load balancer's edits
 * ({@link dev.haneul.core.http.HttpHead}) and the body slices as read. {@code idle} is the load
 * balancer's idle timeout on both sides. Limits are ALB's ({@link dev.haneul.core.http.HttpHeadParser}):
 * a 16 KB request line and header, 64 KB of request headers, 32 KB of response headers from a target.
 */
final class AlbPipeline {

    static final String IDLE = "idle";
    static final String HTTP = "http";
    static final String ALB = "alb";
    static final String TARGET = "target";
    static final String TUNNEL = "tunnel";

    private AlbPipeline() {}

    static void initClient(ChannelPipeline pipeline, HttpListener listener, Duration idleTimeout) {
        pipeline.addLast(IDLE, idle(idleTimeout));
        pipeline.addLast(HTTP, HttpMessageDecoder.forRequests());
        pipeline.addLast(ALB, new FrontendHandler(listener));
    }

    static void initBackend(ChannelPipeline pipeline, Duration idleTimeout, BackendPool pool) {
        pipeline.addLast(IDLE, idle(idleTimeout));
        pipeline.addLast(HTTP, HttpMessageDecoder.forResponses());
        pipeline.addLast(TARGET, new BackendHandler(pool));
    }

    /**
     * After a target's {@code 101 Switching Protocols} has been written to the client: both
     * channels stop speaking HTTP and relay bytes. Tunnel handlers go in before the decoders leave,
     * so bytes a decoder still holds (both pause after an upgrade) are relayed, not lost.
     */
    static void toTunnel(Channel client, Channel target) {
        client.pipeline().replace(ALB, TUNNEL, new TunnelHandler(target));
        target.pipeline().replace(TARGET, TUNNEL, new TunnelHandler(client));
        client.pipeline().remove(HTTP);
        target.pipeline().remove(HTTP);
    }

    private static IdleTimeoutHandler idle(Duration timeout) {
        return new IdleTimeoutHandler(timeout.toNanos());
    }
}

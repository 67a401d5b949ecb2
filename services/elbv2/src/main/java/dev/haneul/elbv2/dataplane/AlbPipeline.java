package dev.haneul.elbv2.dataplane;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Duration;

/**
 * Every pipeline of an Application Load Balancer, in one place.
 *
 * <pre>
 *  client ─▶ [idle] ─▶ [http: HttpServerCodec] ─▶ [alb: FrontendHandler] ─┐ rule match, action,
 *                                                                       │ target choice, headers
 *                     ┌─────────────────────────────────────────────────┘
 *                     ▼ ForwardExchange borrows a pooled connection of the same event loop
 *  target ◀─ [idle] ◀─ [http: HttpClientCodec] ◀─ [target: BackendHandler]
 *
 *  after a 101 (WebSocket): client ⇄ [idle] [tunnel: TunnelHandler] ⇄ [tunnel] [idle] ⇄ target
 * </pre>
 *
 * A side stops reading whenever the other side cannot take what it would read (see
 * {@link ForwardExchange} and {@link FrontendHandler#updateReading()}), so no body is ever buffered
 * whole. {@code idle} is
 * the load balancer's idle timeout on both sides. Limits are ALB's: a 16 KB request line, 64 KB of
 * request headers, 32 KB of response headers from a target.
 */
final class AlbPipeline {

    static final String IDLE = "idle";
    static final String HTTP = "http";
    static final String ALB = "alb";
    static final String TARGET = "target";
    static final String TUNNEL = "tunnel";

    static final int MAX_REQUEST_LINE = 16 * 1024;
    static final int MAX_REQUEST_HEADERS = 64 * 1024;
    static final int MAX_RESPONSE_HEADERS = 32 * 1024;
    static final int MAX_CHUNK = 64 * 1024;

    private AlbPipeline() {}

    static void initClient(ChannelPipeline pipeline, HttpListener listener, Duration idleTimeout) {
        pipeline.addLast(IDLE, idle(idleTimeout));
        pipeline.addLast(HTTP, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(MAX_REQUEST_HEADERS)
                .setMaxChunkSize(MAX_CHUNK)));
        pipeline.addLast(ALB, new FrontendHandler(listener));
    }

    static void initBackend(ChannelPipeline pipeline, Duration idleTimeout, BackendPool pool) {
        pipeline.addLast(IDLE, idle(idleTimeout));
        pipeline.addLast(HTTP, new HttpClientCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_RESPONSE_HEADERS)
                .setMaxHeaderSize(MAX_RESPONSE_HEADERS)
                .setMaxChunkSize(MAX_CHUNK), HttpClientCodec.DEFAULT_FAIL_ON_MISSING_RESPONSE,
                HttpClientCodec.DEFAULT_PARSE_HTTP_AFTER_CONNECT_REQUEST));
        pipeline.addLast(TARGET, new BackendHandler(pool));
    }

    /**
     * After a target's {@code 101 Switching Protocols} has been written to the client: both
     * channels stop speaking HTTP and relay bytes. Tunnel handlers go in before the codecs leave,
     * so bytes a codec still holds are relayed, not lost.
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

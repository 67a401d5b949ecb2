package dev.haneul.core.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * A handler for Haneul's own pages under {@code /_haneul/} (health, later the dashboard and its
 * event stream). Runs on the connection's event loop: it must not block; it owns the response,
 * including keep-alive handling. The request is released by the gateway after this returns.
 */
@FunctionalInterface
public interface HttpRoute {

    void handle(ChannelHandlerContext ctx, FullHttpRequest request);
}

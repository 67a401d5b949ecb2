package dev.haneul.core.http;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * What an {@link HttpInterceptor} sees of one request.
 *
 * @param head the parsed head, as received (edits the data plane made for the target included)
 * @param bodyPrefix the first {@link HttpInterceptor#BODY_PREFIX_LIMIT} bytes of the body at most,
 *     read-only; empty without a body or when only the head was asked for. As received: a chunked
 *     body keeps its chunk framing.
 * @param bodyTruncated whether the body goes on past the prefix
 * @param client the client's address (the TCP peer, not {@code X-Forwarded-For})
 */
public record InspectedRequest(HttpHead head, ByteBuf bodyPrefix, boolean bodyTruncated, InetSocketAddress client) {
}

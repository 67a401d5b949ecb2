package dev.haneul.elbv2.dataplane;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Responses the load balancer writes itself: its error pages (a small HTML page, as ALB's are,
 * with {@code Server: awselb/2.0}), fixed responses and redirects.
 */
final class AlbResponses {

    static final String SERVER = "awselb/2.0";

    /**
     * The reason phrases of ALB's own answers, which are nginx's (ALB's error pages are nginx-style):
     * {@code 503 Service Temporarily Unavailable}, {@code 504 Gateway Time-out}; its own codes
     * (463) have none.
     */
    private static final java.util.Map<Integer, String> PHRASES = java.util.Map.ofEntries(
            java.util.Map.entry(400, "Bad Request"), java.util.Map.entry(405, "Not Allowed"),
            java.util.Map.entry(408, "Request Time-out"), java.util.Map.entry(414, "Request-URI Too Large"),
            java.util.Map.entry(463, ""), java.util.Map.entry(500, "Internal Server Error"),
            java.util.Map.entry(501, "Not Implemented"), java.util.Map.entry(502, "Bad Gateway"),
            java.util.Map.entry(503, "Service Temporarily Unavailable"), java.util.Map.entry(504, "Gateway Time-out"),
            java.util.Map.entry(505, "HTTP Version Not Supported"));

    static HttpResponseStatus status(int code) {
        String phrase = PHRASES.get(code);
        return phrase == null ? HttpResponseStatus.valueOf(code) : new HttpResponseStatus(code, phrase);
    }

    private AlbResponses() {}

    /** An ALB error page, for example {@code 502 Bad Gateway}. */
    static FullHttpResponse error(ByteBufAllocator alloc, int status, long nowSecond, boolean keepAlive) {
        HttpResponseStatus s = status(status);
        String title = status + (s.reasonPhrase().isEmpty() ? "" : " " + s.reasonPhrase());
        String body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n";
        return response(alloc, s, "text/html", body, nowSecond, keepAlive);
    }

    /** A {@code fixed-response} action's answer. */
    static FullHttpResponse fixed(ByteBufAllocator alloc, RuleAction.FixedResponse action, long nowSecond,
                                  boolean keepAlive) {
        return response(alloc, HttpResponseStatus.valueOf(action.statusCode()), action.contentType().orElse(null),
                action.body(), nowSecond, keepAlive);
    }

    /** A {@code redirect} action's answer. */
    static FullHttpResponse redirect(ByteBufAllocator alloc, int status, String location, long nowSecond,
                                     boolean keepAlive) {
        HttpResponseStatus s = HttpResponseStatus.valueOf(status);
        FullHttpResponse response = error(alloc, status, nowSecond, keepAlive);
        response.setStatus(s);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }

    private static FullHttpResponse response(ByteBufAllocator alloc, HttpResponseStatus status, String contentType,
                                             String body, long nowSecond, boolean keepAlive) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                bytes.length == 0 ? alloc.buffer(0) : ByteBufUtil.encodeString(alloc, java.nio.CharBuffer.wrap(body),
                        StandardCharsets.UTF_8));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.SERVER, SERVER);
        headers.set(HttpHeaderNames.DATE, HttpDates.format(nowSecond));
        if (contentType != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        headers.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return response;
    }
}

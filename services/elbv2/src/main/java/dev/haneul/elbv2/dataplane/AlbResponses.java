package dev.haneul.elbv2.dataplane;

import dev.haneul.core.http.HttpResponses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Responses the load balancer writes itself, as bytes: its error pages (a small HTML page, as ALB's
 * are, with {@code Server: awselb/2.0}), fixed responses and redirects.
 */
final class AlbResponses {

    static final String SERVER = "awselb/2.0";

    /**
     * The reason phrases of ALB's own answers, which are nginx's (ALB's error pages are nginx-style):
     * {@code 503 Service Temporarily Unavailable}, {@code 504 Gateway Time-out}; its own codes
     * (463) have none.
     */
    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(403, "Forbidden"), Map.entry(405, "Not Allowed"),
            Map.entry(408, "Request Time-out"), Map.entry(414, "Request-URI Too Large"), Map.entry(463, ""),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Temporarily Unavailable"), Map.entry(504, "Gateway Time-out"),
            Map.entry(505, "HTTP Version Not Supported"));

    private AlbResponses() {}

    static String reason(int code) {
        String phrase = PHRASES.get(code);
        return phrase != null ? phrase : HttpResponseStatus.valueOf(code).reasonPhrase();
    }

    /** An ALB error page, for example {@code 502 Bad Gateway}. */
    static ByteBuf error(ByteBufAllocator alloc, int status, long nowSecond, boolean keepAlive) {
        return HttpResponses.full(alloc, status, reason(status), errorPage(status), "Server", SERVER,
                "Date", HttpDates.format(nowSecond), "Content-Type", "text/html", "Connection", connection(keepAlive));
    }

    /** A {@code fixed-response} action's answer. */
    static ByteBuf fixed(ByteBufAllocator alloc, RuleAction.FixedResponse action, long nowSecond, boolean keepAlive) {
        byte[] body = action.body().getBytes(StandardCharsets.UTF_8);
        String date = HttpDates.format(nowSecond);
        String status = HttpResponseStatus.valueOf(action.statusCode()).reasonPhrase();
        return action.contentType()
                .map(type -> HttpResponses.full(alloc, action.statusCode(), status, body, "Server", SERVER, "Date", date,
                        "Content-Type", type, "Connection", connection(keepAlive)))
                .orElseGet(() -> HttpResponses.full(alloc, action.statusCode(), status, body, "Server", SERVER,
                        "Date", date, "Connection", connection(keepAlive)));
    }

    /** A {@code redirect} action's answer. */
    static ByteBuf redirect(ByteBufAllocator alloc, int status, String location, long nowSecond, boolean keepAlive) {
        return HttpResponses.full(alloc, status, HttpResponseStatus.valueOf(status).reasonPhrase(), errorPage(status),
                "Server", SERVER, "Date", HttpDates.format(nowSecond), "Content-Type", "text/html",
                "Location", location, "Connection", connection(keepAlive));
    }

    private static byte[] errorPage(int status) {
        String phrase = reason(status);
        String title = status + (phrase.isEmpty() ? "" : " " + phrase);
        return ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String connection(boolean keepAlive) {
        return keepAlive ? "keep-alive" : "close";
    }
}

package dev.haneul.wafv2.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request as the engine inspects it, independent of the data plane's buffers: what
 * {@link CompiledWebAcl#inspect} builds from the ALB's {@code InspectedRequest}, and what tests and
 * the benchmark build directly.
 *
 * @param method as sent
 * @param path the URI path as sent (still percent-encoded: AWS inspects it raw, URL_DECODE is a transformation)
 * @param query the query string as sent, without {@code ?}; empty when none
 * @param headers name, value, name, value, ... in the order received
 * @param body the first {@link dev.haneul.core.http.HttpInterceptor#BODY_PREFIX_LIMIT} bytes of the
 *     body (de-chunked), empty when none
 * @param bodyTruncated whether the body goes on past {@code body}
 * @param clientIp the TCP peer's address, textual
 * @param httpVersion {@code HTTP/1.1}
 */
public record WafRequest(String method, String path, String query, List<String> headers, byte[] body,
                         boolean bodyTruncated, String clientIp, String httpVersion) {

    public WafRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(query, "query");
        headers = List.copyOf(headers);
        requireNonNull(body, "body");
        requireNonNull(clientIp, "clientIp");
        requireNonNull(httpVersion, "httpVersion");
        if (headers.size() % 2 != 0) {
            throw new IllegalArgumentException("headers: expected name, value pairs");
        }
    }

    /** A GET of {@code target} ({@code /path?query}) from {@code clientIp} with these headers. */
    public static WafRequest get(String target, String clientIp, String... headers) {
        return of("GET", target, clientIp, new byte[0], headers);
    }

    /** A request of {@code target} ({@code /path?query}) with a complete body. */
    public static WafRequest of(String method, String target, String clientIp, byte[] body, String... headers) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        return new WafRequest(method, path, query, List.of(headers), body, false, clientIp, "HTTP/1.1");
    }

    /** Number of headers. */
    public int headerCount() {
        return headers.size() / 2;
    }

    public String headerName(int i) {
        return headers.get(2 * i);
    }

    public String headerValue(int i) {
        return headers.get(2 * i + 1);
    }

    /** The first header named {@code name} (any case), or null. */
    public @Nullable String header(String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return headers.get(i + 1);
            }
        }
        return null;
    }
}

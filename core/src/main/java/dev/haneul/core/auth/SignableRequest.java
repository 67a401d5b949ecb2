package dev.haneul.core.auth;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as SigV4 sees it, independent of the transport: the gateway builds one from a
 * Netty {@code FullHttpRequest}, tests build them by hand.
 *
 * <p>Everything is kept <em>as received</em>, because the signature covers the client's bytes and
 * any "helpful" cleanup on our side breaks it: {@code rawPath} and {@code rawQuery} are still
 * percent-encoded (do not decode {@code %2F} or {@code +}), {@code rawQuery} is empty rather than
 * absent, and {@code headers} keep their order, the names' case and repeated names, because SigV4
 * joins repeated headers with commas in the order they arrived.
 *
 * <p>Strings are text; they are UTF-8 encoded when canonicalized. Netty decodes the request line
 * and header values one byte per char (ISO-8859-1), which agrees for ASCII, and AWS SDKs send
 * only ASCII there (paths and queries are percent-encoded). A gateway that wants to accept raw
 * UTF-8 in the request line must re-decode it first.
 *
 * <p>The body array is not copied: callers hand it over and do not change it afterwards.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param rawPath the path of the request target, percent-encoded as received; may be empty
 * @param rawQuery the query without {@code ?}, percent-encoded as received; empty when none
 * @param headers the header fields in received order, names as received, duplicates allowed
 * @param body the payload, empty when none
 */
public record SignableRequest(
        String method,
        String rawPath,
        String rawQuery,
        List<Map.Entry<String, String>> headers,
        byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    public SignableRequest {
        requireNonNull(method, "method");
        requireNonNull(rawPath, "rawPath");
        requireNonNull(rawQuery, "rawQuery");
        requireNonNull(headers, "headers");
        requireNonNull(body, "body");
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            requireNonNull(header, "header");
            copy.add(Map.entry(requireNonNull(header.getKey(), "header name"),
                    requireNonNull(header.getValue(), "header value")));
        }
        headers = List.copyOf(copy);
    }

    /**
     * Builds a request from an HTTP request target as on the request line: origin form
     * ({@code /path?query}) or absolute form ({@code http://host/path?query}, sent to proxies).
     */
    public static SignableRequest of(String method, String requestTarget,
            List<Map.Entry<String, String>> headers, byte[] body) {
        requireNonNull(requestTarget, "requestTarget");
        String target = requestTarget;
        int scheme = target.indexOf("://");
        if (scheme > 0 && !target.startsWith("/")) {
            int pathStart = target.indexOf('/', scheme + 3);
            int queryStart = target.indexOf('?', scheme + 3);
            if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
                target = "/" + (queryStart < 0 ? "" : target.substring(queryStart));
            } else {
                target = target.substring(pathStart);
            }
        }
        int question = target.indexOf('?');
        return question < 0
                ? new SignableRequest(method, target, "", headers, body)
                : new SignableRequest(method, target.substring(0, question), target.substring(question + 1),
                        headers, body);
    }

    /** A request without body. */
    public static SignableRequest of(String method, String requestTarget, List<Map.Entry<String, String>> headers) {
        return of(method, requestTarget, headers, NO_BODY);
    }

    /** The path and query as they would appear on the request line. */
    public String requestTarget() {
        return rawQuery.isEmpty() ? rawPath : rawPath + '?' + rawQuery;
    }

    /** The value of the first header named {@code name}, compared case-insensitively. */
    public Optional<String> firstHeader(String name) {
        requireNonNull(name, "name");
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every value of the headers named {@code name}, in received order. */
    public List<String> headerValues(String name) {
        requireNonNull(name, "name");
        List<String> values = new ArrayList<>(2);
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    /** A copy with one more header at the end. */
    public SignableRequest withHeader(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.add(Map.entry(requireNonNull(name, "name"), requireNonNull(value, "value")));
        return new SignableRequest(method, rawPath, rawQuery, copy, body);
    }

    /** A copy without any header named {@code name} (case-insensitive). */
    public SignableRequest withoutHeader(String name) {
        requireNonNull(name, "name");
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.removeIf(header -> header.getKey().equalsIgnoreCase(name));
        return copy.size() == headers.size() ? this : new SignableRequest(method, rawPath, rawQuery, copy, body);
    }

    /** A copy with another query string (still percent-encoded, without {@code ?}). */
    public SignableRequest withRawQuery(String newRawQuery) {
        return new SignableRequest(method, rawPath, newRawQuery, headers, body);
    }

    /** A copy with another body. */
    public SignableRequest withBody(byte[] newBody) {
        return new SignableRequest(method, rawPath, rawQuery, headers, newBody);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignableRequest that
                && method.equals(that.method)
                && rawPath.equals(that.rawPath)
                && rawQuery.equals(that.rawQuery)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, rawPath, rawQuery, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        // No header values and no query: both may carry X-Amz-Security-Token, a credential.
        return "SignableRequest[" + method + ' ' + rawPath
                + (rawQuery.isEmpty() ? "" : "?<" + rawQuery.length() + " chars>") + ", headers="
                + headers.stream().map(Map.Entry::getKey).toList() + ", body=" + body.length + " bytes]";
    }
}

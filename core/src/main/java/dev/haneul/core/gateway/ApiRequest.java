package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request to the AWS API, independent of Netty: method, raw path and query string as
 * received (still percent-encoded, as SigV4 needs them), headers in arrival order, the decoded
 * body, and the id the answer will carry.
 */
public record ApiRequest(String requestId, String method, String rawPath, String rawQuery,
                         List<Map.Entry<String, String>> headers, byte[] body, Instant receivedAt) {

    public ApiRequest {
        requireNonNull(requestId, "requestId");
        requireNonNull(method, "method");
        requireNonNull(rawPath, "rawPath");
        requireNonNull(rawQuery, "rawQuery");
        headers = List.copyOf(headers);
        requireNonNull(body, "body");
        requireNonNull(receivedAt, "receivedAt");
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }

    /** The media type of the body, lower case, without parameters; empty when absent. */
    public String mediaType() {
        String type = header("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}

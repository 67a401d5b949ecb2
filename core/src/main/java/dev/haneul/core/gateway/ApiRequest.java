package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.protocol.StreamingBlob;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to the AWS API, independent of Netty: method, raw path and query string as
 * received (still percent-encoded, as SigV4 needs them), headers in arrival order, the decoded
 * body (or, for a large upload, the stream it arrives on), and the id the answer will carry.
 */
public record ApiRequest(String requestId, String method, String rawPath, String rawQuery,
                         List<Map.Entry<String, String>> headers, byte[] body, Instant receivedAt,
                         @Nullable StreamingBlob streamedBody) {

    /** A request whose body was read whole. */
    public ApiRequest(String requestId, String method, String rawPath, String rawQuery,
                      List<Map.Entry<String, String>> headers, byte[] body, Instant receivedAt) {
        this(requestId, method, rawPath, rawQuery, headers, body, receivedAt, null);
    }

    /**
     * Whether the body streams to the provider as it arrives ({@link #streamedBody}, then
     * {@link #body} is empty): large uploads; their payload hash is checked as they are read.
     */
    public boolean streamed() {
        return streamedBody != null;
    }

    /** The body as the codecs take it: the stream, or the bytes read whole. */
    public StreamingBlob payload() {
        return streamedBody != null ? streamedBody : StreamingBlob.of(body);
    }

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

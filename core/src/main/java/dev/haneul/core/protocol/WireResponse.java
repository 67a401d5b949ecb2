package dev.haneul.core.protocol;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a codec answers: status, content type (empty for a response without a body, as rest
 * protocols send for header-only outputs), the headers bound by the model in the order written,
 * and the body — in memory, or a provider's {@link StreamingBlob} for a streaming payload.
 */
public record WireResponse(int status, String contentType, Map<String, String> headers, StreamingBlob body) {

    private static final StreamingBlob EMPTY = StreamingBlob.of(new byte[0]);

    public WireResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100-599)");
        }
        requireNonNull(contentType, "contentType");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        requireNonNull(body, "body");
    }

    /** A response with a body held in memory. */
    public static WireResponse of(int status, String contentType, Map<String, String> headers, byte[] body) {
        return new WireResponse(status, contentType, headers, body.length == 0 ? EMPTY : StreamingBlob.of(body));
    }

    /** A response with a text body. */
    public static WireResponse of(int status, String contentType, Map<String, String> headers, String body) {
        return of(status, contentType, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.haneul.core.gateway;

import dev.haneul.core.protocol.StreamingBlob;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway answers: status, content type, body and extra headers. The body is in memory
 * ({@code body}), or, for a provider's streaming payload (an S3 object), {@code stream}, which
 * the gateway writes in slices off the event loop ({@code body} is then empty).
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers,
                          @Nullable StreamingBlob stream) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }
}

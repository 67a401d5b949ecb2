package dev.haneul.core.gateway;

import java.util.Map;

/** What the gateway answers: status, content type, body and extra headers. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }
}

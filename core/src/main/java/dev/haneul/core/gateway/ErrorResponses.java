package dev.haneul.core.gateway;

import dev.haneul.core.api.AwsServiceException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Map;

/**
 * An error the gateway itself answers (before any provider is involved), in the envelope the
 * caller understands: Haneul's own pages and APIs under {@code /_haneul} get
 * {@code {"code": …, "message": …}}, AWS API callers the error of their protocol.
 */
final class ErrorResponses {

    private ErrorResponses() {}

    static FullHttpResponse response(AwsServiceException error, HttpRequest request, ApiDispatcher dispatcher,
                                     String requestId, boolean keepAlive) {
        return response(error, request.uri(), GatewayHandler.isJson(request), dispatcher, requestId, keepAlive);
    }

    /** For a request whose head has gone on: its URI and whether its protocol is JSON. */
    static FullHttpResponse response(AwsServiceException error, String uri, boolean json, ApiDispatcher dispatcher,
                                     String requestId, boolean keepAlive) {
        if (uri.startsWith("/_haneul")) {
            return HttpResponses.response(error.status(), HttpResponses.JSON, HttpResponses.errorBody(error),
                    Map.of(), requestId, keepAlive);
        }
        ApiResponse response = dispatcher.error(error, null, json, requestId);
        return HttpResponses.response(response.status(), response.contentType(), response.body(), response.headers(),
                requestId, keepAlive);
    }
}

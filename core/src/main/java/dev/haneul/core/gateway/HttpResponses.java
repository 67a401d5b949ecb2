package dev.haneul.core.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.api.AwsServiceException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writing complete HTTP responses with the headers every Haneul answer carries. */
public final class HttpResponses {

    /** The content type of Haneul's own JSON answers. */
    public static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpResponses() {}

    /**
     * Writes {@code error} as Haneul's own pages and APIs answer errors: its status and
     * {@code {"code": …, "message": …}}, AWS's code and message and nothing else (no Java type
     * names, no stack traces).
     */
    public static void writeError(ChannelHandlerContext ctx, AwsServiceException error, String requestId,
                                  boolean keepAlive) {
        write(ctx, error.status(), JSON, errorBody(error), Map.of(), requestId, keepAlive);
    }

    /** {@code {"code": …, "message": …}} of {@code error}. */
    public static byte[] errorBody(AwsServiceException error) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of two strings as JSON", e);
        }
    }

    /**
     * Writes a full response with {@code x-amzn-RequestId}, {@code Date} and content headers (no
     * {@code Content-Type} when {@code contentType} is empty), and closes the connection afterwards
     * unless {@code keepAlive}.
     */
    public static void write(ChannelHandlerContext ctx, int status, String contentType, byte[] body,
                             Map<String, String> headers, String requestId, boolean keepAlive) {
        FullHttpResponse response = response(status, contentType, body, headers, requestId, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The response {@link #write} sends, for callers that decide themselves when to close. */
    public static FullHttpResponse response(int status, String contentType, byte[] body, Map<String, String> headers,
                                            String requestId, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        if (!contentType.isEmpty()) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("x-amzn-RequestId", requestId)
                .set(HttpHeaderNames.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        headers.forEach((name, value) -> response.headers().set(name, value));
        return response;
    }
}

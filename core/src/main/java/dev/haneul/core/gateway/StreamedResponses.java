package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.protocol.StreamingBlob;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a response whose body is a provider's {@link StreamingBlob} (an S3 object) from the
 * calling virtual thread, never the event loop: the head first, then the body in slices of
 * {@link #SLICE} bytes, waiting for the channel to drain whenever Netty's outbound buffer is
 * above its high-water mark. A body that fails half-way closes the connection (the head is
 * already sent, so no error can be answered any more).
 */
final class StreamedResponses {

    private static final Logger log = LoggerFactory.getLogger(StreamedResponses.class);

    static final int SLICE = 256 * 1024;

    private StreamedResponses() {}

    /**
     * Writes {@code response} (its {@link ApiResponse#stream()} not null) and closes its stream.
     *
     * @param headRequest a HEAD request: the head only
     * @return whether the connection is still usable for the next request
     */
    static boolean write(ChannelHandlerContext ctx, ApiResponse response, String requestId, boolean keepAlive,
                         boolean headRequest) {
        StreamingBlob blob = requireNonNull(response.stream(), "a streamed response");
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        if (!response.contentType().isEmpty()) {
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        head.headers()
                .set("x-amzn-RequestId", requestId)
                .set(HttpHeaderNames.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            head.headers().set(header.getKey(), header.getValue());
        }
        long length = blob.contentLength();
        if (length >= 0) {
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        } else {
            head.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        long written = 0;
        try (InputStream in = blob.openStream()) {
            ChannelFuture last = ctx.writeAndFlush(head);
            if (!headRequest) {
                byte[] buffer = new byte[SLICE];
                int n;
                while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    if (!ctx.channel().isActive()) {
                        throw new IOException("the client closed the connection");
                    }
                    last = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buffer, 0, n)));
                    written += n;
                    if (!ctx.channel().isWritable()) {
                        last.get(); // wait for the socket to take what is queued
                    }
                }
                if (length >= 0 && written != length) {
                    throw new IOException("the body had " + written + " bytes, not the " + length + " announced");
                }
            }
            last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                last.addListener(ChannelFutureListener.CLOSE);
            }
            return keepAlive;
        } catch (IOException | ExecutionException | RuntimeException e) {
            log.warn("gateway - request {}: the response body failed after {} bytes: {}", requestId, written, e.toString());
            ctx.close();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.close();
            return false;
        }
    }
}

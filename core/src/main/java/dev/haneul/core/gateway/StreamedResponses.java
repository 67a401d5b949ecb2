package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.protocol.StreamingBlob;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
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
 * above its high-water mark. Two shortcuts: a body of at most one slice goes out with its head as
 * one message, and a larger one that is a range of a file ({@link StreamingBlob.FileRange}) is
 * sent by the kernel ({@code sendfile}). A body that fails half-way closes the connection (the
 * head is already sent, so no error can be answered any more).
 */
final class StreamedResponses {

    private static final Logger log = LoggerFactory.getLogger(StreamedResponses.class);

    static final int SLICE = 256 * 1024;

    private StreamedResponses() {}

    /**
     * A body that is a range of a file (a large object): sent by the kernel ({@code sendfile}), not
     * copied through the heap, while this thread waits for it to be sent; the file is released after.
     */
    private static boolean sendFile(ChannelHandlerContext ctx, HttpResponse head, StreamingBlob.FileRange file,
                                    String requestId, boolean keepAlive) {
        // The region's release would close the file the store's read owns, so it is wrapped as unowned.
        FileRegion region = new DefaultFileRegion(file.file(), file.position(), file.contentLength()) {
            @Override
            protected void deallocate() {
                // The file is released by file.close() below, once sent.
            }
        };
        try (file) {
            ctx.write(head);
            ctx.writeAndFlush(region).get();
            ChannelFuture last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                last.addListener(ChannelFutureListener.CLOSE);
            }
            return keepAlive;
        } catch (IOException | ExecutionException | InterruptedException | RuntimeException e) {
            return failed(ctx, requestId, "sending the response body from its file failed", e);
        }
    }

    /**
     * A body of at most one slice (a small object): read at once and written with its head as one
     * message, so the answer takes one write to the socket, not three.
     */
    private static boolean writeWhole(ChannelHandlerContext ctx, HttpResponse head, InputStream in, int length,
                                      boolean keepAlive) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("the body had " + body.length + " bytes, not the " + length + " announced");
        }
        FullHttpResponse whole = new DefaultFullHttpResponse(head.protocolVersion(), head.status(),
                Unpooled.wrappedBuffer(body), head.headers(), EmptyHttpHeaders.INSTANCE);
        ChannelFuture sent = ctx.writeAndFlush(whole);
        if (!keepAlive) {
            sent.addListener(ChannelFutureListener.CLOSE);
        }
        return keepAlive;
    }

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
        if (!headRequest && length > SLICE && blob instanceof StreamingBlob.FileRange file) {
            return sendFile(ctx, head, file, requestId, keepAlive);
        }
        long written = 0;
        try (InputStream in = blob.openStream()) {
            if (!headRequest && length >= 0 && length <= SLICE) {
                return writeWhole(ctx, head, in, (int) length, keepAlive);
            }
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
        } catch (IOException | ExecutionException | InterruptedException | RuntimeException e) {
            return failed(ctx, requestId, "the response body failed after " + written + " bytes", e);
        }
    }

    /** A body that failed half-way: the head is sent, so the connection is closed. Returns false (not usable). */
    private static boolean failed(ChannelHandlerContext ctx, String requestId, String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        } else {
            log.warn("gateway - request {}: {}: {}", requestId, what, e.toString());
        }
        ctx.close();
        return false;
    }
}

package dev.haneul.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits one direction of an HTTP/1.x connection into messages without copying their bodies:
 * an {@link HttpHead}, then (when {@link HttpHead#hasBody()}) the body as {@link ByteBuf} slices of
 * the bytes read, then {@link HttpBodyEnd#INSTANCE}; a {@link HttpDecodeFailure} when the bytes stop
 * making sense, after which nothing more is read.
 *
 * <pre>
 *  HEAD ──head──▶ LENGTH ────────────slices──────────▶ HEAD (next message)
 *            ├──▶ CHUNK_SIZE ⇄ CHUNK_DATA ─▶ TRAILERS ─▶ HEAD
 *            ├──▶ UNTIL_CLOSE (response without length) ─▶ end at the connection's close
 *            └──▶ PAUSED (upgrade asked or switched: bytes stay until resumed or the decoder leaves)
 * </pre>
 *
 * <p>Chunked bodies are passed on as received, chunk sizes, extensions and trailers included
 * (a proxy that forwards them chunked has nothing to re-encode), unless {@link #dechunk} asks for the
 * data alone (for an HTTP/1.0 client). The chunk framing is still checked strictly on the way, since
 * a proxy that misreads it is the classic smuggling gap: a size of hex digits only (an extension
 * after {@code ;} allowed), CRLF line ends, CRLF after each chunk's data.
 *
 * <p>A response's framing depends on its request (no body for {@code HEAD}): {@link #expectResponseTo}
 * says which request the next response answers. Interim 1xx responses pass as bodiless heads before
 * the final one; after a 101 the decoder pauses, and the bytes it holds are passed on as plain
 * buffers when it is removed from the pipeline (the WebSocket tunnel takes over).
 */
public final class HttpMessageDecoder extends ByteToMessageDecoder {

    /** Longest chunk-size line (size, extensions) accepted. */
    static final int MAX_CHUNK_LINE = 4096;
    /** Longest trailer section accepted. */
    static final int MAX_TRAILERS = HttpHeadParser.MAX_REQUEST_HEAD;

    private enum State { HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, UNTIL_CLOSE, PAUSED, FAILED }

    private final HttpHeadParser parser;
    private final boolean requests;
    private State state = State.HEAD;
    private long remaining;
    private boolean dechunk;
    private boolean responseToHead;
    private boolean pauseAfterBody;
    private int trailerBytes;

    private HttpMessageDecoder(HttpHeadParser parser, boolean requests) {
        this.parser = parser;
        this.requests = requests;
    }

    /** A decoder of client requests with ALB's limits. */
    public static HttpMessageDecoder forRequests() {
        return new HttpMessageDecoder(HttpHeadParser.forRequests(), true);
    }

    /** A decoder of target responses with ALB's limits. */
    public static HttpMessageDecoder forResponses() {
        return new HttpMessageDecoder(HttpHeadParser.forResponses(), false);
    }

    /** The next response answers a request with method {@code HEAD} (no body whatever its head says) or not. */
    public void expectResponseTo(boolean headRequest) {
        responseToHead = headRequest;
    }

    /** Pass the next chunked body's data without its framing (for an HTTP/1.0 client). */
    public void dechunk(boolean on) {
        dechunk = on;
    }

    /** Whether the decoder waits (after an upgrade request or a 101) for {@link #resume()} or its removal. */
    public boolean isPaused() {
        return state == State.PAUSED;
    }

    /** Reads messages again after a pause (the upgrade was refused); call on the channel's loop. */
    public void resume(ChannelHandlerContext ctx) {
        if (state == State.PAUSED) {
            state = State.HEAD;
            if (internalBuffer().isReadable()) {
                // Bytes that arrived during the pause: decode them now rather than at the next read.
                try {
                    channelRead(ctx, ctx.alloc().buffer(0));
                } catch (Exception e) {
                    ctx.fireExceptionCaught(e);
                }
            }
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case HEAD -> {
                    if (!decodeHead(in, out)) {
                        return;
                    }
                }
                case LENGTH -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    out.add(in.readRetainedSlice(n));
                    remaining -= n;
                    if (remaining == 0) {
                        end(out);
                    }
                }
                case CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS -> {
                    if (!decodeChunked(in, out)) {
                        return;
                    }
                }
                case UNTIL_CLOSE -> out.add(in.readRetainedSlice(in.readableBytes()));
                case PAUSED -> {
                    return;
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    private boolean decodeHead(ByteBuf in, List<Object> out) {
        HttpHead head;
        try {
            head = parser.parse(in);
        } catch (HttpHeadException e) {
            fail(in, out, e.status(), e.reason(), false);
            return false;
        }
        if (head == null) {
            return false;
        }
        boolean upgrade = false;
        if (requests) {
            upgrade = head.isUpgrade();
            if (head.chunked()) {
                state = State.CHUNK_SIZE;
            } else if (head.contentLength() > 0) {
                state = State.LENGTH;
                remaining = head.contentLength();
            } else {
                state = upgrade ? State.PAUSED : State.HEAD;
            }
        } else {
            int status = head.status();
            if (status == 101) {
                state = State.PAUSED;
            } else if (status < 200) {
                state = State.HEAD;
            } else if (responseToHead || status == 204 || status == 304) {
                state = State.HEAD;
            } else if (head.chunked()) {
                state = State.CHUNK_SIZE;
            } else if (head.contentLength() >= 0) {
                state = head.contentLength() == 0 ? State.HEAD : State.LENGTH;
                remaining = head.contentLength();
            } else {
                state = State.UNTIL_CLOSE;
            }
            if (status >= 200) {
                responseToHead = false;
            }
        }
        pauseAfterBody = upgrade;
        head.hasBody(state != State.HEAD && state != State.PAUSED);
        out.add(head);
        return true;
    }

    /**
     * Walks the chunked framing from the reader index, passing on what it covered as one slice
     * (framing included unless dechunking); returns false when it needs more bytes.
     */
    private boolean decodeChunked(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int p = start;
        boolean more = true;
        while (more && p < end) {
            switch (state) {
                case CHUNK_SIZE -> {
                    int lf = in.indexOf(p, Math.min(end, p + MAX_CHUNK_LINE + 1), (byte) '\n');
                    if (lf < 0) {
                        if (end - p > MAX_CHUNK_LINE) {
                            return failChunk(in, out, start, p, "BadChunkSize");
                        }
                        more = false;
                        break;
                    }
                    long size = chunkSize(in, p, lf);
                    if (size < 0) {
                        return failChunk(in, out, start, p, "BadChunkSize");
                    }
                    if (dechunk) {
                        emit(in, out, start, p);
                        in.readerIndex(lf + 1);
                        start = lf + 1;
                    }
                    p = lf + 1;
                    if (size == 0) {
                        state = State.TRAILERS;
                        trailerBytes = 0;
                    } else {
                        state = State.CHUNK_DATA;
                        remaining = size;
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - p);
                    p += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.CHUNK_DATA_END;
                    }
                }
                case CHUNK_DATA_END -> {
                    if (end - p < 2) {
                        more = false;
                        break;
                    }
                    if (in.getByte(p) != '\r' || in.getByte(p + 1) != '\n') {
                        return failChunk(in, out, start, p, "BadChunkEnd");
                    }
                    if (dechunk) {
                        emit(in, out, start, p);
                        in.readerIndex(p + 2);
                        start = p + 2;
                    }
                    p += 2;
                    state = State.CHUNK_SIZE;
                }
                case TRAILERS -> {
                    int lf = in.indexOf(p, end, (byte) '\n');
                    if (lf < 0) {
                        if (trailerBytes + end - p > MAX_TRAILERS) {
                            return failChunk(in, out, start, p, "TrailersTooLarge");
                        }
                        more = false;
                        break;
                    }
                    trailerBytes += lf + 1 - p;
                    if (trailerBytes > MAX_TRAILERS || lf == p || in.getByte(lf - 1) != '\r') {
                        return failChunk(in, out, start, p, "BadTrailer");
                    }
                    boolean last = lf == p + 1;
                    if (dechunk) {
                        emit(in, out, start, p);
                        in.readerIndex(lf + 1);
                        start = lf + 1;
                    }
                    p = lf + 1;
                    if (last) {
                        emit(in, out, start, p);
                        end(out);
                        return true;
                    }
                }
                default -> throw new IllegalStateException("chunked in state " + state);
            }
        }
        emit(in, out, start, p);
        return false;
    }

    /** Passes on {@code [start, p)} as a slice and moves the reader index to {@code p}. */
    private static void emit(ByteBuf in, List<Object> out, int start, int p) {
        in.readerIndex(start);
        if (p > start) {
            out.add(in.readRetainedSlice(p - start));
        }
    }

    /** The hex size of a chunk-size line {@code [p, lf]}, or -1 when malformed. */
    private static long chunkSize(ByteBuf in, int p, int lf) {
        if (lf == p || in.getByte(lf - 1) != '\r') {
            return -1;
        }
        int lineEnd = lf - 1;
        long size = 0;
        int digits = 0;
        int i = p;
        for (; i < lineEnd; i++) {
            int c = in.getByte(i);
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F'
                    ? c - 'A' + 10 : -1;
            if (v < 0) {
                break;
            }
            if (++digits > 15) {
                return -1;
            }
            size = size << 4 | v;
        }
        if (digits == 0) {
            return -1;
        }
        while (i < lineEnd && (in.getByte(i) == ' ' || in.getByte(i) == '\t')) {
            i++;
        }
        if (i < lineEnd && in.getByte(i) != ';') {
            return -1;
        }
        for (; i < lineEnd; i++) {
            byte c = in.getByte(i);
            if (c == 0 || c == '\r') {
                return -1;
            }
        }
        return size;
    }

    private boolean failChunk(ByteBuf in, List<Object> out, int start, int p, String reason) {
        emit(in, out, start, p);
        fail(in, out, requests ? 400 : 502, reason, true);
        return false;
    }

    private void fail(ByteBuf in, List<Object> out, int status, String reason, boolean inBody) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        out.add(new HttpDecodeFailure(status, reason, inBody));
    }

    private void end(List<Object> out) {
        out.add(HttpBodyEnd.INSTANCE);
        state = pauseAfterBody ? State.PAUSED : State.HEAD;
        dechunk = false;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (state == State.UNTIL_CLOSE) {
            end(out);
        }
    }
}

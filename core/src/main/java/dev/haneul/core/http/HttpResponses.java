package dev.haneul.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * A proxy's own small answers (error pages, fixed responses, redirects, interceptor verdicts) and
 * the chunk framing it adds around a body that arrived without a length, written as bytes: the
 * proxy core has no HTTP encoder.
 */
public final class HttpResponses {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final ByteBuf LAST_CHUNK = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    private static final ByteBuf CHUNK_END = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(CRLF).asReadOnly());
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private HttpResponses() {}

    /**
     * A whole {@code HTTP/1.1} response: status line, {@code fields} (name, value, ...; a
     * {@code Content-Length} of the body is added) and the body.
     *
     * @param reason the reason phrase; may be empty (then the status line ends after the code, as ALB's 463 does)
     */
    public static ByteBuf full(ByteBufAllocator alloc, int status, String reason, byte[] body, CharSequence... fields) {
        int size = 64 + body.length;
        for (CharSequence f : fields) {
            size += f.length() + 2;
        }
        ByteBuf out = alloc.buffer(size);
        out.writeCharSequence("HTTP/1.1 ", StandardCharsets.US_ASCII);
        out.writeByte('0' + status / 100).writeByte('0' + status / 10 % 10).writeByte('0' + status % 10);
        if (!reason.isEmpty()) {
            out.writeByte(' ');
            out.writeCharSequence(reason, StandardCharsets.ISO_8859_1);
        }
        out.writeBytes(CRLF);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            out.writeCharSequence(fields[i], StandardCharsets.ISO_8859_1);
            out.writeByte(':').writeByte(' ');
            out.writeCharSequence(fields[i + 1], StandardCharsets.ISO_8859_1);
            out.writeBytes(CRLF);
        }
        out.writeCharSequence("Content-Length: " + body.length, StandardCharsets.US_ASCII);
        out.writeBytes(CRLF).writeBytes(CRLF);
        out.writeBytes(body);
        return out;
    }

    /** {@code <size in hex>\r\n}, to write before a chunk's data. */
    public static ByteBuf chunkHeader(ByteBufAllocator alloc, int size) {
        ByteBuf out = alloc.buffer(10);
        int digits = Math.max(1, (32 - Integer.numberOfLeadingZeros(size) + 3) / 4);
        for (int d = digits - 1; d >= 0; d--) {
            out.writeByte(HEX[size >>> (d * 4) & 0xf]);
        }
        return out.writeBytes(CRLF);
    }

    /** The CRLF after a chunk's data (a shared buffer; nothing to release). */
    public static ByteBuf chunkEnd() {
        return CHUNK_END.duplicate();
    }

    /** The last chunk and the end of an empty trailer section (a shared buffer; nothing to release). */
    public static ByteBuf lastChunk() {
        return LAST_CHUNK.duplicate();
    }
}

package dev.haneul.core.testing;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeadException;
import dev.haneul.core.http.HttpHeadParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Parsed {@link HttpHead}s for unit tests, from the bytes a client or a target would send. */
public final class HttpHeads {

    private HttpHeads() {}

    /** The request head {@code wire} (which must be whole). */
    public static HttpHead request(String wire) throws HttpHeadException {
        return parse(HttpHeadParser.forRequests(), wire);
    }

    /** The response head {@code wire} (which must be whole). */
    public static HttpHead response(String wire) throws HttpHeadException {
        return parse(HttpHeadParser.forResponses(), wire);
    }

    /** {@code METHOD uri HTTP/1.1} with the given fields (name, value, ...). */
    public static HttpHead request(String method, String uri, String... fields) {
        return unchecked(HttpHeadParser.forRequests(), method + " " + uri + " HTTP/1.1\r\n" + lines(fields));
    }

    /** {@code HTTP/1.1 200 OK} with the given fields (name, value, ...). */
    public static HttpHead response(String... fields) {
        return unchecked(HttpHeadParser.forResponses(), "HTTP/1.1 200 OK\r\n" + lines(fields));
    }

    private static String lines(String... fields) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            s.append(fields[i]).append(": ").append(fields[i + 1]).append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    private static HttpHead unchecked(HttpHeadParser parser, String wire) {
        try {
            return parse(parser, wire);
        } catch (HttpHeadException e) {
            throw new IllegalArgumentException(wire + ": " + e.reason(), e);
        }
    }

    private static HttpHead parse(HttpHeadParser parser, String wire) throws HttpHeadException {
        ByteBuf in = Unpooled.copiedBuffer(wire, StandardCharsets.ISO_8859_1);
        try {
            HttpHead head = parser.parse(in);
            if (head == null) {
                throw new IllegalArgumentException("not a whole head: " + wire);
            }
            return head;
        } finally {
            in.release();
        }
    }
}

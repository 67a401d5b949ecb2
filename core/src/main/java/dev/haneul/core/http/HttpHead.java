package dev.haneul.core.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.x message head (a request or a response), parsed once by {@link HttpHeadParser} and
 * kept as its original bytes plus the offsets of its parts, so a proxy forwards what it received
 * with only its own edits applied, without decoding and re-encoding every header.
 *
 * <pre>
 *  raw:    GET /a?b HTTP/1.1\r\nHost: x\r\nCookie: c=1\r\n\r\n
 *          └┬┘ └─┬┘ └──┬───┘    └┬─┘ └┬┘   └─┬──┘  └┬┘
 *        method target version  name value  name  value     fields: 4 offsets per field
 * </pre>
 *
 * <p>Edits are recorded, not applied: {@link #remove(int)} marks a field, {@link #add} and
 * {@link #set} append new ones, {@link #version(HttpVersion)} replaces the start line's version.
 * {@link #writeTo(ByteBuf)} then writes the start line, every field not removed (runs of untouched
 * original lines in one copy when the head ended its lines with CRLF, line by line with CRLF
 * otherwise, so a bare-LF head is never forwarded as such), the added fields and the final CRLF.
 * Strings are made only when asked for ({@link #target()}, {@link #value(int)}, ...).
 *
 * <p>Field names are compared case-insensitively with {@link #indexOf(AsciiString, int)}; a head
 * has a few dozen fields at most, so a linear scan beats any index. Not thread-safe: a head belongs
 * to the connection (event loop) that parsed it.
 */
public final class HttpHead {

    /** Field flag: the name is not made of letters, digits and hyphens only (ALB's "invalid header field"). */
    static final int FLAG_INVALID_NAME = 1;
    /** Field flag: the value was folded over several lines (obs-fold); forwarded unfolded. */
    static final int FLAG_FOLDED = 2;
    /** Field flag: whitespace stood between name and colon; forwarded without it. */
    static final int FLAG_SPACE_BEFORE_COLON = 4;

    static final int STRIDE = 6;
    static final int NAME = 0;
    static final int NAME_END = 1;
    static final int VALUE = 2;
    static final int VALUE_END = 3;
    static final int LINE_END = 4;
    static final int FLAGS = 5;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SPACE = {':', ' '};

    private final byte[] raw;
    private final int length;
    private final boolean request;
    /** Request: method end; response: status code. */
    private final int methodEnd;
    private final int targetStart;
    private final int targetEnd;
    private final int status;
    /** Response: reason phrase offsets; request: unused. */
    private final int reasonStart;
    private final int reasonEnd;
    /** Offset just past the start line's terminator. */
    private final int startLineEnd;
    private final boolean crlf;
    private HttpVersion version;
    private final HttpVersion receivedVersion;
    /**
     * Per field, {@value #STRIDE} ints: name start (where its line starts) and end, value start and
     * end (whitespace trimmed), where its line's (or its last folded line's) terminator ends, flags.
     */
    private final int[] fields;
    private final int fieldCount;
    private DesyncClassification classification = DesyncClassification.COMPLIANT;
    private @Nullable String classificationReason;
    private long contentLength = -1;
    private boolean chunked;

    private boolean hasBody;
    private @Nullable String method;
    private @Nullable String target;
    /** Removed fields, one bit each (heads with more than 64 fields use the array). */
    private long removed;
    private boolean @Nullable [] removedMore;
    private @Nullable List<CharSequence> added;

    HttpHead(byte[] raw, int length, boolean request, int methodEnd, int targetStart, int targetEnd, int status,
             int reasonStart, int reasonEnd, int startLineEnd, HttpVersion version, boolean crlf, int[] fields,
             int fieldCount) {
        this.raw = raw;
        this.length = length;
        this.request = request;
        this.methodEnd = methodEnd;
        this.targetStart = targetStart;
        this.targetEnd = targetEnd;
        this.status = status;
        this.reasonStart = reasonStart;
        this.reasonEnd = reasonEnd;
        this.startLineEnd = startLineEnd;
        this.version = version;
        this.receivedVersion = version;
        this.crlf = crlf;
        this.fields = fields;
        this.fieldCount = fieldCount;
    }

    /** Set by the parser once the fields are read. */
    void framing(long newContentLength, boolean newChunked) {
        contentLength = newContentLength;
        chunked = newChunked;
    }

    /** Set by {@link HttpMessageDecoder} from the head's framing (and, for a response, its request). */
    void hasBody(boolean body) {
        hasBody = body;
    }

    /** Set by the parser once every check ran. */
    HttpHead withClassification(DesyncClassification tier, @Nullable String reason) {
        classification = tier;
        classificationReason = reason;
        return this;
    }

    public boolean isRequest() {
        return request;
    }

    /** The request method as sent ({@code GET}, ...); common methods are interned constants. */
    public String method() {
        if (method == null) {
            method = HttpMethods.of(raw, 0, methodEnd);
        }
        return method;
    }

    /** Whether the method is exactly {@code name} (ASCII), without making a string. */
    public boolean methodIs(AsciiString name) {
        return rangeEquals(0, methodEnd, name, false);
    }

    /** The request target as sent (origin-form {@code /path?query}, absolute-form, ...). */
    public String target() {
        if (target == null) {
            target = string(targetStart, targetEnd);
        }
        return target;
    }

    /** A response's status code; -1 for a request. */
    public int status() {
        return status;
    }

    /** A response's reason phrase as sent. */
    public String reason() {
        return reasonEnd > reasonStart ? string(reasonStart + 1, reasonEnd) : "";
    }

    public HttpVersion version() {
        return version;
    }

    /** The version the peer sent, whatever {@link #version(HttpVersion)} set for forwarding. */
    public HttpVersion receivedVersion() {
        return receivedVersion;
    }

    /** Forwards with this version in the start line. */
    public void version(HttpVersion newVersion) {
        version = requireNonNull(newVersion, "newVersion");
    }

    /** How many bytes the head took on the wire, final empty line included. */
    public int wireLength() {
        return length;
    }

    /** How the head was judged against request smuggling (see {@link DesyncClassification}). */
    public DesyncClassification classification() {
        return classification;
    }

    /** Why it is not {@link DesyncClassification#COMPLIANT}, in http_desync_guardian's words; {@code null} when it is. */
    public @Nullable String classificationReason() {
        return classificationReason;
    }

    /** The body length the head announces with {@code Content-Length}, or -1. Meaningless when {@link #chunked()}. */
    public long contentLength() {
        return contentLength;
    }

    /**
     * Whether body parts and an {@link HttpBodyEnd} follow this head from its decoder; false for a
     * message complete in its head (no body, an empty one, an interim response, a 101).
     */
    public boolean hasBody() {
        return hasBody;
    }

    /** Whether it asks to switch protocols ({@code Connection: upgrade} and an {@code Upgrade} field). */
    public boolean isUpgrade() {
        return containsToken(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE) && contains(HttpHeaderNames.UPGRADE);
    }

    /** Whether the connection may carry another message after this one, by its version and {@code Connection}. */
    public boolean isKeepAlive() {
        if (containsToken(HttpHeaderNames.CONNECTION, HttpHeaderNames.CLOSE)) {
            return false;
        }
        return receivedVersion == HttpVersion.HTTP_1_1 || containsToken(HttpHeaderNames.CONNECTION,
                HttpHeaderNames.KEEP_ALIVE);
    }

    /** Whether the body is chunked ({@code Transfer-Encoding: chunked}). */
    public boolean chunked() {
        return chunked;
    }

    // ---------- fields ----------

    /** Number of fields as received (removed ones included, added ones not). */
    public int fieldCount() {
        return fieldCount;
    }

    /** Index of the first field at or after {@code from} named {@code name} (any case) and not removed, or -1. */
    public int indexOf(AsciiString name, int from) {
        int n = name.length();
        for (int i = from; i < fieldCount; i++) {
            int at = i * STRIDE;
            if (fields[at + NAME_END] - fields[at] == n && !isRemoved(i)
                    && rangeEquals(fields[at], fields[at + NAME_END], name, true)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a field named {@code name} is present (received, not removed). */
    public boolean contains(AsciiString name) {
        return indexOf(name, 0) >= 0;
    }

    /** The first value of {@code name}, or {@code null}. */
    public @Nullable String get(AsciiString name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : value(i);
    }

    /** The first value of {@code name} (any case), or {@code null}; for names only known at run time. */
    public @Nullable String get(String name) {
        return get(AsciiString.of(name));
    }

    /** Every value of {@code name}, in order. */
    public List<String> getAll(AsciiString name) {
        List<String> values = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            values.add(value(i));
        }
        return values;
    }

    /** The name of field {@code i} as sent. */
    public String name(int i) {
        return string(fields[i * STRIDE], fields[i * STRIDE + NAME_END]);
    }

    /** The value of field {@code i}, without surrounding whitespace (a folded value joined with spaces). */
    public String value(int i) {
        int at = i * STRIDE;
        if ((fields[at + FLAGS] & FLAG_FOLDED) != 0) {
            return unfold(fields[at + VALUE], fields[at + VALUE_END]);
        }
        return string(fields[at + VALUE], fields[at + VALUE_END]);
    }

    /** The value of field {@code i} as ASCII bytes, for comparisons without a string. */
    public boolean valueEqualsIgnoreCase(int i, AsciiString expected) {
        int at = i * STRIDE;
        return rangeEquals(fields[at + VALUE], fields[at + VALUE_END], expected, true);
    }

    /**
     * Whether any value of {@code name} lists {@code token} (comma-separated, any case), as in
     * {@code Connection: keep-alive, Upgrade}.
     */
    public boolean containsToken(AsciiString name, AsciiString token) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            int at = i * STRIDE;
            int p = fields[at + VALUE];
            int end = fields[at + VALUE_END];
            while (p < end) {
                while (p < end && (raw[p] == ' ' || raw[p] == '\t' || raw[p] == ',')) {
                    p++;
                }
                int start = p;
                while (p < end && raw[p] != ',') {
                    p++;
                }
                int stop = p;
                while (stop > start && (raw[stop - 1] == ' ' || raw[stop - 1] == '\t')) {
                    stop--;
                }
                if (stop - start == token.length() && rangeEquals(start, stop, token, true)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether field {@code i}'s name is not letters, digits and hyphens only. */
    public boolean hasInvalidName(int i) {
        return (fields[i * STRIDE + FLAGS] & FLAG_INVALID_NAME) != 0;
    }

    public boolean isRemoved(int i) {
        if (i < 64) {
            return (removed & (1L << i)) != 0;
        }
        return removedMore != null && removedMore[i - 64];
    }

    /** Leaves field {@code i} out when forwarding. */
    public void remove(int i) {
        if (i < 0 || i >= fieldCount) {
            throw new IndexOutOfBoundsException("field: " + i + " (expected: 0.." + (fieldCount - 1) + ")");
        }
        if (i < 64) {
            removed |= 1L << i;
        } else {
            if (removedMore == null) {
                removedMore = new boolean[fieldCount - 64];
            }
            removedMore[i - 64] = true;
        }
    }

    /** Leaves every field named {@code name} out, received or added; returns whether any was. */
    public boolean removeAll(AsciiString name) {
        boolean any = false;
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            remove(i);
            any = true;
        }
        if (added != null) {
            for (int a = added.size() - 2; a >= 0; a -= 2) {
                if (AsciiString.contentEqualsIgnoreCase(added.get(a), name)) {
                    added.remove(a + 1);
                    added.remove(a);
                    any = true;
                }
            }
        }
        return any;
    }

    /** Adds a field after the received ones; {@code value} must be ASCII without CR or LF. */
    public void add(AsciiString name, CharSequence value) {
        if (added == null) {
            added = new ArrayList<>(8);
        }
        added.add(name);
        added.add(value);
    }

    /** Replaces every field named {@code name} by one with {@code value}. */
    public void set(AsciiString name, CharSequence value) {
        removeAll(name);
        add(name, value);
    }

    /** The value of an added field, or {@code null}. */
    public @Nullable CharSequence added(AsciiString name) {
        if (added != null) {
            for (int a = 0; a < added.size(); a += 2) {
                if (AsciiString.contentEqualsIgnoreCase(added.get(a), name)) {
                    return added.get(a + 1);
                }
            }
        }
        return null;
    }

    /** Every added field as name, value, name, value, ... (for inspection and tests). */
    public List<CharSequence> addedFields() {
        return added == null ? List.of() : List.copyOf(added);
    }

    // ---------- writing ----------

    /** The head as it is to be forwarded, in a new buffer of {@code alloc}. */
    public ByteBuf encode(ByteBufAllocator alloc) {
        return encode(alloc, 0);
    }

    /** The head as it is to be forwarded, in a new buffer with room for {@code extra} more bytes (a small body). */
    public ByteBuf encode(ByteBufAllocator alloc, int extra) {
        ByteBuf out = alloc.buffer(length + 64 + (added == null ? 0 : added.size() * 48) + extra);
        writeTo(out);
        return out;
    }

    /** Writes the head as it is to be forwarded. */
    public void writeTo(ByteBuf out) {
        writeStartLine(out);
        boolean clean = crlf;
        int runStart = -1;
        int runEnd = -1;
        for (int i = 0; i < fieldCount; i++) {
            int at = i * STRIDE;
            boolean plain = clean && fields[at + FLAGS] == 0;
            if (runStart >= 0 && (isRemoved(i) || !plain || fields[at + NAME] != runEnd)) {
                out.writeBytes(raw, runStart, runEnd - runStart);
                runStart = -1;
            }
            if (isRemoved(i)) {
                continue;
            }
            if (!plain) {
                writeField(out, at);
                continue;
            }
            if (runStart < 0) {
                runStart = fields[at + NAME];
            }
            runEnd = fields[at + LINE_END];
        }
        if (runStart >= 0) {
            out.writeBytes(raw, runStart, runEnd - runStart);
        }
        if (added != null) {
            for (int a = 0; a < added.size(); a += 2) {
                writeAscii(out, added.get(a));
                out.writeBytes(COLON_SPACE);
                writeAscii(out, added.get(a + 1));
                out.writeBytes(CRLF);
            }
        }
        out.writeBytes(CRLF);
    }

    private void writeStartLine(ByteBuf out) {
        if (request) {
            out.writeBytes(raw, 0, targetEnd);
            out.writeByte(' ');
            out.writeBytes(version.bytes());
            out.writeBytes(CRLF);
        } else {
            out.writeBytes(version.bytes());
            out.writeBytes(raw, HttpVersion.LENGTH, reasonEnd - HttpVersion.LENGTH);
            out.writeBytes(CRLF);
        }
    }

    /** One field rewritten from its parts: name, ": ", value (unfolded), CRLF. */
    private void writeField(ByteBuf out, int at) {
        out.writeBytes(raw, fields[at], fields[at + NAME_END] - fields[at]);
        out.writeBytes(COLON_SPACE);
        if ((fields[at + FLAGS] & FLAG_FOLDED) != 0) {
            writeAscii(out, unfold(fields[at + VALUE], fields[at + VALUE_END]));
        } else {
            out.writeBytes(raw, fields[at + VALUE], fields[at + VALUE_END] - fields[at + VALUE]);
        }
        out.writeBytes(CRLF);
    }

    private static void writeAscii(ByteBuf out, CharSequence s) {
        if (s instanceof AsciiString ascii) {
            out.writeBytes(ascii.array(), ascii.arrayOffset(), ascii.length());
        } else {
            out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
        }
    }

    // ---------- helpers ----------

    private String string(int start, int end) {
        return new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private String unfold(int start, int end) {
        StringBuilder s = new StringBuilder(end - start);
        boolean space = false;
        for (int p = start; p < end; p++) {
            byte b = raw[p];
            if (b == '\r' || b == '\n' || b == ' ' || b == '\t') {
                space = true;
                continue;
            }
            if (space && !s.isEmpty()) {
                s.append(' ');
            }
            space = false;
            s.append((char) (b & 0xff));
        }
        return s.toString();
    }

    private boolean rangeEquals(int start, int end, AsciiString s, boolean ignoreCase) {
        if (end - start != s.length()) {
            return false;
        }
        byte[] other = s.array();
        int o = s.arrayOffset();
        for (int p = start; p < end; p++, o++) {
            byte a = raw[p];
            byte b = other[o];
            if (a != b && (!ignoreCase || lower(a) != lower(b))) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    @Override
    public String toString() {
        ByteBuf out = Unpooled.buffer(length + 64);
        try {
            writeTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }
}

package dev.haneul.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import io.netty.util.ByteProcessor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads HTTP/1.x heads from a connection's bytes into {@link HttpHead}s, judging every request
 * against request smuggling the way ALB's desync mitigation does (tiers of
 * {@link DesyncClassification}, reasons named as in AWS's http_desync_guardian).
 *
 * <p>Two steps. {@link #parse(ByteBuf)} first looks for the empty line that ends the head, resuming
 * where the previous call stopped so a head arriving byte by byte is scanned once, and enforces the
 * limits on the way (start line, one field, the whole head). Once the head is whole, its bytes are
 * copied once into the head's own array and parsed there: start line, then field by field,
 * recording offsets; nothing else is allocated but that array, the offsets and the head.
 *
 * <p>What a request may not do (an {@link HttpHeadException}; the connection answers and closes):
 * NUL or a bare CR anywhere ({@code BadHeader}, {@code BadUri}), a method that is not a token
 * ({@code BadMethod}), a version that is not {@code HTTP/1.x} ({@code BadVersion}; 505 for another
 * major version), a {@code Content-Length} that is not a number or differs between fields
 * ({@code BadContentLength}, {@code MultipleContentLength}), {@code chunked} twice or not last
 * ({@code MultipleTransferEncodingChunked}), a transfer coding other than {@code chunked} and
 * {@code identity} (501), a field line without a name, a continuation line before any field, or
 * limits passed (414 for the request line, 400 for a field or the head). What it may do but makes
 * it ambiguous or acceptable is recorded on the head, with the edit that makes the forwarded head
 * unambiguous: a {@code Content-Length} beside {@code Transfer-Encoding: chunked} or repeated with
 * one value is removed (kept once), an obs-fold is unfolded, whitespace before a colon is dropped,
 * bare LF line ends are forwarded as CRLF, a line without a colon is left out.
 *
 * <p>Responses are read with the same rules, and any violation is the target's fault: the
 * exception's status is then 502. One parser per connection direction; not thread-safe.
 */
public final class HttpHeadParser {

    /** ALB's limits: request line, one request header, all request headers. */
    public static final int MAX_REQUEST_LINE = 16 * 1024;
    public static final int MAX_REQUEST_FIELD = 16 * 1024;
    public static final int MAX_REQUEST_HEAD = 64 * 1024;
    /** ALB's limit on a target's response headers. */
    public static final int MAX_RESPONSE_HEAD = 32 * 1024;

    private static final AsciiString CONTENT_LENGTH = HttpHeaderNames.CONTENT_LENGTH;
    private static final AsciiString TRANSFER_ENCODING = HttpHeaderNames.TRANSFER_ENCODING;
    private static final AsciiString CHUNKED = HttpHeaderNames.CHUNKED;
    private static final AsciiString IDENTITY = AsciiString.cached("identity");
    private static final AsciiString GET = AsciiString.cached("GET");
    private static final AsciiString HEAD = AsciiString.cached("HEAD");

    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private final boolean requests;
    private final int maxStartLine;
    private final int maxField;
    private final int maxHead;
    /** Bytes already scanned for the end of the current head, from the buffer's reader index. */
    private int scanned;
    /** Where the line being scanned started, relative to the reader index, and whether it is the first. */
    private int lineStart;
    private boolean firstLine = true;
    private final Verdict verdict = new Verdict();

    private HttpHeadParser(boolean requests, int maxStartLine, int maxField, int maxHead) {
        this.requests = requests;
        this.maxStartLine = maxStartLine;
        this.maxField = maxField;
        this.maxHead = maxHead;
    }

    /** A parser of client requests with ALB's limits. */
    public static HttpHeadParser forRequests() {
        return new HttpHeadParser(true, MAX_REQUEST_LINE, MAX_REQUEST_FIELD, MAX_REQUEST_HEAD);
    }

    /** A parser of target responses with ALB's limit. */
    public static HttpHeadParser forResponses() {
        return new HttpHeadParser(false, MAX_RESPONSE_HEAD, MAX_RESPONSE_HEAD, MAX_RESPONSE_HEAD);
    }

    /**
     * Reads one head from {@code in} if it is complete, advancing the reader index past it;
     * otherwise returns {@code null} and leaves the index where it was (call again with more bytes).
     * Empty lines before a request line are skipped, as RFC 9112 §2.2 allows.
     *
     * @throws HttpHeadException when the head is malformed or over a limit; {@code in} is then unusable
     */
    public @Nullable HttpHead parse(ByteBuf in) throws HttpHeadException {
        if (scanned == 0 && requests) {
            skipLeadingEmptyLines(in);
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        int p = start + scanned;
        int headEnd = -1;
        while (p < end) {
            int lf = in.indexOf(p, end, (byte) '\n');
            if (lf < 0) {
                p = end;
                break;
            }
            int lineLength = lf - (start + lineStart);
            if (lineLength <= 1 && !firstLine && (lineLength == 0 || in.getByte(lf - 1) == '\r')) {
                headEnd = lf + 1;
                break;
            }
            checkLine(lineLength, lf + 1 - start);
            firstLine = false;
            lineStart = lf + 1 - start;
            p = lf + 1;
        }
        if (headEnd < 0) {
            scanned = p - start;
            checkLine(end - (start + lineStart), end - start);
            return null;
        }
        int length = headEnd - start;
        if (length > maxHead) {
            throw new HttpHeadException(requests ? 400 : 502, "HeadTooLarge");
        }
        byte[] raw = new byte[length];
        in.readBytes(raw);
        scanned = 0;
        lineStart = 0;
        firstLine = true;
        return requests ? parseRequest(raw) : parseResponse(raw);
    }

    private void checkLine(int lineLength, int headSoFar) throws HttpHeadException {
        if (firstLine && lineLength > maxStartLine) {
            throw new HttpHeadException(requests ? 414 : 502, "RequestLineTooLong");
        }
        if (!firstLine && lineLength > maxField) {
            throw new HttpHeadException(requests ? 400 : 502, "HeaderTooLarge");
        }
        if (headSoFar > maxHead) {
            throw new HttpHeadException(requests ? 400 : 502, "HeadTooLarge");
        }
    }

    /** A thread keeps a grown scratch array up to this many ints (256 fields); a head with more grows its own. */
    private static final int MAX_KEPT_SCRATCH = HttpHead.STRIDE * 256;
    /**
     * Field offsets of the head being parsed, one array per thread rather than per parser: a parse
     * runs to its end on the thread that started it and the head takes a copy, and a parser lives as
     * long as its connection, which for a client sending one request is a single parse.
     */
    private static final FastThreadLocal<int[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected int[] initialValue() {
            return new int[HttpHead.STRIDE * 32];
        }
    };

    private static void skipLeadingEmptyLines(ByteBuf in) {
        int i = in.forEachByte(in.readerIndex(), in.readableBytes(), ByteProcessor.FIND_NON_CRLF);
        in.readerIndex(i < 0 ? in.writerIndex() : i);
    }

    // ---------- requests ----------

    private HttpHead parseRequest(byte[] raw) throws HttpHeadException {
        int length = raw.length;
        int lf = indexOf(raw, 0, length, (byte) '\n');
        boolean crlf = lf > 0 && raw[lf - 1] == '\r';
        int lineEnd = crlf ? lf - 1 : lf;
        Verdict verdict = this.verdict.reset();
        if (!crlf) {
            verdict.mark(DesyncClassification.ACCEPTABLE, "NonCrLfLineTermination");
        }
        int sp = indexOf(raw, 0, lineEnd, (byte) ' ');
        if (sp <= 0) {
            throw new HttpHeadException(400, "BadMethod");
        }
        for (int i = 0; i < sp; i++) {
            if (!TCHAR[raw[i] & 0xff]) {
                throw new HttpHeadException(400, "BadMethod");
            }
        }
        int lastSp = lastIndexOf(raw, sp + 1, lineEnd, (byte) ' ');
        if (lastSp < 0) {
            throw new HttpHeadException(400, "MissingUri");
        }
        HttpVersion version = version(raw, lastSp + 1, lineEnd, verdict);
        int targetEnd = lastSp;
        while (targetEnd > sp + 1 && raw[targetEnd - 1] == ' ') {
            targetEnd--;
        }
        if (targetEnd < lastSp) {
            verdict.mark(DesyncClassification.ACCEPTABLE, "NonCompliantVersion");
        }
        if (targetEnd == sp + 1 || raw[sp + 1] == ' ') {
            throw new HttpHeadException(400, "MissingUri");
        }
        for (int i = sp + 1; i < targetEnd; i++) {
            int c = raw[i] & 0xff;
            if (c == 0 || c == '\r') {
                throw new HttpHeadException(400, "BadUri");
            } else if (c == ' ') {
                verdict.mark(DesyncClassification.ACCEPTABLE, "SpaceInUri");
            } else if (c < 0x20 || c == 0x7f) {
                verdict.mark(DesyncClassification.AMBIGUOUS, "AmbiguousUri");
            }
        }
        int[] fields = parseFields(raw, lf + 1, verdict);
        int fieldCount = fields.length / HttpHead.STRIDE;
        HttpHead head = new HttpHead(raw, length, true, sp, sp + 1, targetEnd, -1, 0, 0, lf + 1, version,
                crlf && verdict.crlf, fields, fieldCount);
        framing(head, verdict, true);
        return head.withClassification(verdict.tier, verdict.reason);
    }

    private HttpVersion version(byte[] raw, int start, int end, Verdict verdict) throws HttpHeadException {
        if (end - start != HttpVersion.LENGTH || raw[start] != 'H' || raw[start + 1] != 'T' || raw[start + 2] != 'T'
                || raw[start + 3] != 'P' || raw[start + 4] != '/' || !digit(raw[start + 5]) || raw[start + 6] != '.'
                || !digit(raw[start + 7])) {
            throw new HttpHeadException(requests ? 400 : 502, "BadVersion");
        }
        if (raw[start + 5] != '1') {
            throw new HttpHeadException(requests ? 505 : 502, "BadVersion");
        }
        if (raw[start + 7] == '0') {
            return HttpVersion.HTTP_1_0;
        }
        if (raw[start + 7] != '1') {
            verdict.mark(DesyncClassification.ACCEPTABLE, "NonCompliantVersion");
        }
        return HttpVersion.HTTP_1_1;
    }

    // ---------- responses ----------

    private HttpHead parseResponse(byte[] raw) throws HttpHeadException {
        int length = raw.length;
        int lf = indexOf(raw, 0, length, (byte) '\n');
        boolean crlf = lf > 0 && raw[lf - 1] == '\r';
        int lineEnd = crlf ? lf - 1 : lf;
        Verdict verdict = this.verdict.reset();
        if (lineEnd < HttpVersion.LENGTH + 4) {
            throw new HttpHeadException(502, "BadStatusLine");
        }
        HttpVersion version = version(raw, 0, HttpVersion.LENGTH, verdict);
        int s = HttpVersion.LENGTH;
        if (raw[s] != ' ' || !digit(raw[s + 1]) || !digit(raw[s + 2]) || !digit(raw[s + 3])
                || (lineEnd > s + 4 && raw[s + 4] != ' ')) {
            throw new HttpHeadException(502, "BadStatusLine");
        }
        int status = (raw[s + 1] - '0') * 100 + (raw[s + 2] - '0') * 10 + (raw[s + 3] - '0');
        if (status < 100) {
            throw new HttpHeadException(502, "BadStatusLine");
        }
        for (int i = s + 4; i < lineEnd; i++) {
            int c = raw[i] & 0xff;
            if (c == 0 || c == '\r') {
                throw new HttpHeadException(502, "BadStatusLine");
            }
        }
        int[] fields = parseFields(raw, lf + 1, verdict);
        int fieldCount = fields.length / HttpHead.STRIDE;
        HttpHead head = new HttpHead(raw, length, false, 0, 0, 0, status, s + 4, lineEnd, lf + 1, version,
                crlf && verdict.crlf, fields, fieldCount);
        framing(head, verdict, false);
        return head.withClassification(verdict.tier, verdict.reason);
    }

    // ---------- fields ----------

    /** Parses field lines from {@code p} to the empty line; returns their offsets, {@link HttpHead#STRIDE} ints a field. */
    private int[] parseFields(byte[] raw, int p, Verdict verdict) throws HttpHeadException {
        int[] scratch = SCRATCH.get();
        int count = 0;
        int length = raw.length;
        int bad = requests ? 400 : 502;
        while (p < length) {
            int lf = indexOf(raw, p, length, (byte) '\n');
            boolean crlf = lf > p && raw[lf - 1] == '\r';
            int lineEnd = crlf ? lf - 1 : lf;
            if (!crlf) {
                verdict.crlf = false;
                if (lineEnd > p || lf + 1 < length) {
                    verdict.mark(DesyncClassification.ACCEPTABLE, "NonCrLfLineTermination");
                }
            }
            if (lineEnd == p) {
                break;
            }
            if (raw[p] == ' ' || raw[p] == '\t') {
                if (count == 0) {
                    throw new HttpHeadException(bad, "BadHeader");
                }
                checkValue(raw, p, lineEnd, verdict, bad);
                int at = (count - 1) * HttpHead.STRIDE;
                int valueEnd = trimEnd(raw, p, lineEnd);
                if (valueEnd > p) {
                    if (scratch[at + HttpHead.VALUE] == scratch[at + HttpHead.VALUE_END]) {
                        scratch[at + HttpHead.VALUE] = skipSpace(raw, p, lineEnd);
                    }
                    scratch[at + HttpHead.VALUE_END] = valueEnd;
                }
                scratch[at + HttpHead.LINE_END] = lf + 1;
                scratch[at + HttpHead.FLAGS] |= HttpHead.FLAG_FOLDED;
                verdict.mark(DesyncClassification.AMBIGUOUS, "MultilineHeader");
                p = lf + 1;
                continue;
            }
            int colon = indexOf(raw, p, lineEnd, (byte) ':');
            if (colon < 0) {
                checkValue(raw, p, lineEnd, verdict, bad);
                verdict.mark(DesyncClassification.AMBIGUOUS, "MissingHeaderColon");
                p = lf + 1;
                continue;
            }
            int nameEnd = colon;
            int flags = 0;
            while (nameEnd > p && (raw[nameEnd - 1] == ' ' || raw[nameEnd - 1] == '\t')) {
                nameEnd--;
            }
            if (nameEnd == p) {
                throw new HttpHeadException(bad, "BadHeader");
            }
            if (nameEnd < colon) {
                flags |= HttpHead.FLAG_SPACE_BEFORE_COLON;
                verdict.mark(DesyncClassification.AMBIGUOUS, "SuspiciousHeader");
            }
            boolean token = true;
            for (int i = p; i < nameEnd; i++) {
                int c = raw[i] & 0xff;
                if (c == 0 || c == '\r') {
                    throw new HttpHeadException(bad, "BadHeader");
                }
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    flags |= HttpHead.FLAG_INVALID_NAME;
                    token &= TCHAR[c];
                }
            }
            if ((flags & HttpHead.FLAG_INVALID_NAME) != 0 && looksLikeFraming(raw, p, nameEnd)) {
                verdict.mark(DesyncClassification.AMBIGUOUS, "SuspiciousHeader");
            } else if (!token) {
                verdict.mark(DesyncClassification.ACCEPTABLE, "NonCompliantHeader");
            }
            checkValue(raw, colon + 1, lineEnd, verdict, bad);
            int valueStart = skipSpace(raw, colon + 1, lineEnd);
            int valueEnd = trimEnd(raw, valueStart, lineEnd);
            if (count * HttpHead.STRIDE == scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
                if (scratch.length <= MAX_KEPT_SCRATCH) {
                    SCRATCH.set(scratch);
                }
            }
            int at = count * HttpHead.STRIDE;
            scratch[at] = p;
            scratch[at + HttpHead.NAME_END] = nameEnd;
            scratch[at + HttpHead.VALUE] = valueStart;
            scratch[at + HttpHead.VALUE_END] = valueEnd;
            scratch[at + HttpHead.LINE_END] = lf + 1;
            scratch[at + HttpHead.FLAGS] = flags;
            count++;
            p = lf + 1;
        }
        return Arrays.copyOf(scratch, count * HttpHead.STRIDE);
    }

    private static void checkValue(byte[] raw, int start, int end, Verdict verdict, int bad) throws HttpHeadException {
        for (int i = start; i < end; i++) {
            int c = raw[i] & 0xff;
            if (c < 0x20 || c >= 0x7f) {
                if (c == 0 || c == '\r') {
                    throw new HttpHeadException(bad, "BadHeader");
                }
                if (c != '\t') {
                    verdict.mark(DesyncClassification.ACCEPTABLE, "NonCompliantHeader");
                }
            }
        }
    }

    /** A name that is {@code Transfer-Encoding} or {@code Content-Length} once everything but letters is dropped. */
    private static boolean looksLikeFraming(byte[] raw, int start, int end) {
        StringBuilder letters = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            int c = raw[i] & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                letters.append((char) (c | 0x20));
            }
        }
        String s = letters.toString();
        return s.equals("transferencoding") || s.equals("contentlength");
    }

    // ---------- framing ----------

    /** Content-Length and Transfer-Encoding: their values, consistency and the edits that settle them. */
    private void framing(HttpHead head, Verdict verdict, boolean request) throws HttpHeadException {
        int bad = request ? 400 : 502;
        long contentLength = -1;
        int firstLength = -1;
        for (int i = head.indexOf(CONTENT_LENGTH, 0); i >= 0; i = head.indexOf(CONTENT_LENGTH, i + 1)) {
            long value = parseLength(head.value(i), bad);
            if (firstLength < 0) {
                firstLength = i;
                contentLength = value;
            } else if (value != contentLength) {
                throw new HttpHeadException(bad, "MultipleContentLength");
            } else {
                head.remove(i);
                verdict.mark(DesyncClassification.AMBIGUOUS, "DuplicateContentLength");
            }
        }
        boolean chunked = false;
        boolean anyCoding = false;
        for (int i = head.indexOf(TRANSFER_ENCODING, 0); i >= 0; i = head.indexOf(TRANSFER_ENCODING, i + 1)) {
            String value = head.value(i);
            int p = 0;
            while (p <= value.length()) {
                int comma = value.indexOf(',', p);
                String coding = value.substring(p, comma < 0 ? value.length() : comma).trim();
                p = comma < 0 ? value.length() + 1 : comma + 1;
                if (coding.isEmpty()) {
                    continue;
                }
                if (chunked) {
                    // Nothing may follow chunked, and chunked may not come twice.
                    throw new HttpHeadException(bad, CHUNKED.contentEqualsIgnoreCase(coding)
                            ? "MultipleTransferEncodingChunked" : "BadTransferEncoding");
                }
                if (CHUNKED.contentEqualsIgnoreCase(coding)) {
                    chunked = true;
                } else if (!IDENTITY.contentEqualsIgnoreCase(coding)) {
                    if (request) {
                        throw new HttpHeadException(501, "BadTransferEncoding");
                    }
                    anyCoding = true;
                }
            }
        }
        if (!request && anyCoding && !chunked) {
            // A response with a coding but not chunked last is delimited by the connection's close.
            contentLength = -1;
            head.removeAll(CONTENT_LENGTH);
        }
        if (request && !chunked && head.contains(TRANSFER_ENCODING)) {
            // Only identity: the same as no coding at all.
            head.removeAll(TRANSFER_ENCODING);
            verdict.mark(DesyncClassification.ACCEPTABLE, "NonCompliantHeader");
        }
        if (chunked && firstLength >= 0) {
            head.removeAll(CONTENT_LENGTH);
            contentLength = -1;
            verdict.mark(DesyncClassification.AMBIGUOUS, "BothTeClPresent");
        }
        if (request) {
            boolean getOrHead = head.methodIs(GET) || head.methodIs(HEAD);
            if (getOrHead && chunked) {
                verdict.mark(DesyncClassification.AMBIGUOUS, "UndefinedTransferEncodingSemantics");
            } else if (getOrHead && contentLength > 0) {
                verdict.mark(DesyncClassification.AMBIGUOUS, "UndefinedContentLengthSemantics");
            } else if (getOrHead && contentLength == 0) {
                verdict.mark(DesyncClassification.ACCEPTABLE, "GetHeadZeroContentLength");
            }
            if (chunked && head.receivedVersion() == HttpVersion.HTTP_1_0) {
                verdict.mark(DesyncClassification.AMBIGUOUS, "TransferEncodingInHttp10");
            }
        }
        verdict.contentLength = contentLength;
        verdict.chunked = chunked;
        head.framing(contentLength, chunked);
    }

    private static long parseLength(String value, int bad) throws HttpHeadException {
        if (value.isEmpty() || value.length() > 18) {
            throw new HttpHeadException(bad, "BadContentLength");
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpHeadException(bad, "BadContentLength");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    // ---------- bytes ----------

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int indexOf(byte[] raw, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] raw, int from, int to, byte b) {
        for (int i = to - 1; i >= from; i--) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(byte[] raw, int p, int end) {
        while (p < end && (raw[p] == ' ' || raw[p] == '\t')) {
            p++;
        }
        return p;
    }

    private static int trimEnd(byte[] raw, int start, int end) {
        while (end > start && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    /** The worst tier met while parsing one head, and its first reason. */
    private static final class Verdict {
        DesyncClassification tier = DesyncClassification.COMPLIANT;
        @Nullable String reason;
        boolean crlf = true;
        long contentLength = -1;
        boolean chunked;

        Verdict reset() {
            tier = DesyncClassification.COMPLIANT;
            reason = null;
            crlf = true;
            contentLength = -1;
            chunked = false;
            return this;
        }

        void mark(DesyncClassification t, String why) {
            if (t.ordinal() > tier.ordinal()) {
                tier = t;
                reason = why;
            }
        }
    }
}

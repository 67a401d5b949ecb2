package dev.haneul.s3.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.haneul.core.auth.SigV4SigningKey;
import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.error.S3Exception;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes an {@code aws-chunked} request body, push style: the caller hands over the body's bytes
 * as they arrive, in pieces of any size ({@link #decode}), and the payload comes out into a
 * {@link PayloadSink}; at the end of the body {@link #finish} says whether it was complete.
 * Nothing here blocks or buffers a chunk: payload bytes are passed on as soon as they are read, and
 * only a chunk header or trailer line (at most {@value #MAX_LINE} bytes) is ever held.
 *
 * <pre>
 * signed:   &lt;hex size&gt;;chunk-signature=&lt;64 hex&gt;\r\n &lt;data&gt; \r\n … 0;chunk-signature=&lt;sig&gt;\r\n \r\n
 * + trailer: … 0;chunk-signature=&lt;sig&gt;\r\n x-amz-checksum-crc32:&lt;b64&gt;\r\n x-amz-trailer-signature:&lt;sig&gt;\r\n \r\n
 * unsigned: &lt;hex size&gt;\r\n &lt;data&gt; \r\n … 0\r\n x-amz-checksum-crc32:&lt;b64&gt;\r\n \r\n
 * </pre>
 *
 * <p>A signed chunk's data is passed on before its signature can be checked (the signature covers
 * the whole chunk, which may be megabytes); a mismatch then fails the body. The caller must
 * therefore treat the payload as unverified until {@link #finish} returns — the store's writes are
 * invisible until committed, which is what makes that safe. Errors are S3's: 403
 * SignatureDoesNotMatch for a chunk or trailer signature, 400 IncompleteBody for broken framing, a
 * short body or one that does not add up to {@code x-amz-decoded-content-length}, 400
 * MalformedTrailerError for a missing or malformed trailer.
 *
 * <p>States, one method each: {@code HEADER} (a chunk's size line) → {@code DATA} → {@code DATA_END}
 * (its CRLF) → {@code HEADER} …; after the zero-size chunk {@code TRAILER} lines until an empty
 * one, or {@code FINAL_LINE} (the closing CRLF) when there are none → {@code DONE}. Not thread-safe.
 */
public final class AwsChunkedDecoder {

    /** The longest chunk header or trailer line accepted. */
    static final int MAX_LINE = 4096;

    private static final String SIGNATURE_EXTENSION = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private enum State { HEADER, DATA, DATA_END, TRAILER, FINAL_LINE, DONE }

    private final StreamingPayload mode;
    private final Optional<ChunkSignatures> signatures;
    private final long decodedLength;
    private final List<String> announcedTrailers;

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private boolean sawCarriageReturn;
    private State state = State.HEADER;
    private long chunkRemaining;
    private String chunkSignature;
    private String previousSignature;
    private MessageDigest chunkDigest;
    private long decoded;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private String trailerSignature;

    private AwsChunkedDecoder(StreamingPayload mode, Optional<ChunkSignatures> signatures, long decodedLength,
                              List<String> announcedTrailers) {
        this.mode = requireNonNull(mode, "mode");
        this.signatures = signatures;
        if (decodedLength < 0) {
            throw new IllegalArgumentException("decodedLength: " + decodedLength + " (expected: >= 0)");
        }
        this.decodedLength = decodedLength;
        this.announcedTrailers = announcedTrailers.stream().map(name -> name.strip().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty()).toList();
        this.previousSignature = signatures.map(ChunkSignatures::seedSignature).orElse(null);
        if (mode.signed()) {
            this.chunkDigest = BodyDigests.digest("SHA-256");
        }
    }

    /**
     * A decoder for one body.
     *
     * @param mode from {@code x-amz-content-sha256}
     * @param signatures the chain to verify; required when {@code mode} is signed, ignored otherwise
     * @param decodedLength {@code x-amz-decoded-content-length}
     * @param announcedTrailers the names in {@code x-amz-trailer} (comma-separated there), which
     *     must all arrive
     */
    public static AwsChunkedDecoder create(StreamingPayload mode, Optional<ChunkSignatures> signatures,
                                           long decodedLength, List<String> announcedTrailers) {
        if (mode.signed() && signatures.isEmpty()) {
            throw new IllegalArgumentException("signatures: empty (expected: the chain of a " + mode + " body)");
        }
        return new AwsChunkedDecoder(mode, mode.signed() ? signatures : Optional.empty(), decodedLength,
                List.copyOf(announcedTrailers));
    }

    /**
     * Reads what it can of {@code input} (all of it unless the body is already complete, in which
     * case extra bytes are an error) and writes payload bytes to {@code out}.
     *
     * @throws S3Exception for a body S3 would refuse
     * @throws IOException from {@code out}
     */
    public void decode(ByteBuffer input, PayloadSink out) throws IOException {
        while (input.hasRemaining()) {
            switch (state) {
                case HEADER -> readHeader(input);
                case DATA -> readData(input, out);
                case DATA_END -> readDataEnd(input);
                case TRAILER -> readTrailer(input);
                case FINAL_LINE -> readFinalLine(input);
                case DONE -> throw malformed(); // Bytes after the end of the body.
            }
        }
    }

    /** Whether the body is complete. */
    public boolean isDone() {
        return state == State.DONE;
    }

    /**
     * Called at the end of the body.
     *
     * @throws S3Exception IncompleteBody when the body stopped early
     */
    public void finish() {
        if (state != State.DONE) {
            throw S3Error.INCOMPLETE_BODY.exception("The request body terminated unexpectedly", Map.of());
        }
    }

    /** The trailing headers, names in lower case, without the trailer signature. */
    public Map<String, String> trailers() {
        return Collections.unmodifiableMap(trailers);
    }

    /** Payload bytes passed on so far. */
    public long decodedBytes() {
        return decoded;
    }

    private void readHeader(ByteBuffer input) {
        if (!readLine(input)) {
            return;
        }
        String header = new String(line, 0, lineLength, ISO_8859_1);
        lineLength = 0;
        int semicolon = header.indexOf(';');
        String size = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
        if (size.isEmpty() || size.length() > 16) {
            throw malformed();
        }
        long length;
        try {
            length = Long.parseUnsignedLong(size, 16);
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (length < 0 || length > decodedLength - decoded) {
            throw lengthMismatch(decoded + (length < 0 ? Long.MAX_VALUE - decoded : length));
        }
        if (mode.signed()) {
            int at = semicolon < 0 ? -1 : header.indexOf(SIGNATURE_EXTENSION, semicolon);
            if (at < 0) {
                throw malformed();
            }
            chunkSignature = header.substring(at + SIGNATURE_EXTENSION.length()).strip();
            if (chunkSignature.length() != 64) {
                throw signatureMismatch();
            }
        }
        chunkRemaining = length;
        if (length > 0) {
            state = State.DATA;
        } else {
            verifyChunk();
            if (decoded != decodedLength) {
                throw lengthMismatch(decoded);
            }
            state = mode.hasTrailers() ? State.TRAILER : State.FINAL_LINE;
        }
    }

    private void readData(ByteBuffer input, PayloadSink out) throws IOException {
        int count = (int) Math.min(chunkRemaining, input.remaining());
        ByteBuffer data = input.slice(input.position(), count);
        if (chunkDigest != null) {
            chunkDigest.update(data.duplicate());
        }
        out.write(data);
        input.position(input.position() + count);
        chunkRemaining -= count;
        decoded += count;
        if (chunkRemaining == 0) {
            state = State.DATA_END;
        }
    }

    private void readDataEnd(ByteBuffer input) {
        byte b = input.get();
        if (!sawCarriageReturn) {
            if (b != '\r') {
                throw malformed();
            }
            sawCarriageReturn = true;
            return;
        }
        if (b != '\n') {
            throw malformed();
        }
        sawCarriageReturn = false;
        verifyChunk();
        state = State.HEADER;
    }

    private void readTrailer(ByteBuffer input) {
        if (!readLine(input)) {
            return;
        }
        if (lineLength == 0) {
            finishTrailers();
            state = State.DONE;
            return;
        }
        String trailer = new String(line, 0, lineLength, UTF_8);
        lineLength = 0;
        int colon = trailer.indexOf(':');
        if (colon <= 0) {
            throw malformedTrailer();
        }
        String name = trailer.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = trailer.substring(colon + 1).strip();
        if (name.equals(TRAILER_SIGNATURE)) {
            trailerSignature = value;
        } else if (trailers.putIfAbsent(name, value) != null) {
            throw malformedTrailer();
        }
    }

    private void readFinalLine(ByteBuffer input) {
        if (readLine(input)) {
            if (lineLength != 0) {
                throw malformed();
            }
            state = State.DONE;
        }
    }

    /** Accumulates one CRLF-terminated line into {@link #line}; true once it is complete. */
    private boolean readLine(ByteBuffer input) {
        while (input.hasRemaining()) {
            byte b = input.get();
            if (sawCarriageReturn) {
                if (b != '\n') {
                    throw malformed();
                }
                sawCarriageReturn = false;
                return true;
            }
            if (b == '\r') {
                sawCarriageReturn = true;
            } else if (lineLength == MAX_LINE) {
                throw malformed();
            } else {
                line[lineLength++] = b;
            }
        }
        return false;
    }

    private void verifyChunk() {
        if (!mode.signed()) {
            return;
        }
        ChunkSignatures chain = signatures.orElseThrow();
        String expected = chain.chunk(previousSignature, HexFormat.of().formatHex(chunkDigest.digest()));
        if (!SigV4SigningKey.sameSignature(expected, chunkSignature)) {
            throw signatureMismatch();
        }
        previousSignature = chunkSignature;
    }

    private void finishTrailers() {
        for (String announced : announcedTrailers) {
            if (!trailers.containsKey(announced)) {
                throw malformedTrailer();
            }
        }
        if (!mode.signed()) {
            return;
        }
        if (trailerSignature == null) {
            throw signatureMismatch();
        }
        StringBuilder canonical = new StringBuilder();
        trailers.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        MessageDigest sha256 = BodyDigests.digest("SHA-256");
        String hash = HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(UTF_8)));
        String expected = signatures.orElseThrow().trailer(previousSignature, hash);
        if (!SigV4SigningKey.sameSignature(expected, trailerSignature)) {
            throw signatureMismatch();
        }
    }

    private S3Exception lengthMismatch(long provided) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("NumberBytesExpected", decodedLength);
        fields.put("NumberBytesProvided", provided);
        return S3Error.INCOMPLETE_BODY.exception(fields);
    }

    private static S3Exception malformed() {
        return S3Error.INCOMPLETE_BODY.exception("The request body terminated unexpectedly", Map.of());
    }

    private static S3Exception malformedTrailer() {
        return S3Error.MALFORMED_TRAILER.exception();
    }

    private static S3Exception signatureMismatch() {
        return S3Error.SIGNATURE_DOES_NOT_MATCH.exception();
    }
}

package dev.haneul.core.protocol.rest;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.auth.ChunkSignatures;
import dev.haneul.core.auth.SigV4SigningKey;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.protocol.TrailingHeaders;
import dev.haneul.core.protocol.WireRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SigV4 streaming uploads ({@code Content-Encoding: aws-chunked}, or an {@code x-amz-content-sha256}
 * of {@code STREAMING-…}), as the AWS SDKs send S3 object bodies: the body is framed as chunks
 * {@code <hex size>[;chunk-signature=…]\r\n<data>\r\n}, ended by a zero-size chunk and optional
 * trailers ({@code x-amz-checksum-crc32:…}, then {@code x-amz-trailer-signature:…} when signed). The
 * framing is transport, not content, so it is removed before the codec binds members: the payload a
 * provider reads is the decoded bytes, streamed (never held whole), {@code Content-Length} is the
 * {@code x-amz-decoded-content-length}, and {@code aws-chunked} leaves {@code Content-Encoding}.
 *
 * <p>When the gateway has verified the request's signature it hands over the chunk signature chain
 * ({@link WireRequest#chunkSignatures}): every chunk's signature, the final empty chunk's and the
 * trailer's are then checked as the body is read, each when its chunk ends. A chunk's data reaches
 * the provider before its signature can be checked (a chunk may be megabytes), so a provider must
 * treat the body as unverified until it has read it to the end — S3's store only commits an object
 * after that, which is what makes a tampered chunk leave nothing behind.
 *
 * <p>Trailing headers are kept on the decoded stream ({@link TrailingHeaders}) for the provider to
 * check a trailing checksum. Failures are thrown from {@code read} as S3 answers them:
 * {@code SignatureDoesNotMatch} (403) for a chunk or trailer signature, {@code IncompleteBody}
 * (400) for broken framing or a body that ends early.
 */
final class AwsChunked {

    private static final String AWS_CHUNKED = "aws-chunked";
    private static final String STREAMING = "STREAMING-";
    private static final String SIGNATURE_EXTENSION = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private AwsChunked() {}

    /**
     * {@code request} with its aws-chunked body decoded, or {@code request} itself when it is not
     * aws-chunked. A {@code STREAMING-…} payload hash announces the framing as surely as the
     * content coding does (some signers send only the hash).
     */
    static WireRequest unwrap(WireRequest request) {
        String encoding = request.header("Content-Encoding").orElse("");
        boolean streaming = request.header("x-amz-content-sha256").map(String::strip)
                .filter(hash -> hash.startsWith(STREAMING)).isPresent();
        if (!encoding.toLowerCase(Locale.ROOT).contains(AWS_CHUNKED) && !streaming) {
            return request;
        }
        long decodedLength = request.header("x-amz-decoded-content-length").map(AwsChunked::parseLength).orElse(-1L);
        List<String> codings = new ArrayList<>();
        for (String coding : encoding.split(",")) {
            if (!coding.isBlank() && !coding.trim().equalsIgnoreCase(AWS_CHUNKED)) {
                codings.add(coding.trim());
            }
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().size());
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("Content-Encoding")) {
                if (!codings.isEmpty()) {
                    headers.add(Map.entry(name, String.join(",", codings)));
                }
            } else if (name.equalsIgnoreCase("Content-Length")) {
                if (decodedLength >= 0) {
                    headers.add(Map.entry(name, Long.toString(decodedLength)));
                }
            } else {
                headers.add(header);
            }
        }
        DecodingStream decoded = new DecodingStream(request.body().openStream(), request.chunkSignatures());
        return new WireRequest(request.method(), request.rawPath(), request.rawQuery(), headers,
                StreamingBlob.of(decoded, decodedLength));
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Reads the data of the chunks, one chunk header at a time, checking each chunk against the
     * signature chain when there is one; trailers are kept for the provider
     * ({@link TrailingHeaders}), which checks a trailing checksum.
     */
    static final class DecodingStream extends InputStream implements TrailingHeaders {
        /** A chunk header or trailer line longer than this is not aws-chunked framing. */
        private static final int MAX_LINE = 4096;

        private final InputStream in;
        private final @Nullable ChunkSignatures chain;
        private final @Nullable MessageDigest chunkDigest;
        private final Map<String, String> trailers = new LinkedHashMap<>();
        private String previousSignature = "";
        private String chunkSignature = "";
        private long remaining;
        private boolean done;

        DecodingStream(InputStream in, Optional<ChunkSignatures> chain) {
            this.in = in;
            this.chain = chain.orElse(null);
            this.chunkDigest = chain.isPresent() ? sha256() : null;
            this.previousSignature = chain.map(ChunkSignatures::seedSignature).orElse("");
        }

        @Override
        public Map<String, String> trailers() {
            return Collections.unmodifiableMap(trailers);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (remaining == 0 && !nextChunk()) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw incomplete();
            }
            if (chunkDigest != null) {
                chunkDigest.update(buffer, offset, n);
            }
            remaining -= n;
            if (remaining == 0) {
                expectLineEnd();
                verifyChunk();
            }
            return n;
        }

        /** Reads the next chunk header; at the last chunk, the trailers. False at the end of the body. */
        private boolean nextChunk() throws IOException {
            if (done) {
                return false;
            }
            String header = line();
            int semicolon = header.indexOf(';');
            String size = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
            if (size.isEmpty() || size.length() > 15) {
                throw incomplete();
            }
            try {
                remaining = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw incomplete();
            }
            if (chain != null) {
                int at = semicolon < 0 ? -1 : header.indexOf(SIGNATURE_EXTENSION, semicolon);
                chunkSignature = at < 0 ? "" : header.substring(at + SIGNATURE_EXTENSION.length()).strip();
            }
            if (remaining > 0) {
                return true;
            }
            verifyChunk(); // The final, empty chunk is signed too.
            String trailerSignature = "";
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                int colon = trailer.indexOf(':');
                if (colon > 0) {
                    String name = trailer.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    String value = trailer.substring(colon + 1).strip();
                    if (name.equals(TRAILER_SIGNATURE)) {
                        trailerSignature = value;
                    } else {
                        trailers.put(name, value);
                    }
                }
            }
            verifyTrailers(trailerSignature);
            done = true;
            return false;
        }

        /** Checks the chunk just read (its data is in {@link #chunkDigest}) against the chain. */
        private void verifyChunk() {
            if (chain == null || chunkDigest == null) {
                return;
            }
            String expected = chain.chunk(previousSignature, HexFormat.of().formatHex(chunkDigest.digest()));
            if (!SigV4SigningKey.sameSignature(expected, chunkSignature)) {
                throw signatureMismatch();
            }
            previousSignature = chunkSignature;
        }

        /** A signed body's trailers carry their own signature, chained after the last chunk's. */
        private void verifyTrailers(String trailerSignature) {
            if (chain == null || trailers.isEmpty() && trailerSignature.isEmpty()) {
                return;
            }
            StringBuilder canonical = new StringBuilder();
            trailers.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
            String hash = HexFormat.of().formatHex(sha256().digest(canonical.toString().getBytes(UTF_8)));
            if (!SigV4SigningKey.sameSignature(chain.trailer(previousSignature, hash), trailerSignature)) {
                throw signatureMismatch();
            }
        }

        private void expectLineEnd() throws IOException {
            if (in.read() != '\r' || in.read() != '\n') {
                throw incomplete();
            }
        }

        /** A line up to CRLF, without it. */
        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(96);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\r') {
                    if (in.read() != '\n') {
                        throw incomplete();
                    }
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= MAX_LINE) {
                    throw incomplete();
                }
                line.write(c);
            }
            throw incomplete(); // The body ended inside a line.
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
            }
        }

        private static AwsServiceException incomplete() {
            return new AwsServiceException(400, "IncompleteBody", "The request body terminated unexpectedly");
        }

        private static AwsServiceException signatureMismatch() {
            return CommonErrors.SIGNATURE_DOES_NOT_MATCH.error("The request signature we calculated does not match"
                    + " the signature you provided. Check your key and signing method.");
        }
    }
}

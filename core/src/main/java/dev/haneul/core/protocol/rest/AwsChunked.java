package dev.haneul.core.protocol.rest;

import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.protocol.TrailingHeaders;
import dev.haneul.core.protocol.WireRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SigV4 streaming uploads ({@code Content-Encoding: aws-chunked}), as the AWS SDKs send S3 object
 * bodies: the body is framed as chunks {@code <hex size>[;chunk-signature=…]\r\n<data>\r\n}, ended by
 * a zero-size chunk and optional trailers ({@code x-amz-checksum-crc32:…}). The framing is transport,
 * not content, so it is removed before the codec binds members: the payload a provider reads is the
 * decoded bytes, streamed (never held whole), {@code Content-Length} is the
 * {@code x-amz-decoded-content-length}, and {@code aws-chunked} leaves {@code Content-Encoding}.
 *
 * <p>Trailing headers are kept on the decoded stream ({@link TrailingHeaders}). Chunk signatures are not checked here; verifying them is the gateway's job when it verifies
 * signatures (see docs/architecture.md). A broken frame surfaces as an {@link IOException} to the
 * provider reading the stream.
 */
final class AwsChunked {

    private static final String AWS_CHUNKED = "aws-chunked";

    private AwsChunked() {}

    /** {@code request} with its aws-chunked body decoded, or {@code request} itself when it is not aws-chunked. */
    static WireRequest unwrap(WireRequest request) {
        String encoding = request.header("Content-Encoding").orElse("");
        if (!encoding.toLowerCase(Locale.ROOT).contains(AWS_CHUNKED)) {
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
        return new WireRequest(request.method(), request.rawPath(), request.rawQuery(), headers,
                StreamingBlob.of(new DecodingStream(request.body().openStream()), decodedLength));
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Reads the data of the chunks, one chunk header at a time; trailers are kept for the provider
     * ({@link TrailingHeaders}), which checks a trailing checksum.
     */
    static final class DecodingStream extends InputStream implements TrailingHeaders {
        /** A chunk header or trailer line longer than this is not aws-chunked framing. */
        private static final int MAX_LINE = 4096;

        private final InputStream in;
        private final Map<String, String> trailers = new LinkedHashMap<>();
        private long remaining;
        private boolean done;

        @Override
        public Map<String, String> trailers() {
            return Collections.unmodifiableMap(trailers);
        }

        DecodingStream(InputStream in) {
            this.in = in;
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
                throw new IOException("aws-chunked body ended inside a chunk");
            }
            remaining -= n;
            if (remaining == 0) {
                expectLineEnd();
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
            try {
                remaining = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new IOException("not an aws-chunked chunk header: " + header);
            }
            if (remaining < 0) {
                throw new IOException("not an aws-chunked chunk size: " + size);
            }
            if (remaining == 0) {
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    int colon = trailer.indexOf(':');
                    if (colon > 0) {
                        trailers.put(trailer.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                                trailer.substring(colon + 1).strip());
                    }
                }
                done = true;
                return false;
            }
            return true;
        }

        private void expectLineEnd() throws IOException {
            if (in.read() != '\r' || in.read() != '\n') {
                throw new IOException("aws-chunked chunk not followed by CRLF");
            }
        }

        /** A line up to CRLF (or the end of the body), without it. */
        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(96);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\r') {
                    if (in.read() != '\n') {
                        throw new IOException("aws-chunked line not ended by CRLF");
                    }
                    return line.toString(StandardCharsets.US_ASCII);
                }
                if (line.size() >= MAX_LINE) {
                    throw new IOException("aws-chunked line longer than " + MAX_LINE + " bytes");
                }
                line.write(c);
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

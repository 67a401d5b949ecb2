package dev.haneul.core.protocol;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.auth.ChunkSignatures;
import dev.haneul.core.protocol.query.FormParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as the protocol codecs read it: method, raw (still percent-encoded) path and
 * query string, headers in arrival order and the body. What several steps need — headers by name,
 * the decoded query string, the query protocol's parameters — is computed once, on first use, so
 * the gateway's service lookup and the codec share the work. Not thread-safe: one request is
 * handled by one thread.
 */
public final class WireRequest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final List<Map.Entry<String, String>> headers;
    private final StreamingBlob body;
    private final @Nullable ChunkSignatures chunkSignatures;
    private @Nullable Map<String, List<String>> headersByName;
    private @Nullable Map<String, List<String>> queryParameters;
    private @Nullable Map<String, List<String>> formParameters;

    public WireRequest(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
                       StreamingBlob body) {
        this(method, rawPath, rawQuery, headers, body, null);
    }

    private WireRequest(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
                        StreamingBlob body, @Nullable ChunkSignatures chunkSignatures) {
        this.method = requireNonNull(method, "method");
        this.rawPath = requireNonNull(rawPath, "rawPath");
        this.rawQuery = requireNonNull(rawQuery, "rawQuery");
        this.headers = List.copyOf(headers);
        this.body = requireNonNull(body, "body");
        this.chunkSignatures = chunkSignatures;
    }

    /**
     * This request, with the signature chain its {@code aws-chunked} body must match: the gateway
     * adds it once it has verified the request's own (seed) signature, and the rest codec checks
     * every chunk against it as the body is read.
     */
    public WireRequest withChunkSignatures(ChunkSignatures chain) {
        return new WireRequest(method, rawPath, rawQuery, headers, body, requireNonNull(chain, "chain"));
    }

    /** The chain of {@link #withChunkSignatures}; empty when the body's chunks are not to be verified. */
    public Optional<ChunkSignatures> chunkSignatures() {
        return Optional.ofNullable(chunkSignatures);
    }

    public String method() {
        return method;
    }

    /** The path as received, percent-encoded, without the query string. */
    public String rawPath() {
        return rawPath;
    }

    /** The query string as received, percent-encoded, without {@code ?}; empty when absent. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Every header in arrival order. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of header {@code name} (case-insensitive), in arrival order. */
    public List<String> headerValues(String name) {
        if (headersByName == null) {
            Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, String> header : headers) {
                byName.computeIfAbsent(header.getKey(), n -> new ArrayList<>(1)).add(header.getValue());
            }
            headersByName = byName;
        }
        return headersByName.getOrDefault(name, List.of());
    }

    /** The media type of the body, lower case, without parameters; empty when absent. */
    public String mediaType() {
        String type = header("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The body; for the protocols other than a rest streaming payload, read whole. */
    public StreamingBlob body() {
        return body;
    }

    /**
     * The query string's parameters, names in order of first appearance.
     *
     * @throws ProtocolException of kind {@code MALFORMED} on a bad escape or invalid UTF-8
     */
    public Map<String, List<String>> queryParameters() {
        if (queryParameters == null) {
            queryParameters = Collections.unmodifiableMap(FormParameters.decode(FormParameters.requestLineUtf8(rawQuery)));
        }
        return queryParameters;
    }

    /**
     * The parameters of the query protocols: the query string's, then a form body's.
     *
     * @throws ProtocolException of kind {@code MALFORMED} on a bad escape or invalid UTF-8
     * @throws NotAFormException when the request has a body that is not a form
     */
    public Map<String, List<String>> formParameters() {
        if (formParameters == null) {
            Map<String, List<String>> params = new LinkedHashMap<>(queryParameters());
            if (body.contentLength() != 0) {
                String type = mediaType();
                if (!type.isEmpty() && !type.equals(FORM)) {
                    throw new NotAFormException(type);
                }
                FormParameters.decode(FormParameters.strictUtf8(body.readAllBytes()), params);
            }
            formParameters = Collections.unmodifiableMap(params);
        }
        return formParameters;
    }

    /** The first value of the query protocols' parameter {@code name}, if sent. */
    public Optional<String> formParameter(String name) {
        List<String> values = formParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A request with a body that is not {@code application/x-www-form-urlencoded} was read as a form. */
    public static final class NotAFormException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String mediaType;

        NotAFormException(String mediaType) {
            super("Content-Type " + mediaType + " is not supported by the query protocol; expected " + FORM + ".",
                    null, false, false);
            this.mediaType = mediaType;
        }

        /** Never null: every constructor sets a message. */
        @Override
        public String getMessage() {
            return requireNonNull(super.getMessage());
        }

        public String mediaType() {
            return mediaType;
        }
    }
}

package dev.haneul.s3.error;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 error as data: the {@link S3Error} (code, status), the message, the extra elements of the
 * {@code <Error>} body ({@code BucketName}, {@code Key}, {@code UploadId}, …, in S3's order) and
 * the response headers S3 sends with some errors (a GET of a deleted key answers 404 with
 * {@code x-amz-delete-marker: true} and the marker's {@code x-amz-version-id}). Thrown by the store
 * and the wire decoders; serialised by the rest-xml codec only.
 */
public final class S3Exception extends AwsServiceException {

    private static final long serialVersionUID = 1L;

    private final S3Error error;
    private final Map<String, Object> orderedFields;
    private final Map<String, String> headers;

    S3Exception(S3Error error, String message, Map<String, Object> fields, Map<String, String> headers) {
        super(error.status(), error.code(), message, error.status() < 500, fields);
        this.error = error;
        this.orderedFields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.headers = Map.copyOf(requireNonNull(headers, "headers"));
    }

    public S3Error error() {
        return error;
    }

    /** The {@code <Error>} body's extra elements in the order S3 writes them. */
    public Map<String, Object> orderedFields() {
        return orderedFields;
    }

    /** Response headers that go with this error, e.g. {@code x-amz-delete-marker}; the codec writes them. */
    @Override
    public Map<String, String> headers() {
        return headers;
    }

    /** The same error with response headers added. */
    public S3Exception withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new S3Exception(error, getMessage(), orderedFields, merged);
    }
}

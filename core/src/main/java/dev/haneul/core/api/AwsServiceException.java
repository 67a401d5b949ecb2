package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AWS error, as data: its {@link ErrorType} (code, HTTP status, fault side), a message and
 * structured members of the error shape. Providers throw it; only the gateway turns it into bytes,
 * in the envelope of the service's protocol codec. Handlers never catch-and-format.
 *
 * <p>Create it from a typed value: a model-declared error looked up once with
 * {@link ServiceErrors#type}, or one of {@link CommonErrors}. The constructors taking a code string
 * remain for code not yet converted.
 */
public class AwsServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorType type;
    private final Map<String, Object> fields;

    public AwsServiceException(ErrorType type, String message, Map<String, Object> fields) {
        super(requireNonNull(message, "message"), null, false, false);
        this.type = requireNonNull(type, "type");
        this.fields = Map.copyOf(new LinkedHashMap<>(requireNonNull(fields, "fields")));
    }

    public AwsServiceException(int status, String code, String message) {
        this(status, code, message, status < 500, Map.of());
    }

    public AwsServiceException(int status, String code, String message, boolean senderFault,
                               Map<String, Object> fields) {
        this(new ErrorType(ErrorType.COMMON, code, status, senderFault), message, fields);
    }

    /** The typed error this is an instance of. */
    public ErrorType type() {
        return type;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return type.status();
    }

    /** The error code on the wire, for example {@code DBClusterNotFoundFault}. */
    public String code() {
        return type.code();
    }

    /** {@code true} for a client ("Sender") fault, {@code false} for a server ("Receiver") fault. */
    public boolean senderFault() {
        return type.senderFault();
    }

    /** Extra members of the error shape beside the message, keyed by member name. */
    public Map<String, Object> fields() {
        return fields;
    }

    /**
     * Response headers that go with this error beyond what its shape binds (S3 answers a GET of a
     * deleted key with {@code x-amz-delete-marker: true}); the rest codecs write them. None here.
     */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** Never null: every constructor sets a message. */
    @Override
    public String getMessage() {
        return requireNonNull(super.getMessage());
    }

    @Override
    public String toString() {
        return status() + " " + code() + ": " + getMessage();
    }
}

package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AWS error, as data: HTTP status, error code, message and fault side. Providers throw it;
 * only the gateway turns it into bytes, in the envelope of the caller's protocol (query XML
 * {@code <ErrorResponse>} or json {@code __type}). Handlers never catch-and-format.
 *
 * <p>Most errors are declared in the service's model (their code and status come from there, see
 * {@link ServiceErrors}); the common ones every AWS service shares are in {@link CommonErrors}.
 */
public class AwsServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final boolean senderFault;
    private final Map<String, Object> fields;

    public AwsServiceException(int status, String code, String message) {
        this(status, code, message, status < 500, Map.of());
    }

    public AwsServiceException(int status, String code, String message, boolean senderFault,
                               Map<String, Object> fields) {
        super(requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400-599)");
        }
        this.status = status;
        this.code = requireNonNull(code, "code");
        this.senderFault = senderFault;
        this.fields = Map.copyOf(new LinkedHashMap<>(requireNonNull(fields, "fields")));
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The error code on the wire, for example {@code DBClusterNotFoundFault}. */
    public String code() {
        return code;
    }

    /** {@code true} for a client ("Sender") fault, {@code false} for a server ("Receiver") fault. */
    public boolean senderFault() {
        return senderFault;
    }

    /** Extra members of the error shape beside the message, keyed by member name. */
    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return status + " " + code + ": " + getMessage();
    }
}

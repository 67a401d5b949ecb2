package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One AWS error code as a value: the service that answers it, its code on the wire, its HTTP
 * status and whether it blames the caller ({@code Sender}) or the service ({@code Receiver}).
 * Throw sites name a constant — {@link CommonErrors#INVALID_ACTION}, or one a service looked up in
 * its model with {@link ServiceErrors#type} — and add only the message:
 *
 * <pre>{@code
 * static final ErrorType LOAD_BALANCER_NOT_FOUND = ERRORS.type("LoadBalancerNotFoundException");
 * throw LOAD_BALANCER_NOT_FOUND.format("Load balancers '%s' not found", arn);
 * }</pre>
 *
 * @param service the model's {@code serviceId} for errors a model declares; {@code "*"} for the
 *     errors every service shares (common errors and protocol errors)
 */
public record ErrorType(String service, String code, int status, boolean senderFault) {

    /** The service name of errors every AWS service shares. */
    public static final String COMMON = "*";

    public ErrorType {
        requireNonNull(service, "service");
        requireNonNull(code, "code");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400-599)");
        }
    }

    /** A client ("Sender") error every service shares. */
    static ErrorType common(String code, int status) {
        return new ErrorType(COMMON, code, status, true);
    }

    /** A service ("Receiver") error every service shares. */
    static ErrorType commonFault(String code, int status) {
        return new ErrorType(COMMON, code, status, false);
    }

    /** This error with {@code message}, ready to throw. */
    public AwsServiceException error(String message) {
        return new AwsServiceException(this, message, Map.of());
    }

    /** This error with a {@link String#format formatted} message. */
    public AwsServiceException format(String format, @Nullable Object... args) {
        return error(args.length == 0 ? format : String.format(format, args));
    }

    /** This error with {@code message} and members of the error shape beside it, by member name. */
    public AwsServiceException error(String message, Map<String, Object> fields) {
        return new AwsServiceException(this, message, fields);
    }
}

package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Errors a service's model declares, as typed values with the wire code, HTTP status and fault
 * side taken from the model: RDS's {@code DBInstanceNotFoundFault} shape is sent as code
 * {@code DBInstanceNotFound} with status 404.
 *
 * <p>Services name the errors they throw once, as constants, so a name the model lacks fails when
 * the class loads — at start-up, and in every test touching the provider — never at a throw site
 * in production:
 *
 * <pre>{@code
 * private static final ServiceErrors ERRORS = new ServiceErrors(MODEL);
 * static final ErrorType LISTENER_NOT_FOUND = ERRORS.type("ListenerNotFoundException");
 * ...
 * throw LISTENER_NOT_FOUND.format("Listeners '%s' not found", arn);
 * }</pre>
 *
 * Why a lookup and not generated source: a model declares hundreds of errors (RDS about 150) of
 * which a provider throws a dozen; naming those once beside the provider keeps the code small, and
 * the models stay the one source of codes and statuses.
 */
public final class ServiceErrors {

    private final ServiceModel model;

    public ServiceErrors(ServiceModel model) {
        this.model = requireNonNull(model, "model");
    }

    /**
     * The error of the exception shape {@code shapeName}.
     *
     * @throws IllegalArgumentException when the model declares no such exception shape
     */
    public ErrorType type(String shapeName) {
        Shape shape = model.shape(requireNonNull(shapeName, "shapeName"))
                .filter(Shape::isException)
                .orElseThrow(() -> new IllegalArgumentException(
                        "shapeName: " + shapeName + " (not an error of " + model.serviceId() + ")"));
        Shape.ErrorTrait trait = shape.error().orElseThrow();
        return new ErrorType(model.serviceId(), trait.code(), trait.httpStatus(), trait.senderFault());
    }

    /** The error of the exception shape {@code shapeName}, with a formatted message. */
    public AwsServiceException error(String shapeName, String format, @Nullable Object... args) {
        return type(shapeName).format(format, args);
    }

    /** The same, with structured members of the error shape beside the message. */
    public AwsServiceException error(String shapeName, Map<String, Object> fields, String format, @Nullable Object... args) {
        return type(shapeName).error(args.length == 0 ? format : String.format(format, args), fields);
    }
}

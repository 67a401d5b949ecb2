package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import java.util.Map;

/**
 * Errors a service's model declares, with the wire code and HTTP status taken from the model: for
 * example RDS's {@code DBInstanceNotFoundFault} shape is sent as code {@code DBInstanceNotFound}
 * with status 404. Asking for a shape the model does not declare is a programming error.
 */
public final class ServiceErrors {

    private final ServiceModel model;

    public ServiceErrors(ServiceModel model) {
        this.model = requireNonNull(model, "model");
    }

    /** The error of the exception shape {@code shapeName}, with a formatted message. */
    public AwsServiceException error(String shapeName, String format, Object... args) {
        return error(shapeName, Map.of(), format, args);
    }

    /** The same, with structured members of the error shape beside the message. */
    public AwsServiceException error(String shapeName, Map<String, Object> fields, String format, Object... args) {
        Shape shape = model.shape(requireNonNull(shapeName, "shapeName"))
                .filter(Shape::isException)
                .orElseThrow(() -> new IllegalArgumentException(
                        "shapeName: " + shapeName + " (not an error of " + model.serviceId() + ")"));
        Shape.ErrorTrait trait = shape.error().orElseThrow();
        return new AwsServiceException(trait.httpStatus(), trait.code(), args.length == 0 ? format : String.format(format, args),
                trait.senderFault(), fields);
    }
}

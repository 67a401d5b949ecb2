package dev.haneul.core.resource;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.protocol.OperationModel;
import java.util.Map;

/**
 * A view one service publishes so that another service's operations are answered with its
 * state: IAM owns roles, users and the temporary credentials it checks on every call, so it
 * answers STS's operations, while the STS module stays the API's front (model, registration) and
 * answers alone when no delegate is published. Published under {@link #arnFor(String)}.
 */
@FunctionalInterface
public interface ApiDelegate {

    /** The registry key of the delegate for the service whose signing name is {@code service}. */
    static String arnFor(String service) {
        return "arn:aws:haneul:::api-delegate/" + service;
    }

    /** Runs {@code operation}; the same contract as {@code ServiceProvider.invoke}. */
    Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input);
}

package dev.haneul.elbv2.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.ServiceModel;

/**
 * ELBv2's errors, with the wire codes and statuses of its model ({@code LoadBalancerNotFound},
 * {@code PriorityInUse}, …) and messages worded as ELBv2 words them. {@code ValidationError} is not
 * a model shape: ELBv2 answers it, HTTP 400, for malformed input.
 */
final class Elbv2Errors {

    private final ServiceErrors errors;

    Elbv2Errors(ServiceModel model) {
        this.errors = new ServiceErrors(model);
    }

    static AwsServiceException validation(String format, Object... args) {
        return new AwsServiceException(400, "ValidationError", args.length == 0 ? format : String.format(format, args));
    }

    /** {@code ValidationError} unless {@code min <= value <= max}. */
    static void requireRange(String member, int value, int min, int max) {
        if (value < min || value > max) {
            throw validation("%s '%d' is not between %d and %d", member, value, min, max);
        }
    }

    /** {@code ValidationError} unless {@code port} is a TCP port. */
    static void requirePort(int port, String member) {
        requireRange(member, port, 1, 65535);
    }

    AwsServiceException loadBalancerNotFound(String what) {
        return errors.error("LoadBalancerNotFoundException", "Load balancers '%s' not found", what);
    }

    AwsServiceException targetGroupNotFound(String what) {
        return errors.error("TargetGroupNotFoundException", "Target groups '%s' not found", what);
    }

    AwsServiceException listenerNotFound(String what) {
        return errors.error("ListenerNotFoundException", "Listeners '%s' not found", what);
    }

    AwsServiceException ruleNotFound(String what) {
        return errors.error("RuleNotFoundException", "Rules '%s' not found", what);
    }

    AwsServiceException invalidConfiguration(String format, Object... args) {
        return errors.error("InvalidConfigurationRequestException", format, args);
    }

    AwsServiceException error(String shape, String format, Object... args) {
        return errors.error(shape, format, args);
    }
}

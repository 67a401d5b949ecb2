package dev.haneul.elbv2.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.ErrorType;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.resource.PageLimits;
import dev.haneul.core.resource.Paging;
import dev.haneul.core.resource.TagRules;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * ELBv2's errors, as typed values with the wire codes and statuses of its model
 * ({@code LoadBalancerNotFound}, {@code PriorityInUse}, …), named once here so a name the model
 * lacks fails when the provider loads, with messages worded as ELBv2 words them.
 * {@code ValidationError} is not a model shape: ELBv2 answers it, HTTP 400, for malformed input.
 */
final class Elbv2Errors {

    private static final ServiceErrors MODEL_ERRORS = new ServiceErrors(Elbv2Provider.MODEL);
    static final ErrorType LOAD_BALANCER_NOT_FOUND = MODEL_ERRORS.type("LoadBalancerNotFoundException");
    static final ErrorType TARGET_GROUP_NOT_FOUND = MODEL_ERRORS.type("TargetGroupNotFoundException");
    static final ErrorType LISTENER_NOT_FOUND = MODEL_ERRORS.type("ListenerNotFoundException");
    static final ErrorType RULE_NOT_FOUND = MODEL_ERRORS.type("RuleNotFoundException");
    static final ErrorType INVALID_CONFIGURATION = MODEL_ERRORS.type("InvalidConfigurationRequestException");
    static final ErrorType TOO_MANY_TAGS = MODEL_ERRORS.type("TooManyTagsException");
    static final ErrorType DUPLICATE_TAG_KEYS = MODEL_ERRORS.type("DuplicateTagKeysException");

    /**
     * {@code Marker}/{@code PageSize} paging: markers are offsets; {@code PageSize} is 1-400 (the
     * model's bounds), everything when absent.
     */
    static final Paging PAGING = new Paging(
            PageLimits.of(Elbv2Provider.MODEL.shape("PageSize").orElse(null), new PageLimits(1, 400, PageLimits.ALL)),
            new Paging.Errors() {
                @Override
                public AwsServiceException invalidSize(int size, PageLimits limits) {
                    return validation("Page size '%d' is not between %d and %d", size, limits.min(), limits.max());
                }

                @Override
                public AwsServiceException invalidMarker(String marker) {
                    return validation("The marker '%s' is not valid", marker);
                }
            });

    /** AWS's common tag rules (50 a resource, {@code aws:} reserved) with ELBv2's errors. */
    static final TagRules TAGS = TagRules.standard(new TagRules.Errors() {
        @Override
        public AwsServiceException tooMany(int max) {
            return TOO_MANY_TAGS.format("A resource can have up to %d tags", max);
        }

        @Override
        public AwsServiceException invalidKey(String key, String reason) {
            return validation("Tag key '%s' is not valid: %s", key, reason);
        }

        @Override
        public AwsServiceException invalidValue(String key, String reason) {
            return validation("The value of tag '%s' is not valid: %s", key, reason);
        }

        @Override
        public Optional<AwsServiceException> duplicateKey(String key) {
            return Optional.of(DUPLICATE_TAG_KEYS.format("Tag key '%s' is specified more than once", key));
        }
    });

    private Elbv2Errors() {}

    /** The service's name in {@code NotImplemented} answers. */
    static final String SERVICE = "Elastic Load Balancing v2";

    /** Haneul does not do {@code what} (yet): {@code NotImplemented}, naming the feature. */
    static AwsServiceException notImplemented(String what) {
        return CommonErrors.notImplemented(SERVICE, what);
    }

    static AwsServiceException validation(String format, @Nullable Object... args) {
        return CommonErrors.VALIDATION_ERROR.format(format, args);
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

    static AwsServiceException loadBalancerNotFound(String what) {
        return LOAD_BALANCER_NOT_FOUND.format("Load balancers '%s' not found", what);
    }

    static AwsServiceException targetGroupNotFound(String what) {
        return TARGET_GROUP_NOT_FOUND.format("Target groups '%s' not found", what);
    }

    static AwsServiceException listenerNotFound(String what) {
        return LISTENER_NOT_FOUND.format("Listeners '%s' not found", what);
    }

    static AwsServiceException ruleNotFound(String what) {
        return RULE_NOT_FOUND.format("Rules '%s' not found", what);
    }

    static AwsServiceException invalidConfiguration(String format, @Nullable Object... args) {
        return INVALID_CONFIGURATION.format(format, args);
    }

    /** The error of a shape named at the throw site; the constants above are the form to move to. */
    static AwsServiceException error(String shape, String format, @Nullable Object... args) {
        return MODEL_ERRORS.error(shape, format, args);
    }
}

package dev.haneul.wafv2.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ErrorType;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.wafv2.engine.WafValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The WAF errors the API throws, looked up once in the model, with AWS's messages (WAF words them
 * the same way for every resource type, with a typographic apostrophe).
 */
final class WafErrors {

    static final ServiceModel MODEL = ServiceModel.fromResource(WafErrors.class, "/dev/haneul/wafv2/service-2.json");
    private static final ServiceErrors ERRORS = new ServiceErrors(MODEL);

    static final ErrorType INVALID_PARAMETER = ERRORS.type("WAFInvalidParameterException");
    static final ErrorType NONEXISTENT_ITEM = ERRORS.type("WAFNonexistentItemException");
    static final ErrorType DUPLICATE_ITEM = ERRORS.type("WAFDuplicateItemException");
    static final ErrorType ASSOCIATED_ITEM = ERRORS.type("WAFAssociatedItemException");
    static final ErrorType OPTIMISTIC_LOCK = ERRORS.type("WAFOptimisticLockException");
    static final ErrorType LIMITS_EXCEEDED = ERRORS.type("WAFLimitsExceededException");
    static final ErrorType INVALID_OPERATION = ERRORS.type("WAFInvalidOperationException");
    static final ErrorType TAG_OPERATION = ERRORS.type("WAFTagOperationException");

    private WafErrors() {}

    static AwsServiceException nonexistent() {
        return NONEXISTENT_ITEM.error("AWS WAF couldn’t perform the operation because your resource doesn’t exist.");
    }

    static AwsServiceException duplicate() {
        return DUPLICATE_ITEM.error("AWS WAF couldn’t perform the operation because some resource in your request is a"
                + " duplicate of an existing one.");
    }

    static AwsServiceException associated() {
        return ASSOCIATED_ITEM.error("AWS WAF couldn’t perform the operation because your resource is being used by"
                + " another resource or it’s associated with another resource.");
    }

    static AwsServiceException optimisticLock() {
        return OPTIMISTIC_LOCK.error("AWS WAF couldn’t save your changes because someone changed the resource after"
                + " you started to edit it. Reapply your changes.");
    }

    static AwsServiceException limitsExceeded(String sourceType) {
        return LIMITS_EXCEEDED.error("AWS WAF couldn’t perform the operation because you exceeded your resource limit."
                + " For example, the maximum number of WebACL objects that you can create for an Amazon Web Services"
                + " account. For more information, see Limits in the WAF Developer Guide.", Map.of("SourceType", sourceType));
    }

    /**
     * {@code WAFInvalidParameterException} as AWS words it: "Error reason: …, field: …, parameter: …",
     * with {@code Field}, {@code Parameter} and {@code Reason} beside the message.
     */
    static AwsServiceException invalidParameter(String field, String parameter, String reason) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Field", field);
        fields.put("Parameter", parameter);
        fields.put("Reason", reason);
        return INVALID_PARAMETER.error("Error reason: " + reason + ", field: " + field + ", parameter: " + parameter, fields);
    }

    static AwsServiceException invalid(WafValidationException problem) {
        return invalidParameter(problem.field(), problem.parameter(), problem.reason());
    }
}

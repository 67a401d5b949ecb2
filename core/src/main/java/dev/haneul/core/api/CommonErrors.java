package dev.haneul.core.api;

/**
 * The errors every AWS service shares, as typed values: the query protocol's "Common Errors"
 * (codes and statuses of AWS's Common Errors pages), the protocol errors of json and the rest
 * protocols, and the gateway's own. Service-specific errors come from the service model through
 * {@link ServiceErrors}. The factory methods word the usual message.
 */
public final class CommonErrors {

    private CommonErrors() {}

    /** A query request naming an operation its service does not have. */
    public static final ErrorType INVALID_ACTION = ErrorType.common("InvalidAction", 400);
    /** A query request without {@code Action}. */
    public static final ErrorType MISSING_ACTION = ErrorType.common("MissingAction", 400);
    public static final ErrorType MISSING_PARAMETER = ErrorType.common("MissingParameter", 400);
    public static final ErrorType INVALID_PARAMETER_VALUE = ErrorType.common("InvalidParameterValue", 400);
    public static final ErrorType INVALID_PARAMETER_COMBINATION = ErrorType.common("InvalidParameterCombination", 400);
    /** A query string or form body that cannot be decoded (bad escape, invalid UTF-8). */
    public static final ErrorType MALFORMED_QUERY_STRING = ErrorType.common("MalformedQueryString", 404);
    /** A query request that is not a form, or not HTTP at all. */
    public static final ErrorType INVALID_QUERY_PARAMETER = ErrorType.common("InvalidQueryParameter", 400);
    /** Input that breaks a model constraint, in the wording of the newer query services (ELBv2). */
    public static final ErrorType VALIDATION_ERROR = ErrorType.common("ValidationError", 400);
    public static final ErrorType REQUEST_ENTITY_TOO_LARGE = ErrorType.common("RequestEntityTooLarge", 413);
    public static final ErrorType NOT_IMPLEMENTED = ErrorType.commonFault("NotImplemented", 501);
    public static final ErrorType INTERNAL_FAILURE = ErrorType.commonFault("InternalFailure", 500);
    public static final ErrorType SERVICE_UNAVAILABLE = ErrorType.commonFault("ServiceUnavailable", 503);

    /** A json request whose {@code X-Amz-Target} names no operation (or a service Haneul lacks). */
    public static final ErrorType UNKNOWN_OPERATION = ErrorType.common("UnknownOperationException", 400);
    /** A json or rest-json body that is not JSON of the operation's shape, or has the wrong media type. */
    public static final ErrorType SERIALIZATION_EXCEPTION = ErrorType.common("SerializationException", 400);
    /** Input that breaks a model constraint, in the json services' wording. */
    public static final ErrorType VALIDATION_EXCEPTION = ErrorType.common("ValidationException", 400);

    /** A rest request whose method and path match no operation of the service. */
    public static final ErrorType UNKNOWN_OPERATION_PATH = ErrorType.common("UnknownOperationException", 404);
    /** A rest request whose path matches operations of the service, none of them under its method. */
    public static final ErrorType METHOD_NOT_ALLOWED = ErrorType.common("MethodNotAllowed", 405);
    /** A rest-xml body that is not well-formed XML. */
    public static final ErrorType MALFORMED_XML = ErrorType.common("MalformedXML", 400);

    /** A query request with an HTTP method the protocol does not take (only GET and POST). */
    public static final ErrorType UNSUPPORTED_HTTP_VERB = ErrorType.common("UnsupportedHttpVerb", 400);
    /** A signature that does not verify, or a credential scope AWS does not serve (query). */
    public static final ErrorType SIGNATURE_DOES_NOT_MATCH = ErrorType.common("SignatureDoesNotMatch", 403);
    /** The same for the json protocols. */
    public static final ErrorType INVALID_SIGNATURE = ErrorType.common("InvalidSignatureException", 400);
    /** A request Haneul's local surfaces refuse (foreign {@code Host}, cross-site), query and rest wording. */
    public static final ErrorType ACCESS_DENIED = ErrorType.common("AccessDenied", 403);
    /** The same for the json protocols. */
    public static final ErrorType ACCESS_DENIED_JSON = ErrorType.common("AccessDeniedException", 403);
    /** A page of Haneul's own ({@code /_haneul/…}) that does not exist. */
    public static final ErrorType NOT_FOUND = ErrorType.common("NotFound", 404);
    /** A control page or API of Haneul's own asked without its token or a session. */
    public static final ErrorType UNAUTHENTICATED = ErrorType.common("MissingAuthenticationToken", 401);

    public static AwsServiceException invalidAction(String action) {
        return INVALID_ACTION.error("The action or operation requested is invalid. Verify that the action is typed"
                + " correctly. (" + action + ")");
    }

    public static AwsServiceException notImplemented(String service, String action) {
        return NOT_IMPLEMENTED.error("Haneul does not emulate " + service + " " + action + " yet.");
    }

    public static AwsServiceException missingAction() {
        return MISSING_ACTION.error("The request must contain the parameter Action.");
    }

    public static AwsServiceException missingParameter(String name) {
        return MISSING_PARAMETER.error("The request must contain the parameter " + name + ".");
    }

    public static AwsServiceException invalidParameterValue(String message) {
        return INVALID_PARAMETER_VALUE.error(message);
    }

    public static AwsServiceException invalidParameterCombination(String message) {
        return INVALID_PARAMETER_COMBINATION.error(message);
    }

    public static AwsServiceException malformedQueryString(String message) {
        return MALFORMED_QUERY_STRING.error(message);
    }

    public static AwsServiceException internalFailure(String message) {
        return INTERNAL_FAILURE.error(message);
    }

    public static AwsServiceException serviceUnavailable(String message) {
        return SERVICE_UNAVAILABLE.error(message);
    }
}

package dev.haneul.core.api;

import dev.haneul.core.protocol.ProtocolException;

/**
 * How a service words input errors found by the protocol layer. The classic query services (RDS,
 * ElastiCache, STS) answer {@code MissingParameter} and {@code InvalidParameterValue}; newer ones
 * (ELBv2) answer {@code ValidationError} with the Smithy-style "1 validation error detected"
 * message; json services answer {@code ValidationException}.
 */
public enum ValidationStyle {
    QUERY, QUERY_VALIDATION_ERROR, JSON_VALIDATION_EXCEPTION;

    /** The AWS error for a protocol-level input problem. */
    public AwsServiceException toError(ProtocolException problem) {
        return switch (this) {
            case QUERY -> switch (problem.kind()) {
                case MISSING_REQUIRED -> CommonErrors.missingParameter(problem.path());
                case INVALID_VALUE -> CommonErrors.invalidParameterValue(problem.getMessage());
                case MALFORMED -> CommonErrors.malformedQueryString(problem.getMessage());
            };
            case QUERY_VALIDATION_ERROR -> problem.kind() == ProtocolException.Kind.MALFORMED
                    ? CommonErrors.malformedQueryString(problem.getMessage())
                    : CommonErrors.VALIDATION_ERROR.error(smithyMessage(problem));
            case JSON_VALIDATION_EXCEPTION -> problem.kind() == ProtocolException.Kind.MALFORMED
                    ? CommonErrors.SERIALIZATION_EXCEPTION.error(problem.getMessage())
                    : CommonErrors.VALIDATION_EXCEPTION.error(smithyMessage(problem));
        };
    }

    private static String smithyMessage(ProtocolException problem) {
        if (problem.kind() == ProtocolException.Kind.MISSING_REQUIRED) {
            return "1 validation error detected: Value null at '" + lowerFirst(problem.path())
                    + "' failed to satisfy constraint: Member must not be null";
        }
        return "1 validation error detected: " + problem.getMessage();
    }

    private static String lowerFirst(String path) {
        return path.isEmpty() ? path : Character.toLowerCase(path.charAt(0)) + path.substring(1);
    }
}

package dev.haneul.core.api;

/**
 * The errors every AWS API shares, with the codes and HTTP statuses of AWS's "Common Errors"
 * pages. Service-specific errors come from the service model through {@link ServiceErrors}.
 */
public final class CommonErrors {

    private CommonErrors() {}

    public static AwsServiceException invalidAction(String action) {
        return new AwsServiceException(400, "InvalidAction",
                "The action or operation requested is invalid. Verify that the action is typed correctly. ("
                        + action + ")");
    }

    public static AwsServiceException notImplemented(String service, String action) {
        return new AwsServiceException(501, "NotImplemented",
                "Haneul does not emulate " + service + " " + action + " yet.", false, java.util.Map.of());
    }

    public static AwsServiceException missingAction() {
        return new AwsServiceException(400, "MissingAction",
                "The request must contain the parameter Action.");
    }

    public static AwsServiceException missingParameter(String name) {
        return new AwsServiceException(400, "MissingParameter",
                "The request must contain the parameter " + name + ".");
    }

    public static AwsServiceException invalidParameterValue(String message) {
        return new AwsServiceException(400, "InvalidParameterValue", message);
    }

    public static AwsServiceException invalidParameterCombination(String message) {
        return new AwsServiceException(400, "InvalidParameterCombination", message);
    }

    public static AwsServiceException malformedQueryString(String message) {
        return new AwsServiceException(404, "MalformedQueryString", message);
    }

    public static AwsServiceException internalFailure(String message) {
        return new AwsServiceException(500, "InternalFailure", message, false, java.util.Map.of());
    }

    public static AwsServiceException serviceUnavailable(String message) {
        return new AwsServiceException(503, "ServiceUnavailable", message, false, java.util.Map.of());
    }
}

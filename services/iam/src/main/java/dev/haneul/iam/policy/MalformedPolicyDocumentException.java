package dev.haneul.iam.policy;

import dev.haneul.core.api.AwsServiceException;

/**
 * A document the policy grammar rejects, with AWS's message. IAM answers it as
 * {@code MalformedPolicyDocument} (400); a service that says {@code MalformedPolicy} (S3) rethrows
 * the message under its own code.
 */
public final class MalformedPolicyDocumentException extends AwsServiceException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "MalformedPolicyDocument";

    public MalformedPolicyDocumentException(String message) {
        super(400, CODE, message);
    }
}

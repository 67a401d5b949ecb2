package dev.haneul.iam.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ErrorType;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.ServiceModel;

/** IAM's errors, with AWS's wording (../shared/reference/iam-sts-s3.md §5.2). */
final class IamErrors {

    static final ServiceModel MODEL = ServiceModel.fromResource(IamErrors.class, "/dev/haneul/iam/service-2.json");
    private static final ServiceErrors ERRORS = new ServiceErrors(MODEL);
    static final ErrorType NO_SUCH_ENTITY = ERRORS.type("NoSuchEntityException");
    static final ErrorType ALREADY_EXISTS = ERRORS.type("EntityAlreadyExistsException");
    static final ErrorType DELETE_CONFLICT = ERRORS.type("DeleteConflictException");
    static final ErrorType LIMIT_EXCEEDED = ERRORS.type("LimitExceededException");
    static final ErrorType INVALID_INPUT = ERRORS.type("InvalidInputException");
    static final ErrorType MALFORMED_POLICY = ERRORS.type("MalformedPolicyDocumentException");
    static final ErrorType NOT_ATTACHABLE = ERRORS.type("PolicyNotAttachableException");
    static final ErrorType VALIDATION = new ErrorType("IAM", "ValidationError", 400, true);

    private IamErrors() {}

    static AwsServiceException noSuchUser(String name) {
        return NO_SUCH_ENTITY.error("The user with name " + name + " cannot be found.");
    }

    static AwsServiceException noSuchRole(String name) {
        return NO_SUCH_ENTITY.error("The role with name " + name + " cannot be found.");
    }

    static AwsServiceException noSuchGroup(String name) {
        return NO_SUCH_ENTITY.error("The group with name " + name + " cannot be found.");
    }

    static AwsServiceException noSuchPolicy(String arn) {
        return NO_SUCH_ENTITY.error("Policy " + arn + " was not found.");
    }

    static AwsServiceException noSuchInstanceProfile(String name) {
        return NO_SUCH_ENTITY.error("Instance Profile " + name + " cannot be found.");
    }

    static AwsServiceException deleteConflict(String what) {
        return DELETE_CONFLICT.error("Cannot delete entity, must " + what + " first.");
    }

    static AwsServiceException invalidArn(String arn) {
        return VALIDATION.error("Invalid ARN:  Could not be parsed!");
    }
}

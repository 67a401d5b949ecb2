package dev.haneul.s3.error;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The S3 error codes the store and the wire decoders raise, with the HTTP status and the message
 * real S3 sends for them. S3's model declares only a handful of its errors as shapes, so codes,
 * statuses and texts come from recorded real responses (LocalStack's AWS-validated snapshots) and
 * the S3 error-code list; where S3 uses several texts for one code, the variant is passed to
 * {@link #exception(String, Map)}.
 */
public enum S3Error {
    ACCESS_DENIED(403, "AccessDenied", "Access Denied"),
    /** A CORS preflight the bucket's configuration does not allow. */
    ACCESS_FORBIDDEN(403, "AccessForbidden", "CORSResponse: This CORS request is not allowed."),
    BAD_REQUEST(400, "BadRequest", "Bad Request"),
    BAD_DIGEST(400, "BadDigest", "The Content-MD5 you specified did not match what we received."),
    BUCKET_ALREADY_EXISTS(409, "BucketAlreadyExists", "The requested bucket name is not available. The bucket"
            + " namespace is shared by all users of the system. Please select a different name and try again."),
    BUCKET_ALREADY_OWNED_BY_YOU(409, "BucketAlreadyOwnedByYou",
            "Your previous request to create the named bucket succeeded and you already own it."),
    BUCKET_NOT_EMPTY(409, "BucketNotEmpty", "The bucket you tried to delete is not empty"),
    CONDITIONAL_REQUEST_CONFLICT(409, "ConditionalRequestConflict",
            "The conditional request cannot succeed due to a conflicting operation against this resource."),
    ENTITY_TOO_LARGE(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"),
    ENTITY_TOO_SMALL(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size"),
    INCOMPLETE_BODY(400, "IncompleteBody",
            "You did not provide the number of bytes specified by the Content-Length HTTP header"),
    INTERNAL_ERROR(500, "InternalError", "We encountered an internal error. Please try again."),
    INVALID_ARGUMENT(400, "InvalidArgument", "Invalid Argument"),
    INVALID_BUCKET_NAME(400, "InvalidBucketName", "The specified bucket is not valid."),
    INVALID_DIGEST(400, "InvalidDigest", "The Content-MD5 you specified was invalid."),
    INVALID_PART(400, "InvalidPart", "One or more of the specified parts could not be found.  The part may not"
            + " have been uploaded, or the specified entity tag may not match the part's entity tag."),
    INVALID_PART_NUMBER(416, "InvalidPartNumber", "The requested partnumber is not satisfiable"),
    INVALID_PART_ORDER(400, "InvalidPartOrder",
            "The list of parts was not in ascending order. Parts must be ordered by part number."),
    INVALID_RANGE(416, "InvalidRange", "The requested range is not satisfiable"),
    INVALID_REQUEST(400, "InvalidRequest", "Invalid Request"),
    INVALID_STORAGE_CLASS(400, "InvalidStorageClass", "The storage class you specified is not valid"),
    INVALID_TAG(400, "InvalidTag", "The TagKey you have provided is invalid"),
    KEY_TOO_LONG(400, "KeyTooLongError", "Your key is too long"),
    MALFORMED_TRAILER(400, "MalformedTrailerError", "The request contained trailing data that was not"
            + " well-formed or did not conform to our published schema."),
    METADATA_TOO_LARGE(400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size"),
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed", "The specified method is not allowed against this resource."),
    NO_SUCH_BUCKET(404, "NoSuchBucket", "The specified bucket does not exist"),
    NO_SUCH_KEY(404, "NoSuchKey", "The specified key does not exist."),
    NO_SUCH_TAG_SET(404, "NoSuchTagSet", "The TagSet does not exist"),
    NO_SUCH_UPLOAD(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid,"
            + " or the upload may have been aborted or completed."),
    NO_SUCH_VERSION(404, "NoSuchVersion", "The specified version does not exist."),
    NOT_IMPLEMENTED(501, "NotImplemented", "A header you provided implies functionality that is not implemented"),
    PRECONDITION_FAILED(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"),
    SIGNATURE_DOES_NOT_MATCH(403, "SignatureDoesNotMatch", "The request signature we calculated does not match"
            + " the signature you provided. Check your key and signing method."),
    TOO_MANY_PARTS(400, "TooManyParts", "You have attempted to add more parts than the maximum of 10000 that"
            + " are allowed for this object."),
    X_AMZ_CONTENT_SHA256_MISMATCH(400, "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.");

    private final int status;
    private final String code;
    private final String message;

    S3Error(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    /** The code on the wire, for example {@code NoSuchKey}. */
    public String code() {
        return code;
    }

    /** S3's usual text for this code. */
    public String message() {
        return message;
    }

    /** This error with S3's usual message and the extra elements of its {@code <Error>} body. */
    public S3Exception exception(Map<String, Object> fields) {
        return new S3Exception(this, message, fields, Map.of());
    }

    /** This error with the given text (codes such as InvalidArgument have many). */
    public S3Exception exception(String message, Map<String, Object> fields) {
        return new S3Exception(this, requireNonNull(message, "message"), fields, Map.of());
    }

    public S3Exception exception() {
        return exception(Map.of());
    }
}

package dev.haneul.core.auth;

import static java.util.Objects.requireNonNull;

/**
 * Why a request's SigV4 authentication was refused: a {@link Kind} that knows the wire codes, and
 * the message for this request. The same failure is spelled differently per protocol (the
 * {@code query} protocol of IAM, STS, RDS and ElastiCache says {@code SignatureDoesNotMatch} with
 * 403, the {@code json} protocol of SSM or DynamoDB says {@code InvalidSignatureException} with
 * 400), so the kind carries both and the gateway picks by the target service's protocol.
 *
 * @param kind what went wrong
 * @param message the AWS-style message for this request (often with the offending values)
 */
public record SigV4Failure(Kind kind, String message) {

    public SigV4Failure {
        requireNonNull(kind, "kind");
        requireNonNull(message, "message");
    }

    /** Error code in the {@code query} (and {@code rest-xml}) protocol. */
    public String queryCode() {
        return kind.queryCode;
    }

    /** HTTP status in the {@code query} protocol. */
    public int queryStatus() {
        return kind.queryStatus;
    }

    /** Error code ({@code __type}) in the {@code json} and {@code rest-json} protocols. */
    public String jsonCode() {
        return kind.jsonCode;
    }

    /** HTTP status in the {@code json} protocol. */
    public int jsonStatus() {
        return kind.jsonStatus;
    }

    /**
     * The kinds of SigV4 failure, with their codes as real AWS sends them. Clock problems and
     * credential-scope problems are {@code SignatureDoesNotMatch} on the wire, like a wrong
     * signature; they are separate kinds here so callers and tests can tell them apart. The AWS
     * SDKs recognise the skew messages ("Signature expired", "Signature not yet current") and
     * correct their clock before retrying.
     */
    public enum Kind {

        /**
         * Neither an {@code Authorization} header nor {@code X-Amz-*} query authentication. JSON
         * services answer it with 400 (a recorded DynamoDB answer), query services with 403.
         */
        MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403,
                "MissingAuthenticationTokenException", 400, "Request is missing Authentication Token"),

        /** Authentication is present but malformed: missing parts, wrong algorithm, bad date. */
        INCOMPLETE_SIGNATURE("IncompleteSignature", 400, "IncompleteSignatureException", 400,
                "The request signature does not conform to AWS standards."),

        /** The access key id is not known. */
        INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403, "UnrecognizedClientException", 400,
                "The security token included in the request is invalid."),

        /** The signature is well-formed but not the one we calculate with the key's secret. */
        SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403, "InvalidSignatureException", 400,
                "The request signature we calculated does not match the signature you provided. Check your AWS"
                        + " Secret Access Key and signing method. Consult the service documentation for details."),

        /** The request time is older than the allowed skew, or a pre-signed URL has expired. */
        SIGNATURE_EXPIRED("SignatureDoesNotMatch", 403, "InvalidSignatureException", 400,
                "Signature expired"),

        /** The request time is further in the future than the allowed skew. */
        SIGNATURE_NOT_YET_CURRENT("SignatureDoesNotMatch", 403, "InvalidSignatureException", 400,
                "Signature not yet current"),

        /** The credential scope disagrees with the request: another date, or not {@code aws4_request}. */
        CREDENTIAL_SCOPE_MISMATCH("SignatureDoesNotMatch", 403, "InvalidSignatureException", 400,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");

        private final String queryCode;
        private final int queryStatus;
        private final String jsonCode;
        private final int jsonStatus;
        private final String defaultMessage;

        Kind(String queryCode, int queryStatus, String jsonCode, int jsonStatus, String defaultMessage) {
            this.queryCode = queryCode;
            this.queryStatus = queryStatus;
            this.jsonCode = jsonCode;
            this.jsonStatus = jsonStatus;
            this.defaultMessage = defaultMessage;
        }

        public String queryCode() {
            return queryCode;
        }

        public int queryStatus() {
            return queryStatus;
        }

        public String jsonCode() {
            return jsonCode;
        }

        public int jsonStatus() {
            return jsonStatus;
        }

        /** The generic AWS message for this kind; {@link SigV4Failure#message()} is usually more precise. */
        public String defaultMessage() {
            return defaultMessage;
        }

        /** This kind with its generic message. */
        public SigV4Failure failure() {
            return new SigV4Failure(this, defaultMessage);
        }

        /** This kind with a message for this request. */
        public SigV4Failure failure(String message) {
            return new SigV4Failure(this, message);
        }
    }
}

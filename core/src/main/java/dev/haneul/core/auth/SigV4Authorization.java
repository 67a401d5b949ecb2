package dev.haneul.core.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The SigV4 authentication data of one request, as {@link SigV4Parser} read it from the
 * {@code Authorization} header or the pre-signed {@code X-Amz-*} query parameters. Nothing here
 * is verified yet: it says who the request claims to be, which is all routing needs.
 *
 * @param accessKeyId the access key id, first element of the credential
 * @param date the credential-scope date, {@code yyyyMMdd} as sent
 * @param region the credential-scope region, e.g. {@code us-east-1}
 * @param service the credential-scope service (the signing name), e.g. {@code rds}
 * @param signedHeaders the {@code SignedHeaders} names, in the order sent
 * @param signature the hex signature as sent
 * @param amzDate the request time as sent: {@code X-Amz-Date} (header, or query when pre-signed),
 *     else the {@code Date} header
 * @param presigned whether authentication came from the query string
 * @param expires {@code X-Amz-Expires} of a pre-signed request, when sent
 * @param sessionToken {@code X-Amz-Security-Token} (header, or query when pre-signed), when sent
 */
public record SigV4Authorization(
        String accessKeyId,
        String date,
        String region,
        String service,
        List<String> signedHeaders,
        String signature,
        String amzDate,
        boolean presigned,
        Optional<Duration> expires,
        Optional<String> sessionToken) {

    /** The only algorithm supported (SigV4a's {@code AWS4-ECDSA-P256-SHA256} is not). */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The fixed last element of every credential scope. */
    public static final String TERMINATOR = "aws4_request";

    public SigV4Authorization {
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(date, "date");
        requireNonNull(region, "region");
        requireNonNull(service, "service");
        signedHeaders = List.copyOf(requireNonNull(signedHeaders, "signedHeaders"));
        requireNonNull(signature, "signature");
        requireNonNull(amzDate, "amzDate");
        requireNonNull(expires, "expires");
        requireNonNull(sessionToken, "sessionToken");
    }

    /** {@code date/region/service/aws4_request}, the third line of the string to sign. */
    public String credentialScope() {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    @Override
    public String toString() {
        // The session token is a credential: never print it.
        return "SigV4Authorization[" + accessKeyId + '/' + credentialScope() + ", signedHeaders=" + signedHeaders
                + ", amzDate=" + amzDate + ", presigned=" + presigned + ", expires=" + expires
                + ", sessionToken=" + (sessionToken.isPresent() ? "<present>" : "<none>") + ']';
    }
}

package dev.haneul.core.auth;

import static java.util.Objects.requireNonNull;

/**
 * The signature chain of a signed aws-chunked body. Chunk {@code n}'s string to sign is
 *
 * <pre>
 * AWS4-HMAC-SHA256-PAYLOAD
 * &lt;x-amz-date&gt;
 * &lt;credential scope&gt;
 * &lt;signature of chunk n-1 (chunk 1: the request's seed signature)&gt;
 * e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855   (SHA-256 of nothing)
 * &lt;hex SHA-256 of chunk n's data&gt;
 * </pre>
 *
 * signed with the request's SigV4 signing key; the final, empty chunk is signed the same way, and
 * the trailing headers, when there are any, with {@code AWS4-HMAC-SHA256-TRAILER}, the last chunk's
 * signature and the hex SHA-256 of the trailers as {@code name:value\n} lines. Chaining makes the
 * chunks tamper-evident and their order fixed.
 *
 * @param key the request's signing key (its scope is the credential scope)
 * @param amzDate the request's {@code x-amz-date}, basic format
 * @param seedSignature the signature of the request's {@code Authorization} header, already verified
 */
public record ChunkSignatures(SigV4SigningKey key, String amzDate, String seedSignature) {

    /** The hex SHA-256 of no bytes: the empty chunk's data hash. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public ChunkSignatures {
        requireNonNull(key, "key");
        requireNonNull(amzDate, "amzDate");
        requireNonNull(seedSignature, "seedSignature");
    }

    /** The signature of a chunk whose data hashes to {@code dataSha256Hex}, after {@code previous}. */
    public String chunk(String previous, String dataSha256Hex) {
        return key.sign("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + '\n' + key.scope() + '\n' + previous + '\n'
                + EMPTY_SHA256 + '\n' + dataSha256Hex);
    }

    /** The signature of trailing headers whose canonical text hashes to {@code trailerSha256Hex}. */
    public String trailer(String previous, String trailerSha256Hex) {
        return key.sign("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + '\n' + key.scope() + '\n' + previous + '\n'
                + trailerSha256Hex);
    }
}

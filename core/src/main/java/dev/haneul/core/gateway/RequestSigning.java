package dev.haneul.core.gateway;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.auth.ChunkSignatures;
import java.util.Optional;

/**
 * Reads, and when configured verifies, request signatures. The gateway asks for the credential
 * scope on every request (it picks the service and region); verification only runs in
 * {@code HANEUL_AUTH=sigv4} mode.
 */
public interface RequestSigning {

    /**
     * The credential scope of the request, from its {@code Authorization} header or pre-signed
     * query parameters; empty when the request carries none or it cannot be parsed (verification,
     * when enabled, reports that).
     */
    Optional<SigningScope> scope(ApiRequest request);

    /**
     * Checks that the request carries SigV4 authentication at all (an {@code Authorization}
     * header or pre-signed {@code X-Amz-*} query parameters) and that it is well-formed, without
     * checking the signature: every AWS client sends it, while a web page cannot add it to a
     * request to another site.
     *
     * @param json whether to answer with the json protocol's error codes rather than query's
     * @throws AwsServiceException {@code MissingAuthenticationToken} (query) /
     *     {@code MissingAuthenticationTokenException} (json), or the protocol's code for a malformed one
     */
    void requireAuthentication(ApiRequest request, boolean json);

    /**
     * Verifies the signature.
     *
     * @param json whether to answer with the json protocol's error codes rather than query's
     * @throws AwsServiceException with the protocol's authentication error code
     */
    void verify(ApiRequest request, boolean json);

    /**
     * For a request {@link #verify} accepted whose body is signed chunk by chunk (S3's
     * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}), the chain the body's chunks must
     * match; empty for every other request.
     */
    default Optional<ChunkSignatures> chunkSignatures(ApiRequest request) {
        return Optional.empty();
    }

    /** Whether {@link #verify} should be called at all. */
    boolean enabled();
}

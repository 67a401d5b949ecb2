package dev.haneul.core.protocol;

import dev.haneul.core.api.AwsServiceException;
import java.util.Map;

/**
 * One service's wire protocol, built once per model at start-up (routes and names precomputed):
 * reads the operation and input of a request, writes an output or an error in the protocol's
 * envelope. Codecs hold no per-request state and are safe for concurrent use.
 *
 * <pre>
 *  WireRequest ─decode─▶ operation + input value tree ─▶ (validate, provider) ─▶ output value tree
 *                                                                                 │ encode
 *  AwsServiceException ────────────────────────────────────────── encodeError ──▶ WireResponse
 * </pre>
 *
 * @see ProtocolCodecs#forModel
 */
public interface ProtocolCodec {

    Protocol protocol();

    ServiceModel model();

    /**
     * The operation {@code request} names and its input.
     *
     * @throws AwsServiceException when the request names no operation of the service, or is not of
     *     the protocol's form (the protocol's own error codes)
     * @throws ProtocolException when a value does not fit its member (the service words it, see
     *     {@code ValidationStyle})
     */
    DecodedRequest decode(WireRequest request);

    /** The success response of {@code operation} carrying {@code output}. */
    WireResponse encode(OperationModel operation, Map<String, Object> output, String requestId);

    /** {@code error} in the protocol's error envelope. */
    WireResponse encodeError(AwsServiceException error, String requestId);
}

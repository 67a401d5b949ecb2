package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.auth.ChunkSignatures;
import dev.haneul.core.protocol.DecodedRequest;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.Protocol;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One API call as the {@link ApiInterceptor}s see it: the request as received, the service it
 * is for and the protocol it speaks, its SigV4 credential scope, and — from
 * {@link ApiInterceptor#beforeInvoke} on — the decoded operation and input.
 */
public final class ApiCall {

    private final ApiRequest request;
    private final ServiceProvider provider;
    private final Protocol protocol;
    private final Optional<SigningScope> scope;
    private @Nullable DecodedRequest decoded;
    private @Nullable ChunkSignatures chunkSignatures;

    ApiCall(ApiRequest request, ServiceProvider provider, Protocol protocol, Optional<SigningScope> scope) {
        this.request = requireNonNull(request, "request");
        this.provider = requireNonNull(provider, "provider");
        this.protocol = requireNonNull(protocol, "protocol");
        this.scope = requireNonNull(scope, "scope");
    }

    public ApiRequest request() {
        return request;
    }

    public ServiceProvider provider() {
        return provider;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The credential scope of the request's signature (access key, region, service). */
    public Optional<SigningScope> scope() {
        return scope;
    }

    /**
     * The operation called.
     *
     * @throws IllegalStateException before the request is decoded ({@link ApiInterceptor#beforeDecode})
     */
    public OperationModel operation() {
        return decoded().operation();
    }

    /** The validated input value tree; the same rule as {@link #operation()}. */
    public Map<String, Object> input() {
        return decoded().input();
    }

    /**
     * Set by the interceptor that verified the request's signature, when the body's chunks are
     * signed ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}, see
     * {@code SigV4Verifier.chunkSignatures}): the chain every chunk must
     * continue, checked as the codec reads the body.
     */
    public void chunkSignatures(ChunkSignatures chain) {
        this.chunkSignatures = requireNonNull(chain, "chain");
    }

    /** The chain of {@link #chunkSignatures(ChunkSignatures)}; empty when the chunks are not to be checked. */
    public Optional<ChunkSignatures> chunkSignatures() {
        return Optional.ofNullable(chunkSignatures);
    }

    void decoded(DecodedRequest decoded) {
        this.decoded = requireNonNull(decoded, "decoded");
    }

    private DecodedRequest decoded() {
        if (decoded == null) {
            throw new IllegalStateException("the operation of request " + request.requestId() + " is not decoded yet");
        }
        return decoded;
    }
}

package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.DeniedItems;
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
 * is for and the protocol it speaks, its SigV4 credential scope (none for an anonymous call), and
 * — from {@link ApiInterceptor#beforeInvoke} on — the decoded operation and input.
 */
public final class ApiCall {

    private final ApiRequest request;
    private final ServiceProvider provider;
    private final Protocol protocol;
    private final Optional<SigningScope> scope;
    private @Nullable DecodedRequest decoded;
    private final boolean anonymous;
    private boolean anonymousAllowed;
    private @Nullable ChunkSignatures chunkSignatures;
    private DeniedItems deniedItems = DeniedItems.NONE;

    ApiCall(ApiRequest request, ServiceProvider provider, Protocol protocol, Optional<SigningScope> scope,
            boolean anonymous) {
        this.request = requireNonNull(request, "request");
        this.provider = requireNonNull(provider, "provider");
        this.protocol = requireNonNull(protocol, "protocol");
        this.scope = requireNonNull(scope, "scope");
        this.anonymous = anonymous;
    }

    /**
     * Whether the request carries no authentication at all, to a service that takes such calls as
     * the anonymous principal's ({@link ServiceProvider#acceptsAnonymous()}): nothing to verify,
     * and only what a resource policy grants everyone may be done.
     */
    public boolean anonymous() {
        return anonymous;
    }

    /**
     * Called by the authorization step that decided an {@link #anonymous()} call may go on. The
     * dispatcher refuses an anonymous call no step allowed, so a gateway without an authorization
     * step never lets one through.
     */
    public void allowAnonymous() {
        this.anonymousAllowed = true;
    }

    boolean anonymousAllowed() {
        return anonymousAllowed;
    }

    /** Set by the authorization step: the items of a batch the caller may not act on. */
    public void deniedItems(DeniedItems denied) {
        this.deniedItems = requireNonNull(denied, "denied");
    }

    /** The items of {@link #deniedItems(DeniedItems)}; {@link DeniedItems#NONE} unless set. */
    public DeniedItems deniedItems() {
        return deniedItems;
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

package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ErrorType;
import dev.haneul.core.auth.ChunkSignatures;
import dev.haneul.core.auth.SigV4Exception;
import dev.haneul.core.auth.SigV4Failure;
import dev.haneul.core.auth.SigV4Parser;
import dev.haneul.core.auth.SigV4Result;
import dev.haneul.core.auth.SigV4Verifier;
import dev.haneul.core.auth.SignableRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RequestSigning} with AWS Signature Version 4: the credential scope is read from every
 * request; with verification enabled the signature is checked against the configured secrets and
 * a failure is answered with the caller's protocol's error code (for example
 * {@code SignatureDoesNotMatch}/403 for query services, {@code InvalidSignatureException}/400 for
 * json ones).
 */
public final class SigV4Signing implements RequestSigning {

    private static final Logger log = LoggerFactory.getLogger(SigV4Signing.class);

    private final SigV4Verifier verifier;
    private final boolean enabled;

    public SigV4Signing(Map<String, String> secrets, Clock clock, boolean enabled) {
        Map<String, String> copy = Map.copyOf(requireNonNull(secrets, "secrets"));
        this.verifier = SigV4Verifier.builder(key -> Optional.ofNullable(copy.get(key)), requireNonNull(clock, "clock")).build();
        this.enabled = enabled;
    }

    @Override
    public Optional<SigningScope> scope(ApiRequest request) {
        try {
            return SigV4Parser.parse(signable(request))
                    .map(a -> new SigningScope(a.accessKeyId(), a.region(), a.service()));
        } catch (SigV4Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public void requireAuthentication(ApiRequest request, boolean json) {
        SigV4Failure failure;
        try {
            if (SigV4Parser.parse(signable(request)).isPresent()) {
                return;
            }
            failure = SigV4Failure.Kind.MISSING_AUTHENTICATION_TOKEN.failure();
        } catch (SigV4Exception e) {
            failure = e.failure();
        }
        log.debug("gateway - request {} refused: {}", request.requestId(), failure.message());
        throw error(failure, json);
    }

    @Override
    public void verify(ApiRequest request, boolean json) {
        SigV4Result result = request.streamed() ? verifier.verifyDeferredPayload(signable(request))
                : verifier.verify(signable(request));
        if (result instanceof SigV4Result.Rejected rejected) {
            SigV4Failure failure = rejected.failure();
            log.debug("gateway - request {} rejected: {} ({})", request.requestId(), failure.message(),
                    rejected.diagnostics());
            throw error(failure, json);
        }
    }

    @Override
    public Optional<ChunkSignatures> chunkSignatures(ApiRequest request) {
        return verifier.chunkSignatures(signable(request));
    }

    private static AwsServiceException error(SigV4Failure failure, boolean json) {
        ErrorType type = json
                ? new ErrorType(ErrorType.COMMON, failure.jsonCode(), failure.jsonStatus(), true)
                : new ErrorType(ErrorType.COMMON, failure.queryCode(), failure.queryStatus(), true);
        return type.error(failure.message());
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    private static SignableRequest signable(ApiRequest request) {
        String target = request.rawQuery().isEmpty() ? request.rawPath() : request.rawPath() + "?" + request.rawQuery();
        return SignableRequest.of(request.method(), target, request.headers(), request.body());
    }
}

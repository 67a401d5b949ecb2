package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsRegions;
import dev.haneul.core.api.CommonErrors;

/**
 * The chain's authentication step: with {@code HANEUL_AUTH=sigv4} the signature must verify
 * against the caller's secret, and in every mode the credential scope must name a region AWS
 * serves. A made-up region (say {@code xx-fake-9}) would fail in DNS before reaching AWS;
 * Haneul answers what AWS says to a credential scope its endpoint does not serve. The
 * configured default region is accepted whatever it is. A verified request whose body's chunks
 * are signed gets their chain ({@link ApiCall#chunkSignatures()}). An anonymous call has nothing
 * to verify: authorization decides what it may do.
 */
public final class SignatureVerification implements ApiInterceptor {

    private final RequestSigning signing;
    private final String defaultRegion;

    public SignatureVerification(RequestSigning signing, String defaultRegion) {
        this.signing = requireNonNull(signing, "signing");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion");
    }

    @Override
    public void beforeDecode(ApiCall call) {
        boolean json = call.protocol().jsonFamily();
        if (signing.enabled() && !call.anonymous()) {
            signing.verify(call.request(), json);
            signing.chunkSignatures(call.request()).ifPresent(call::chunkSignatures);
        }
        call.scope().ifPresent(scope -> {
            String region = scope.region();
            if (!AwsRegions.isKnown(region) && !region.equals(defaultRegion)) {
                String message = "Credential should be scoped to a valid region, not '" + region + "'.";
                throw (json ? CommonErrors.INVALID_SIGNATURE : CommonErrors.SIGNATURE_DOES_NOT_MATCH).error(message);
            }
        });
    }
}

package dev.haneul.core.auth;

import static java.util.Objects.requireNonNull;

/**
 * The parts of SigV4 that each service decides for itself: how the canonical URI is made from the
 * path, and what a pre-signed URL uses as payload hash. Signer and verifier must agree on them, so
 * both take the same value, by default {@link #forService(String) chosen by signing name}.
 *
 * <p>The trap is the path. Every service but S3 normalizes the path (drops empty and {@code .}
 * segments, resolves {@code ..}) and then percent-encodes the path <em>as sent</em> a second time:
 * {@code /a%20b} is signed as {@code /a%2520b}. S3 does neither, because {@code //} and {@code ..}
 * are legal inside object keys; it signs the path encoded exactly once.
 */
public enum SigningRules {

    /** Every AWS service except S3: normalized path, encoded twice; pre-signed payloads are hashed. */
    STANDARD(true, true, false),

    /**
     * {@link #STANDARD} without path normalization: the path as sent, encoded twice. This is the
     * {@code normalize: false} variant of the aws-c-auth test suite; no AWS service needs it.
     */
    STANDARD_UNNORMALIZED(false, true, false),

    /** S3: the path encoded once and not normalized; pre-signed URLs sign {@code UNSIGNED-PAYLOAD}. */
    S3(false, false, true);

    private final boolean normalizePath;
    private final boolean doubleEncodePath;
    private final boolean unsignedPresignedPayload;

    SigningRules(boolean normalizePath, boolean doubleEncodePath, boolean unsignedPresignedPayload) {
        this.normalizePath = normalizePath;
        this.doubleEncodePath = doubleEncodePath;
        this.unsignedPresignedPayload = unsignedPresignedPayload;
    }

    /** The rules for a credential-scope service name, e.g. {@code rds} or {@code s3}. */
    public static SigningRules forService(String service) {
        requireNonNull(service, "service");
        return switch (service) {
            case "s3", "s3-object-lambda", "s3express" -> S3;
            default -> STANDARD;
        };
    }

    boolean normalizePath() {
        return normalizePath;
    }

    boolean doubleEncodePath() {
        return doubleEncodePath;
    }

    boolean unsignedPresignedPayload() {
        return unsignedPresignedPayload;
    }
}

package dev.haneul.core.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What {@link SigV4Verifier#verify} decided: the request is {@link Verified} or {@link Rejected}. */
public sealed interface SigV4Result {

    /** The verified identity, or a {@link SigV4Exception} carrying the failure. */
    Verified orElseThrow();

    /**
     * The signature is valid for the access key's secret and the request is within its time window.
     *
     * @param authorization everything the request's authentication said, now proven
     * @param signedAt the request time the signature covers
     */
    record Verified(SigV4Authorization authorization, Instant signedAt) implements SigV4Result {

        public Verified {
            requireNonNull(authorization, "authorization");
            requireNonNull(signedAt, "signedAt");
        }

        public String accessKeyId() {
            return authorization.accessKeyId();
        }

        public String region() {
            return authorization.region();
        }

        public String service() {
            return authorization.service();
        }

        @Override
        public Verified orElseThrow() {
            return this;
        }
    }

    /**
     * The request must be answered with {@code failure}.
     *
     * @param failure what to tell the client
     * @param diagnostics for our logs only, never for the response: the canonical request and
     *     string to sign we computed when the signature did not match, else empty
     */
    record Rejected(SigV4Failure failure, String diagnostics) implements SigV4Result {

        public Rejected {
            requireNonNull(failure, "failure");
            requireNonNull(diagnostics, "diagnostics");
        }

        Rejected(SigV4Failure failure) {
            this(failure, "");
        }

        @Override
        public Verified orElseThrow() {
            throw new SigV4Exception(failure);
        }
    }
}

package dev.haneul.core.auth;

import static dev.haneul.core.auth.SigV4Failure.Kind.CREDENTIAL_SCOPE_MISMATCH;
import static dev.haneul.core.auth.SigV4Failure.Kind.INCOMPLETE_SIGNATURE;
import static dev.haneul.core.auth.SigV4Failure.Kind.INVALID_CLIENT_TOKEN_ID;
import static dev.haneul.core.auth.SigV4Failure.Kind.MISSING_AUTHENTICATION_TOKEN;
import static dev.haneul.core.auth.SigV4Failure.Kind.SIGNATURE_DOES_NOT_MATCH;
import static dev.haneul.core.auth.SigV4Failure.Kind.SIGNATURE_EXPIRED;
import static dev.haneul.core.auth.SigV4Failure.Kind.SIGNATURE_NOT_YET_CURRENT;
import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies SigV4-signed requests, header-signed and pre-signed, the way AWS does, in this order:
 *
 * <ol>
 *   <li>{@linkplain SigV4Parser#parse parse}: none at all is {@code MissingAuthenticationToken},
 *       malformed is {@code IncompleteSignature};
 *   <li>the request time ({@code X-Amz-Date}, else {@code Date}) must parse, and its day must be
 *       the credential-scope date;
 *   <li>the clock: a header-signed request must be within {@linkplain Builder#maxClockSkew the skew}
 *       (5 minutes) of now, either way; a pre-signed one must not be dated more than the skew in
 *       the future, and {@code X-Amz-Date + X-Amz-Expires} must not have passed, with
 *       {@code X-Amz-Expires} in 1..604800 (a pre-signed request without {@code X-Amz-Expires}
 *       gets the header rule);
 *   <li>the access key must be known ({@code InvalidClientTokenId});
 *   <li>the signature, compared in constant time ({@code SignatureDoesNotMatch}).
 * </ol>
 *
 * <p>The payload hash is always computed from the body, never taken from the client: a request
 * may declare {@code x-amz-content-sha256}, and its value is then part of the signed headers, but
 * the last line of the canonical request is our hash of the bytes we received, so a changed body
 * fails the signature even though the declared hash was signed. Only the literal
 * {@code UNSIGNED-PAYLOAD} and the {@code STREAMING-*} markers are taken as declared, as AWS does;
 * for streaming uploads this verifies the seed signature, and {@link #chunkSignatures} gives the
 * chain the body's decoder checks every chunk against.
 *
 * <p>Pre-signed requests with a session token: some signers (IoT's, or aws-c-auth with
 * {@code omit_session_token}) append {@code X-Amz-Security-Token} after signing, so when a
 * pre-signed request with a token does not verify, it is checked once more with the token left
 * out of the canonical query. The token is not validated here either way.
 *
 * <p>Thread-safe and cheap to share; it keeps no state but its configuration.
 */
public final class SigV4Verifier {

    /** AWS's tolerance between the request time and the server clock. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** The longest {@code X-Amz-Expires}: seven days. */
    public static final long MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

    /** The {@code x-amz-content-sha256} values of bodies whose chunks are signed. */
    private static final Set<String> SIGNED_CHUNKS = Set.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");

    private static final Set<String> EXCLUDED_WHEN_PRESIGNED = Set.of(SigV4Parser.X_AMZ_SIGNATURE);
    private static final Set<String> EXCLUDED_WHEN_TOKEN_ADDED_LATER =
            Set.of(SigV4Parser.X_AMZ_SIGNATURE, SigV4Parser.X_AMZ_SECURITY_TOKEN);

    private final Function<String, Optional<String>> secretLookup;
    private final Clock clock;
    private final Function<String, SigningRules> rulesByService;
    private final Duration maxClockSkew;

    private SigV4Verifier(Builder builder) {
        this.secretLookup = builder.secretLookup;
        this.clock = builder.clock;
        this.rulesByService = builder.rulesByService;
        this.maxClockSkew = builder.maxClockSkew;
    }

    /**
     * A verifier builder.
     *
     * @param secretLookup the secret access key of an access key id, empty when unknown; called
     *     once per request that gets that far, on the caller's thread
     * @param clock the server's clock
     */
    public static Builder builder(Function<String, Optional<String>> secretLookup, Clock clock) {
        return new Builder(secretLookup, clock);
    }

    /**
     * Verifies a request whose body is still arriving (a streamed upload): a hex
     * {@code x-amz-content-sha256} is taken as declared, and the caller checks the body against it
     * as it is read.
     */
    public SigV4Result verifyDeferredPayload(SignableRequest request) {
        return verify(request, true);
    }

    /** Verifies {@code request}; never throws for anything the client sent. */
    public SigV4Result verify(SignableRequest request) {
        return verify(request, false);
    }

    private SigV4Result verify(SignableRequest request, boolean payloadDeferred) {
        requireNonNull(request, "request");
        Optional<SigV4Authorization> parsed;
        try {
            parsed = SigV4Parser.parse(request);
        } catch (SigV4Exception e) {
            return new SigV4Result.Rejected(e.failure());
        }
        if (parsed.isEmpty()) {
            return new SigV4Result.Rejected(MISSING_AUTHENTICATION_TOKEN.failure());
        }
        SigV4Authorization auth = parsed.get();

        Optional<Instant> parsedTime = AmzDates.parse(auth.amzDate());
        if (parsedTime.isEmpty()) {
            return new SigV4Result.Rejected(INCOMPLETE_SIGNATURE.failure("Date must be in ISO-8601 'basic format'."
                    + " Got '" + auth.amzDate() + "'. See http://en.wikipedia.org/wiki/ISO_8601"));
        }
        Instant signedAt = parsedTime.get();
        String amzDate = AmzDates.format(signedAt);
        if (!amzDate.startsWith(auth.date())) {
            return new SigV4Result.Rejected(CREDENTIAL_SCOPE_MISMATCH.failure("Date in Credential scope does not"
                    + " match YYYYMMDD from ISO-8601 version of date from HTTP: '" + auth.date() + "' != '"
                    + amzDate.substring(0, 8) + "', from '" + amzDate + "'."));
        }
        Optional<SigV4Failure> timeFailure = checkTime(auth, signedAt, amzDate);
        if (timeFailure.isPresent()) {
            return new SigV4Result.Rejected(timeFailure.get());
        }

        Optional<String> secret = requireNonNull(secretLookup.apply(auth.accessKeyId()), "secretLookup result");
        if (secret.isEmpty()) {
            return new SigV4Result.Rejected(INVALID_CLIENT_TOKEN_ID.failure());
        }

        SigningRules rules = requireNonNull(rulesByService.apply(auth.service()), "rulesByService result");
        String payloadHash = payloadHash(request, auth.presigned(), rules, payloadDeferred);
        SigV4Computation computed = compute(request, auth, rules, amzDate, secret.get(), payloadHash,
                auth.presigned() ? EXCLUDED_WHEN_PRESIGNED : Set.of());
        if (SigV4Crypto.sameSignature(computed.signature(), auth.signature())) {
            return new SigV4Result.Verified(auth, signedAt);
        }
        if (auth.presigned() && auth.sessionToken().isPresent()) {
            SigV4Computation withoutToken = compute(request, auth, rules, amzDate, secret.get(), payloadHash,
                    EXCLUDED_WHEN_TOKEN_ADDED_LATER);
            if (SigV4Crypto.sameSignature(withoutToken.signature(), auth.signature())) {
                return new SigV4Result.Verified(auth, signedAt);
            }
        }
        return new SigV4Result.Rejected(SIGNATURE_DOES_NOT_MATCH.failure(), computed.describe());
    }

    /**
     * The chain that signs the chunks of {@code request}'s body, for a request whose
     * {@code x-amz-content-sha256} announces signed chunks ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD},
     * with or without {@code -TRAILER}); empty for any other request. Call it only once
     * {@link #verify} (or {@link #verifyDeferredPayload}) has verified the request: the request's
     * signature is the chain's seed.
     */
    public Optional<ChunkSignatures> chunkSignatures(SignableRequest request) {
        requireNonNull(request, "request");
        Optional<String> declared = request.firstHeader(CanonicalRequest.X_AMZ_CONTENT_SHA256).map(String::strip);
        if (declared.isEmpty() || !SIGNED_CHUNKS.contains(declared.get())) {
            return Optional.empty();
        }
        Optional<SigV4Authorization> parsed;
        try {
            parsed = SigV4Parser.parse(request);
        } catch (SigV4Exception e) {
            return Optional.empty();
        }
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        SigV4Authorization auth = parsed.get();
        Optional<String> amzDate = AmzDates.parse(auth.amzDate()).map(AmzDates::format);
        Optional<String> secret = requireNonNull(secretLookup.apply(auth.accessKeyId()), "secretLookup result");
        if (amzDate.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChunkSignatures(SigV4SigningKey.derive(secret.get(), auth.date(), auth.region(),
                auth.service()), amzDate.get(), auth.signature()));
    }

    private Optional<SigV4Failure> checkTime(SigV4Authorization auth, Instant signedAt, String amzDate) {
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(maxClockSkew))) {
            return Optional.of(SIGNATURE_NOT_YET_CURRENT.failure("Signature not yet current: " + amzDate
                    + " is still later than " + AmzDates.format(now.plus(maxClockSkew)) + " (" + AmzDates.format(now)
                    + " + " + AmzDates.describe(maxClockSkew) + ".)"));
        }
        Duration window = maxClockSkew;
        if (auth.presigned() && auth.expires().isPresent()) {
            window = auth.expires().get();
            if (window.isNegative() || window.isZero()) {
                return Optional.of(INCOMPLETE_SIGNATURE.failure("X-Amz-Expires must be a positive number of seconds,"
                        + " got '" + window.toSeconds() + "'"));
            }
            if (window.toSeconds() > MAX_PRESIGNED_EXPIRES_SECONDS) {
                return Optional.of(INCOMPLETE_SIGNATURE.failure("X-Amz-Expires must be less than a week (in seconds)"
                        + " that is; the given X-Amz-Expires must be less than " + MAX_PRESIGNED_EXPIRES_SECONDS
                        + " seconds"));
            }
        }
        if (signedAt.isBefore(now.minus(window))) {
            return Optional.of(SIGNATURE_EXPIRED.failure("Signature expired: " + amzDate + " is now earlier than "
                    + AmzDates.format(now.minus(window)) + " (" + AmzDates.format(now) + " - "
                    + AmzDates.describe(window) + ".)"));
        }
        return Optional.empty();
    }

    /** See the class comment: the body's own hash unless the client declared an unsigned payload. */
    private static String payloadHash(SignableRequest request, boolean presigned, SigningRules rules,
                                      boolean payloadDeferred) {
        Optional<String> declared = request.firstHeader(CanonicalRequest.X_AMZ_CONTENT_SHA256).map(String::strip);
        if (declared.isPresent()) {
            String value = declared.get();
            if (value.equals(CanonicalRequest.UNSIGNED_PAYLOAD) || value.startsWith("STREAMING-") || payloadDeferred) {
                return value;
            }
        } else if (presigned && rules.unsignedPresignedPayload()) {
            return CanonicalRequest.UNSIGNED_PAYLOAD;
        }
        return SigV4Crypto.sha256Hex(request.body());
    }

    private static SigV4Computation compute(SignableRequest request, SigV4Authorization auth, SigningRules rules,
            String amzDate, String secret, String payloadHash, Set<String> excludedQuery) {
        String canonical = CanonicalRequest.build(request, rules, auth.signedHeaders(), excludedQuery, payloadHash);
        return SigV4Computation.compute(canonical, amzDate, auth.date(), auth.region(), auth.service(), secret);
    }

    /** Configures a {@link SigV4Verifier}; only the secret lookup and the clock are required. */
    public static final class Builder {

        private final Function<String, Optional<String>> secretLookup;
        private final Clock clock;
        private Function<String, SigningRules> rulesByService = SigningRules::forService;
        private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;

        private Builder(Function<String, Optional<String>> secretLookup, Clock clock) {
            this.secretLookup = requireNonNull(secretLookup, "secretLookup");
            this.clock = requireNonNull(clock, "clock");
        }

        /** How each credential-scope service canonicalizes; default {@link SigningRules#forService}. */
        public Builder rules(Function<String, SigningRules> rulesByService) {
            this.rulesByService = requireNonNull(rulesByService, "rulesByService");
            return this;
        }

        /** The tolerated difference between request time and clock; default 5 minutes (STS uses 15). */
        public Builder maxClockSkew(Duration maxClockSkew) {
            requireNonNull(maxClockSkew, "maxClockSkew");
            if (maxClockSkew.isNegative() || maxClockSkew.toSeconds() == 0) {
                throw new IllegalArgumentException("maxClockSkew: " + maxClockSkew + " (expected: >= 1 second)");
            }
            this.maxClockSkew = maxClockSkew;
            return this;
        }

        public SigV4Verifier build() {
            return new SigV4Verifier(this);
        }
    }
}

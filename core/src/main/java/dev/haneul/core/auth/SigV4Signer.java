package dev.haneul.core.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Client-side SigV4: signs a {@link SignableRequest} with the {@code Authorization} header
 * ({@link #sign}) or pre-signs it with query parameters ({@link #presign}), with the signatures the
 * AWS SDKs compute for the same request (checked against both public SigV4 test suites), so our
 * own tests and tools can talk to Haneul, or to AWS, like a real client. For one-off use there is {@link #sign(SignableRequest, String, String, String, String, Instant)}.
 *
 * <p>What gets signed: every header present (names lower-cased, sorted, repeated names once)
 * except those a proxy may legitimately add or change ({@code user-agent}, {@code expect},
 * {@code transfer-encoding}, {@code connection}, {@code x-amzn-trace-id}; the AWS SDKs leave them
 * out too). The request must already carry {@code Host}. {@link #sign} replaces any
 * {@code Authorization} and {@code X-Amz-Date} and adds {@code X-Amz-Security-Token} (signed, unless
 * {@link Builder#sessionTokenSigned configured otherwise}) and, depending on {@link Payload},
 * {@code x-amz-content-sha256}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SigV4Signer {

    /** How the body enters the signature. */
    public enum Payload {
        /** The body's SHA-256 is the last line of the canonical request; no extra header. Most services. */
        HASHED,
        /** As {@link #HASHED}, and the hash is also sent (and signed) as {@code x-amz-content-sha256}. S3. */
        HASHED_WITH_HEADER,
        /** {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}: the body is not covered. S3 only. */
        UNSIGNED
    }

    /** Headers the AWS SDKs never sign, because intermediaries add or rewrite them. */
    static final Set<String> UNSIGNED_HEADERS =
            Set.of("authorization", "connection", "expect", "transfer-encoding", "user-agent", "x-amzn-trace-id");

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final String service;
    private final Optional<String> sessionToken;
    private final boolean sessionTokenSigned;
    private final SigningRules rules;
    private final Payload payload;

    private SigV4Signer(Builder builder) {
        this.accessKeyId = builder.accessKeyId;
        this.secretAccessKey = builder.secretAccessKey;
        this.region = builder.region;
        this.service = builder.service;
        this.sessionToken = builder.sessionToken;
        this.sessionTokenSigned = builder.sessionTokenSigned;
        this.rules = builder.rules != null ? builder.rules : SigningRules.forService(builder.service);
        this.payload = builder.payload;
    }

    /**
     * A signer builder.
     *
     * @param service the signing name, e.g. {@code rds}, {@code sts}, {@code s3}
     */
    public static Builder builder(String accessKeyId, String secretAccessKey, String region, String service) {
        return new Builder(accessKeyId, secretAccessKey, region, service);
    }

    /** Signs {@code request} with the {@code Authorization} header and default options. */
    public static SignableRequest sign(SignableRequest request, String accessKeyId, String secretAccessKey,
            String region, String service, Instant time) {
        return builder(accessKeyId, secretAccessKey, region, service).build().sign(request, time);
    }

    /** Returns {@code request} with {@code X-Amz-Date}, the optional extra headers and {@code Authorization}. */
    public SignableRequest sign(SignableRequest request, Instant time) {
        return signWithDetails(request, time).request();
    }

    /**
     * Returns {@code request} with the pre-signing query parameters appended; valid from
     * {@code time} for {@code expires} (1 second to 7 days).
     */
    public SignableRequest presign(SignableRequest request, Instant time, Duration expires) {
        return presignWithDetails(request, time, expires).request();
    }

    Signed signWithDetails(SignableRequest request, Instant time) {
        requireNonNull(request, "request");
        requireNonNull(time, "time");
        String amzDate = AmzDates.format(time);
        SignableRequest signing = request.withoutHeader("Authorization").withoutHeader(SigV4Parser.X_AMZ_DATE)
                .withHeader(SigV4Parser.X_AMZ_DATE, amzDate);
        if (sessionToken.isPresent()) {
            signing = signing.withoutHeader(SigV4Parser.X_AMZ_SECURITY_TOKEN);
            if (sessionTokenSigned) {
                signing = signing.withHeader(SigV4Parser.X_AMZ_SECURITY_TOKEN, sessionToken.get());
            }
        }
        String payloadHash = payload == Payload.UNSIGNED
                ? CanonicalRequest.UNSIGNED_PAYLOAD : SigV4Crypto.sha256Hex(request.body());
        if (payload != Payload.HASHED) {
            signing = signing.withoutHeader(CanonicalRequest.X_AMZ_CONTENT_SHA256)
                    .withHeader(CanonicalRequest.X_AMZ_CONTENT_SHA256, payloadHash);
        }
        List<String> signedHeaders = signedHeaders(signing);
        SigV4Computation computation = compute(signing, signedHeaders, amzDate, payloadHash);
        SignableRequest signed = signing.withHeader("Authorization", SigV4Authorization.ALGORITHM
                + " Credential=" + accessKeyId + '/' + scope(amzDate)
                + ", SignedHeaders=" + String.join(";", signedHeaders)
                + ", Signature=" + computation.signature());
        if (sessionToken.isPresent() && !sessionTokenSigned) {
            signed = signed.withHeader(SigV4Parser.X_AMZ_SECURITY_TOKEN, sessionToken.get());
        }
        return new Signed(signed, computation);
    }

    Signed presignWithDetails(SignableRequest request, Instant time, Duration expires) {
        requireNonNull(request, "request");
        requireNonNull(time, "time");
        requireNonNull(expires, "expires");
        if (expires.toSeconds() < 1 || expires.toSeconds() > SigV4Verifier.MAX_PRESIGNED_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("expires: " + expires + " (expected: 1 second to 7 days)");
        }
        String amzDate = AmzDates.format(time);
        SignableRequest signing = request.withoutHeader("Authorization");
        List<String> signedHeaders = signedHeaders(signing);
        StringBuilder query = new StringBuilder(withoutAuthParameters(request.rawQuery()));
        appendParameter(query, SigV4Parser.X_AMZ_ALGORITHM, SigV4Authorization.ALGORITHM);
        appendParameter(query, SigV4Parser.X_AMZ_CREDENTIAL, accessKeyId + '/' + scope(amzDate));
        appendParameter(query, SigV4Parser.X_AMZ_DATE, amzDate);
        appendParameter(query, SigV4Parser.X_AMZ_SIGNED_HEADERS, String.join(";", signedHeaders));
        appendParameter(query, SigV4Parser.X_AMZ_EXPIRES, Long.toString(expires.toSeconds()));
        if (sessionToken.isPresent() && sessionTokenSigned) {
            appendParameter(query, SigV4Parser.X_AMZ_SECURITY_TOKEN, sessionToken.get());
        }
        String payloadHash = payload == Payload.UNSIGNED || rules.unsignedPresignedPayload()
                ? CanonicalRequest.UNSIGNED_PAYLOAD : SigV4Crypto.sha256Hex(request.body());
        signing = signing.withRawQuery(query.toString());
        SigV4Computation computation = compute(signing, signedHeaders, amzDate, payloadHash);
        if (sessionToken.isPresent() && !sessionTokenSigned) {
            appendParameter(query, SigV4Parser.X_AMZ_SECURITY_TOKEN, sessionToken.get());
        }
        appendParameter(query, SigV4Parser.X_AMZ_SIGNATURE, computation.signature());
        return new Signed(signing.withRawQuery(query.toString()), computation);
    }

    private SigV4Computation compute(SignableRequest request, List<String> signedHeaders, String amzDate,
            String payloadHash) {
        String canonical = CanonicalRequest.build(request, rules, signedHeaders, Set.of(), payloadHash);
        return SigV4Computation.compute(canonical, amzDate, amzDate.substring(0, 8), region, service,
                secretAccessKey);
    }

    private String scope(String amzDate) {
        return amzDate.substring(0, 8) + '/' + region + '/' + service + '/' + SigV4Authorization.TERMINATOR;
    }

    private static List<String> signedHeaders(SignableRequest request) {
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!UNSIGNED_HEADERS.contains(name)) {
                names.add(name);
            }
        }
        if (!names.contains("host")) {
            throw new IllegalArgumentException("request: " + request + " (expected: a Host header)");
        }
        return new ArrayList<>(names);
    }

    /** The query without any {@code X-Amz-*} authentication parameter a previous signing left. */
    private static String withoutAuthParameters(String rawQuery) {
        if (!rawQuery.contains("X-Amz-")) {
            return rawQuery;
        }
        StringBuilder kept = new StringBuilder(rawQuery.length());
        for (String parameter : rawQuery.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!parameter.isEmpty() && !SigV4Parser.isQueryAuthParameter(name)) {
                if (!kept.isEmpty()) {
                    kept.append('&');
                }
                kept.append(parameter);
            }
        }
        return kept.toString();
    }

    private static void appendParameter(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(UriEncoder.encode(value, false));
    }

    /** A signed request and how its signature came about. */
    record Signed(SignableRequest request, SigV4Computation computation) {}

    /** Configures a {@link SigV4Signer}; credentials, region and service are required. */
    public static final class Builder {

        private final String accessKeyId;
        private final String secretAccessKey;
        private final String region;
        private final String service;
        private Optional<String> sessionToken = Optional.empty();
        private boolean sessionTokenSigned = true;
        private @Nullable SigningRules rules;
        private Payload payload = Payload.HASHED;

        private Builder(String accessKeyId, String secretAccessKey, String region, String service) {
            this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey");
            this.region = requireNonNull(region, "region");
            this.service = requireNonNull(service, "service");
        }

        /** The session token of temporary credentials, sent as {@code X-Amz-Security-Token}. */
        public Builder sessionToken(String sessionToken) {
            this.sessionToken = Optional.of(requireNonNull(sessionToken, "sessionToken"));
            return this;
        }

        /**
         * Whether the session token is part of the signature (default, what every SDK does) or
         * added after signing, as a few services expect.
         */
        public Builder sessionTokenSigned(boolean sessionTokenSigned) {
            this.sessionTokenSigned = sessionTokenSigned;
            return this;
        }

        /** Canonicalization rules; default {@link SigningRules#forService} of the service. */
        public Builder rules(SigningRules rules) {
            this.rules = requireNonNull(rules, "rules");
            return this;
        }

        /** How the body is signed; default {@link Payload#HASHED}. */
        public Builder payload(Payload payload) {
            this.payload = requireNonNull(payload, "payload");
            return this;
        }

        public SigV4Signer build() {
            return new SigV4Signer(this);
        }
    }
}

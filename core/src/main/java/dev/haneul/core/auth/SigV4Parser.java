package dev.haneul.core.auth;

import static dev.haneul.core.auth.SigV4Failure.Kind.CREDENTIAL_SCOPE_MISMATCH;
import static dev.haneul.core.auth.SigV4Failure.Kind.INCOMPLETE_SIGNATURE;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Reads who a request claims to be, without checking it. The gateway calls this on every request,
 * with or without {@code HANEUL_AUTH=sigv4}, because the credential scope
 * ({@code AKID/20240131/us-east-1/rds/aws4_request}) is how it routes: the fourth element names
 * the service, the third the region, the first the access key (hence the account).
 *
 * <p>Two places can carry authentication: the {@code Authorization} header
 * ({@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=a;b, Signature=hex}) or, for pre-signed
 * URLs, the {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
 * {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature} and
 * {@code X-Amz-Security-Token} query parameters. Both at once is refused, as AWS does.
 *
 * <p>Cheap by construction: one pass over the headers, the query is only split when it contains
 * {@code X-Amz-}, no regular expressions, no date parsing (the verifier does that). Malformed
 * input never escapes as anything but a {@link SigV4Exception}; its messages are the ones AWS
 * sends, e.g. {@code Authorization header requires 'Signature' parameter.} Unlike AWS we do not
 * echo the header back in the message.
 */
public final class SigV4Parser {

    static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
    static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
    static final String X_AMZ_DATE = "X-Amz-Date";
    static final String X_AMZ_EXPIRES = "X-Amz-Expires";
    static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";

    /** Query parameters of a pre-signed request, in the order AWS lists the missing ones. */
    private static final List<String> QUERY_AUTH_PARAMETERS = List.of(X_AMZ_ALGORITHM, X_AMZ_CREDENTIAL,
            X_AMZ_SIGNATURE, X_AMZ_SIGNED_HEADERS, X_AMZ_DATE, X_AMZ_EXPIRES, X_AMZ_SECURITY_TOKEN);

    private static final int ALGORITHM = 0;
    private static final int CREDENTIAL = 1;
    private static final int SIGNATURE = 2;
    private static final int SIGNED_HEADERS = 3;
    private static final int DATE = 4;
    private static final int EXPIRES = 5;
    private static final int SECURITY_TOKEN = 6;
    private static final int REQUIRED_QUERY_PARAMETERS = 5;

    private SigV4Parser() {}

    /**
     * The request's SigV4 authentication, or empty when it carries none at all.
     *
     * @throws SigV4Exception when authentication is present but malformed
     *     ({@link SigV4Failure.Kind#INCOMPLETE_SIGNATURE}, or
     *     {@link SigV4Failure.Kind#CREDENTIAL_SCOPE_MISMATCH} for a scope not ending in
     *     {@code aws4_request})
     */
    public static Optional<SigV4Authorization> parse(SignableRequest request) {
        requireNonNull(request, "request");
        String authorization = null;
        String amzDate = null;
        String date = null;
        String token = null;
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (authorization == null && name.equalsIgnoreCase("Authorization")) {
                authorization = header.getValue();
            } else if (amzDate == null && name.equalsIgnoreCase(X_AMZ_DATE)) {
                amzDate = header.getValue().strip();
            } else if (date == null && name.equalsIgnoreCase("Date")) {
                date = header.getValue().strip();
            } else if (token == null && name.equalsIgnoreCase(X_AMZ_SECURITY_TOKEN)) {
                token = header.getValue().strip();
            }
        }
        String[] query = queryAuthParameters(request.rawQuery());
        if (query != null) {
            if (authorization != null) {
                throw incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter,"
                        + " Signature query string parameter or the Authorization header should be specified");
            }
            return Optional.of(fromQuery(query));
        }
        if (authorization == null) {
            return Optional.empty();
        }
        return Optional.of(fromHeader(authorization, amzDate != null ? amzDate : date, token));
    }

    private static SigV4Authorization fromHeader(String authorization, @Nullable String amzDate,
            @Nullable String token) {
        String value = authorization.strip();
        int end = 0;
        while (end < value.length() && !isSeparator(value.charAt(end))) {
            end++;
        }
        String algorithm = value.substring(0, end);
        boolean supported = algorithm.equals(SigV4Authorization.ALGORITHM);
        if (!supported && algorithm.startsWith("AWS4-")) {
            throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        // Parameters are separated by commas and/or whitespace ("a=1, b=2", "a=1,b=2" and "a=1 b=2" all occur).
        // Anything that is not the algorithm, including a non-AWS scheme like "Bearer", just lacks parameters.
        int position = supported ? end : 0;
        while (position < value.length()) {
            while (position < value.length() && isSeparator(value.charAt(position))) {
                position++;
            }
            int tokenEnd = position;
            int equals = -1;
            while (tokenEnd < value.length() && !isSeparator(value.charAt(tokenEnd))) {
                if (equals < 0 && value.charAt(tokenEnd) == '=') {
                    equals = tokenEnd;
                }
                tokenEnd++;
            }
            if (equals > position) {
                String key = value.substring(position, equals);
                String parameter = value.substring(equals + 1, tokenEnd);
                switch (key) {
                    case "Credential" -> credential = credential == null ? parameter : credential;
                    case "SignedHeaders" -> signedHeaders = signedHeaders == null ? parameter : signedHeaders;
                    case "Signature" -> signature = signature == null ? parameter : signature;
                    default -> { } // Unknown parameters are ignored, as AWS does.
                }
            }
            position = tokenEnd;
        }
        StringJoiner missing = new StringJoiner(" ");
        if (isNullOrEmpty(credential)) {
            missing.add("Authorization header requires 'Credential' parameter.");
        }
        if (isNullOrEmpty(signature)) {
            missing.add("Authorization header requires 'Signature' parameter.");
        }
        if (isNullOrEmpty(signedHeaders)) {
            missing.add("Authorization header requires 'SignedHeaders' parameter.");
        }
        if (isNullOrEmpty(amzDate)) {
            missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (missing.length() > 0) {
            throw incomplete(missing.toString());
        }
        if (!supported) {
            throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
        }
        // Each of these was checked present above (the request was refused otherwise).
        return build(requireNonNull(credential), requireNonNull(signedHeaders), requireNonNull(signature),
                requireNonNull(amzDate), false, Optional.empty(), Optional.ofNullable(token).filter(t -> !t.isEmpty()));
    }

    private static SigV4Authorization fromQuery(String[] query) {
        StringJoiner missing = new StringJoiner(" ");
        for (int i = 0; i < REQUIRED_QUERY_PARAMETERS; i++) {
            if (isNullOrEmpty(query[i])) {
                missing.add("AWS query-string parameters must include '" + QUERY_AUTH_PARAMETERS.get(i) + "'.");
            }
        }
        if (missing.length() > 0) {
            throw incomplete(missing + " Re-examine the query-string parameters.");
        }
        if (!query[ALGORITHM].equals(SigV4Authorization.ALGORITHM)) {
            throw incomplete("Unsupported AWS 'algorithm': '" + query[ALGORITHM] + "'");
        }
        Optional<Duration> expires = Optional.empty();
        if (query[EXPIRES] != null) {
            expires = Optional.of(Duration.ofSeconds(parseSeconds(query[EXPIRES])));
        }
        return build(query[CREDENTIAL], query[SIGNED_HEADERS], query[SIGNATURE], query[DATE], true, expires,
                isNullOrEmpty(query[SECURITY_TOKEN]) ? Optional.empty() : Optional.of(query[SECURITY_TOKEN]));
    }

    private static SigV4Authorization build(String credential, String signedHeaders, String signature,
            String amzDate, boolean presigned, Optional<Duration> expires, Optional<String> token) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g."
                    + " keyid/date/region/service/term, got '" + credential + "'");
        }
        if (!parts[4].equals(SigV4Authorization.TERMINATOR)) {
            throw new SigV4Exception(CREDENTIAL_SCOPE_MISMATCH.failure(
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '" + parts[4] + "'."));
        }
        List<String> names = new ArrayList<>();
        for (String name : signedHeaders.split(";")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return new SigV4Authorization(parts[0], parts[1], parts[2], parts[3], names, signature, amzDate, presigned,
                expires, token);
    }

    /**
     * The decoded values of the query authentication parameters, indexed like
     * {@link #QUERY_AUTH_PARAMETERS}, or null when the query carries none of algorithm, credential
     * and signature (a lone {@code X-Amz-Date} does not make a request pre-signed).
     */
    private static String @Nullable [] queryAuthParameters(String rawQuery) {
        if (!rawQuery.contains("X-Amz-")) {
            return null;
        }
        String[] values = new String[QUERY_AUTH_PARAMETERS.size()];
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            int equals = start;
            while (equals < end && rawQuery.charAt(equals) != '=') {
                equals++;
            }
            int index = QUERY_AUTH_PARAMETERS.indexOf(rawQuery.substring(start, equals));
            if (index >= 0 && values[index] == null) {
                values[index] = equals == end ? "" : UriEncoder.decodeToString(rawQuery.substring(equals + 1, end));
            }
            start = end + 1;
        }
        if (values[ALGORITHM] == null && values[CREDENTIAL] == null && values[SIGNATURE] == null) {
            return null;
        }
        return values;
    }

    /** Whether {@code name} is one of the pre-signing query parameters. */
    static boolean isQueryAuthParameter(String name) {
        return QUERY_AUTH_PARAMETERS.contains(name);
    }

    /** {@code X-Amz-Expires} as seconds; digits only (optionally negative, for the verifier to refuse). */
    private static long parseSeconds(String value) {
        int digitsStart = value.startsWith("-") ? 1 : 0;
        if (value.length() == digitsStart) {
            throw incomplete("X-Amz-Expires should be a number");
        }
        for (int i = digitsStart; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw incomplete("X-Amz-Expires should be a number");
            }
        }
        if (value.length() - digitsStart > 18) {
            return digitsStart == 0 ? Long.MAX_VALUE / 1_000_000_000L : Long.MIN_VALUE / 1_000_000_000L;
        }
        return Long.parseLong(value);
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t';
    }

    private static boolean isNullOrEmpty(@Nullable String s) {
        return s == null || s.isEmpty();
    }

    private static SigV4Exception incomplete(String message) {
        return new SigV4Exception(INCOMPLETE_SIGNATURE.failure(message));
    }
}

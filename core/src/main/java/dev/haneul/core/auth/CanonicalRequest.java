package dev.haneul.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Task 1 and 2 of SigV4: the canonical request and the string to sign. The canonical request is
 * six lines joined by {@code \n}:
 *
 * <pre>
 * METHOD
 * canonical URI        path normalized and encoded per {@link SigningRules}; empty path is "/"
 * canonical query      each name and value canonically encoded, sorted by name then value, "a=1&amp;b="
 * canonical headers    "name:value\n" for each signed header, in SignedHeaders order
 * signed headers       "a;b;c"
 * payload hash         hex SHA-256 of the body, or the literal UNSIGNED-PAYLOAD / STREAMING-...
 * </pre>
 *
 * Traps, each covered by a corpus case: the canonical headers line ends with its own {@code \n},
 * so a blank line always follows it; header values are trimmed and every inner run of whitespace,
 * including the line breaks of an obsolete folded (multi-line) header, becomes one space, even
 * inside quotes; a header sent several times contributes its values comma-joined in received
 * order; query parameters are sorted after encoding and by name first (sorting whole
 * {@code name=value} strings puts {@code a-b=1} before {@code a=1}); a parameter without
 * {@code =} is {@code name=}.
 */
final class CanonicalRequest {

    static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";

    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]);

    private CanonicalRequest() {}

    /**
     * The canonical request of {@code request} over {@code signedHeaders} (names matched
     * case-insensitively, written as given). Query parameters named in {@code excludedQuery} are
     * left out: {@code X-Amz-Signature} when verifying a pre-signed request.
     */
    static String build(SignableRequest request, SigningRules rules, List<String> signedHeaders,
            Set<String> excludedQuery, String payloadHash) {
        StringBuilder out = new StringBuilder(256);
        out.append(request.method()).append('\n');
        out.append(canonicalUri(request.rawPath(), rules)).append('\n');
        out.append(canonicalQuery(request.rawQuery(), excludedQuery)).append('\n');
        appendCanonicalHeaders(out, request, signedHeaders);
        out.append('\n');
        out.append(String.join(";", signedHeaders)).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    /** {@code AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<hex sha256 of canonical request>}. */
    static String stringToSign(String amzDate, String credentialScope, String canonicalRequest) {
        return SigV4Authorization.ALGORITHM + '\n' + amzDate + '\n' + credentialScope + '\n'
                + SigV4Crypto.sha256Hex(canonicalRequest.getBytes(UTF_8));
    }

    static String canonicalUri(String rawPath, SigningRules rules) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        if (rules.normalizePath()) {
            path = normalize(path);
        }
        return rules.doubleEncodePath() ? UriEncoder.encode(path, true) : UriEncoder.canonicalize(path, true);
    }

    /**
     * Removes empty and {@code .} segments and resolves {@code ..} (never above the root), keeping
     * a trailing slash: {@code //example//} is {@code /example/}, {@code /a/b/../..} is {@code /}.
     * Works on the encoded path, so {@code %2E%2E} is a name, not a parent reference.
     */
    static String normalize(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.removeLast();
                }
            } else {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            return "/";
        }
        String normalized = "/" + String.join("/", segments);
        return path.endsWith("/") ? normalized + '/' : normalized;
    }

    static String canonicalQuery(String rawQuery, Set<String> excluded) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = UriEncoder.canonicalize(equals < 0 ? parameter : parameter.substring(0, equals), false);
            if (excluded.contains(name)) {
                continue;
            }
            String value = equals < 0 ? "" : UriEncoder.canonicalize(parameter.substring(equals + 1), false);
            pairs.add(new String[] {name, value});
        }
        pairs.sort(BY_NAME_THEN_VALUE);
        StringBuilder out = new StringBuilder(rawQuery.length() + 16);
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    private static void appendCanonicalHeaders(StringBuilder out, SignableRequest request, List<String> signedHeaders) {
        Map<String, StringBuilder> values = new HashMap<>();
        for (String name : signedHeaders) {
            values.put(name.toLowerCase(Locale.ROOT), null);
        }
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (values.containsKey(name)) {
                StringBuilder joined = values.get(name);
                if (joined == null) {
                    joined = new StringBuilder();
                    values.put(name, joined);
                } else {
                    joined.append(',');
                }
                appendTrimmedAndCollapsed(joined, header.getValue());
            }
        }
        for (String name : signedHeaders) {
            StringBuilder value = values.get(name.toLowerCase(Locale.ROOT));
            out.append(name).append(':');
            if (value != null) {
                out.append(value);
            }
            out.append('\n');
        }
    }

    private static void appendTrimmedAndCollapsed(StringBuilder out, String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        boolean inWhitespace = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                if (!inWhitespace) {
                    out.append(' ');
                    inWhitespace = true;
                }
            } else {
                out.append(c);
                inWhitespace = false;
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}

package dev.haneul.s3.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.gateway.CrossOriginPolicy;
import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.error.S3Exception;
import dev.haneul.s3.store.S3Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Browsers' cross-origin requests to a bucket, decided by its CORS configuration as S3 decides
 * them: the first rule whose {@code AllowedOrigin}s match the {@code Origin} (exactly, or with one
 * {@code *} wildcard), whose {@code AllowedMethod}s hold the method and whose
 * {@code AllowedHeader}s match every header the preflight asks for (case-insensitively, one
 * {@code *} wildcard each) allows it. A preflight is answered with {@code Access-Control-Allow-*}
 * headers, or 403 {@code AccessForbidden} "CORSResponse: …"; an allowed actual request gets
 * {@code Access-Control-Allow-Origin} and the rule's exposed headers on its answer.
 *
 * <p>Only paths naming a bucket that exists are claimed: anything else (another service's
 * path, Haneul's own routes, a bucket that does not exist) is left to the gateway's guard, which
 * refuses it.
 */
final class BucketCors implements CrossOriginPolicy {

    static final String NOT_ALLOWED = "CORSResponse: This CORS request is not allowed. This is usually because the"
            + " evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers"
            + " are not whitelisted by the resource's CORS spec.";
    static final String NOT_ENABLED = "CORSResponse: CORS is not enabled for this bucket.";

    private final S3Store store;
    private final BucketConfigs configs;
    private final VirtualHostAddressing addressing = new VirtualHostAddressing();

    BucketCors(S3Store store, BucketConfigs configs) {
        this.store = requireNonNull(store, "store");
        this.configs = requireNonNull(configs, "configs");
    }

    @Override
    public Optional<Answer> evaluate(Request request) {
        String path = addressing.effectivePath(request.host(), request.rawPath());
        String rest = path.startsWith("/") ? path.substring(1) : path;
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        boolean object = slash >= 0 && slash < rest.length() - 1;
        if (bucket.isEmpty() || !exists(bucket)) {
            return Optional.empty();
        }
        Optional<List<Map<String, Object>>> rules = configs.get(bucket).cors();
        if (rules.isEmpty()) {
            return Optional.of(refused(NOT_ENABLED, request, object));
        }
        for (Map<String, Object> rule : rules.get()) {
            Optional<Map<String, String>> headers = match(rule, request);
            if (headers.isPresent()) {
                return Optional.of(new Answer.Allowed(headers.get()));
            }
        }
        return Optional.of(refused(NOT_ALLOWED, request, object));
    }

    private boolean exists(String bucket) {
        try {
            store.bucket(bucket);
            return true;
        } catch (S3Exception e) {
            return false; // NoSuchBucket, or not a bucket name at all.
        }
    }

    /** The answer's headers when {@code rule} allows {@code request}. */
    private static Optional<Map<String, String>> match(Map<String, Object> rule, Request request) {
        List<String> origins = strings(rule.get("AllowedOrigins"));
        Optional<String> origin = origins.stream().filter(allowed -> wildcard(allowed, request.origin(), false))
                .findFirst();
        List<String> methods = strings(rule.get("AllowedMethods"));
        if (origin.isEmpty() || !methods.contains(request.method())) {
            return Optional.empty();
        }
        List<String> allowedHeaders = strings(rule.get("AllowedHeaders"));
        for (String header : request.requestHeaders()) {
            if (allowedHeaders.stream().noneMatch(allowed -> wildcard(allowed, header, true))) {
                return Optional.empty();
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        boolean anyOrigin = origin.get().equals("*");
        headers.put("Access-Control-Allow-Origin", anyOrigin ? "*" : request.origin());
        headers.put("Access-Control-Allow-Methods", String.join(", ", methods));
        if (!anyOrigin) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        if (request.preflight() && !request.requestHeaders().isEmpty()) {
            headers.put("Access-Control-Allow-Headers", String.join(", ", request.requestHeaders()));
        }
        List<String> expose = strings(rule.get("ExposeHeaders"));
        if (!expose.isEmpty()) {
            headers.put("Access-Control-Expose-Headers", String.join(", ", expose));
        }
        if (rule.get("MaxAgeSeconds") instanceof Number maxAge) {
            headers.put("Access-Control-Max-Age", Long.toString(maxAge.longValue()));
        }
        headers.put("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        return Optional.of(headers);
    }

    /** Whether {@code value} matches {@code pattern}, which may hold one {@code *}. */
    static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int star = p.indexOf('*');
        if (star < 0) {
            return p.equals(v);
        }
        String prefix = p.substring(0, star);
        String suffix = p.substring(star + 1);
        return v.length() >= prefix.length() + suffix.length() && v.startsWith(prefix) && v.endsWith(suffix);
    }

    private static List<String> strings(@Nullable Object value) {
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static Answer refused(String message, Request request, boolean object) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Method", request.method());
        fields.put("ResourceType", object ? "OBJECT" : "BUCKET");
        return new Answer.Refused(S3Error.ACCESS_FORBIDDEN.exception(message, fields));
    }
}

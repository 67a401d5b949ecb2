package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.error.S3Error;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The conditional headers of a read (GET, HEAD) or of a copy's source
 * ({@code x-amz-copy-source-if-*}), evaluated as RFC 7232 orders them and as S3 behaves:
 *
 * <ol>
 *   <li>{@code If-Match} false → 412; true → {@code If-Unmodified-Since} is not looked at;
 *   <li>otherwise {@code If-Unmodified-Since} before Last-Modified → 412;
 *   <li>{@code If-None-Match} matching → 304 (a copy source: 412); not matching → {@code If-Modified-Since}
 *       is not looked at;
 *   <li>otherwise {@code If-Modified-Since} not before Last-Modified → 304 (a copy source: 412), unless
 *       the date is in the future, which S3 ignores.
 * </ol>
 *
 * ETags compare with or without their quotes; {@code *} matches any object; a comma-separated list
 * matches if any entry does. Last-Modified is compared at the second, the resolution of HTTP dates.
 */
public record ReadConditions(Optional<String> ifMatch, Optional<String> ifNoneMatch,
                             Optional<Instant> ifModifiedSince, Optional<Instant> ifUnmodifiedSince) {

    public ReadConditions {
        requireNonNull(ifMatch, "ifMatch");
        requireNonNull(ifNoneMatch, "ifNoneMatch");
        requireNonNull(ifModifiedSince, "ifModifiedSince");
        requireNonNull(ifUnmodifiedSince, "ifUnmodifiedSince");
    }

    public static ReadConditions none() {
        return new ReadConditions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** What the conditions decide for an object. */
    public enum Outcome { PROCEED, NOT_MODIFIED }

    /**
     * Evaluates the conditions of a GET or HEAD.
     *
     * @throws dev.haneul.s3.error.S3Exception PreconditionFailed (412) naming the failed condition
     */
    public Outcome evaluate(String etag, Instant lastModified, Instant now) {
        return evaluate(etag, lastModified, now, false);
    }

    /**
     * Evaluates the {@code x-amz-copy-source-if-*} conditions of a copy: where a GET would answer 304,
     * a copy fails with 412.
     */
    public void evaluateCopySource(String etag, Instant lastModified, Instant now) {
        evaluate(etag, lastModified, now, true);
    }

    private Outcome evaluate(String etag, Instant lastModified, Instant now, boolean copySource) {
        Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        String prefix = copySource ? "x-amz-copy-source-" : "";
        if (ifMatch.isPresent()) {
            if (!matches(ifMatch.get(), etag)) {
                throw failed(prefix + (copySource ? "if-match" : "If-Match"));
            }
        } else if (ifUnmodifiedSince.isPresent() && modified.isAfter(ifUnmodifiedSince.get())) {
            throw failed(prefix + (copySource ? "if-unmodified-since" : "If-Unmodified-Since"));
        }
        if (ifNoneMatch.isPresent()) {
            if (matches(ifNoneMatch.get(), etag)) {
                if (copySource) {
                    throw failed(prefix + "if-none-match");
                }
                return Outcome.NOT_MODIFIED;
            }
        } else if (ifModifiedSince.isPresent() && !ifModifiedSince.get().isAfter(now)
                && !modified.isAfter(ifModifiedSince.get())) {
            if (copySource) {
                throw failed(prefix + "if-modified-since");
            }
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /** Whether an {@code If-Match}-style list names {@code etag} (quoted or not), or is {@code *}. */
    static boolean matches(String condition, String etag) {
        String bare = unquote(etag);
        for (String candidate : condition.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || unquote(c).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    static String unquote(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }

    private static RuntimeException failed(String condition) {
        return S3Error.PRECONDITION_FAILED.exception(Map.of("Condition", condition));
    }
}

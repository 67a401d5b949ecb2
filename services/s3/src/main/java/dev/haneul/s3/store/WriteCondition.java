package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.error.S3Error;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A conditional write (PutObject, CompleteMultipartUpload, CopyObject's target): S3 supports
 * {@code If-None-Match: *} (create only) and {@code If-Match: <etag>} (replace only that version).
 * The condition is checked when the write commits, atomically with it, so of two racing
 * create-only writes exactly one succeeds.
 */
public sealed interface WriteCondition {

    /** Unconditional. */
    WriteCondition NONE = new None();

    /** {@code If-None-Match: *}. */
    WriteCondition IF_ABSENT = new IfAbsent();

    static WriteCondition ifMatch(String etag) {
        return new IfMatch(etag);
    }

    /**
     * The condition of a write's headers, refusing what S3 does not implement: any
     * {@code If-None-Match} other than {@code *}, {@code If-Match: *}, and both at once (501
     * NotImplemented).
     */
    static WriteCondition fromHeaders(Optional<String> ifMatch, Optional<String> ifNoneMatch) {
        if (ifMatch.isPresent() && ifNoneMatch.isPresent()) {
            throw notImplemented("If-Match,If-None-Match", "Multiple conditional request headers present in the request");
        }
        if (ifNoneMatch.isPresent()) {
            if (!ifNoneMatch.get().strip().equals("*")) {
                throw notImplemented("If-None-Match", null);
            }
            return IF_ABSENT;
        }
        if (ifMatch.isPresent()) {
            if (ifMatch.get().strip().equals("*")) {
                throw notImplemented("If-Match", null);
            }
            return ifMatch(ifMatch.get());
        }
        return NONE;
    }

    /**
     * Checks the condition against the key's current object ({@code null} when there is none or
     * its latest version is a delete marker).
     *
     * @throws dev.haneul.s3.error.S3Exception 412 PreconditionFailed, or 404 NoSuchKey for
     *     {@code If-Match} on a missing key
     */
    void check(String key, @Nullable ObjectVersion current);

    private static RuntimeException notImplemented(String header, @Nullable String detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Header", header);
        if (detail != null) {
            fields.put("additionalMessage", detail);
        }
        return S3Error.NOT_IMPLEMENTED.exception(fields);
    }

    record None() implements WriteCondition {
        @Override
        public void check(String key, @Nullable ObjectVersion current) {}
    }

    record IfAbsent() implements WriteCondition {
        @Override
        public void check(String key, @Nullable ObjectVersion current) {
            if (current != null) {
                throw S3Error.PRECONDITION_FAILED.exception(Map.of("Condition", "If-None-Match"));
            }
        }
    }

    record IfMatch(String etag) implements WriteCondition {
        public IfMatch {
            requireNonNull(etag, "etag");
        }

        @Override
        public void check(String key, @Nullable ObjectVersion current) {
            if (current == null) {
                throw S3Error.NO_SUCH_KEY.exception(Map.of("Key", key));
            }
            if (!ReadConditions.matches(etag, current.etag())) {
                throw S3Error.PRECONDITION_FAILED.exception(Map.of("Condition", "If-Match"));
            }
        }
    }
}

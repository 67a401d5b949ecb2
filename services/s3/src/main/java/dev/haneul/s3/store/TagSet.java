package dev.haneul.s3.store;

import dev.haneul.s3.error.S3Error;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated set of tags of an object (at most 10) or a bucket (at most 50): keys of 1–128 and
 * values of 0–256 Unicode characters drawn from letters, digits, spaces and {@code _ . : / = + - @},
 * unique keys, no user key under the {@code aws:} prefix. Errors and texts as real S3 answered in
 * recorded tests (object and bucket word the {@code aws:} refusal differently).
 */
public record TagSet(Map<String, String> tags) {

    public static final int MAX_OBJECT_TAGS = 10;
    public static final int MAX_BUCKET_TAGS = 50;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public static final TagSet EMPTY = new TagSet(Map.of());

    public TagSet {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** The tags of a PutObjectTagging, PutObject's {@code x-amz-tagging} or a multipart upload. */
    public static TagSet forObject(List<Map.Entry<String, String>> tags) {
        if (tags.size() > MAX_OBJECT_TAGS) {
            throw S3Error.BAD_REQUEST.exception("Object tags cannot be greater than " + MAX_OBJECT_TAGS, Map.of());
        }
        return validate(tags, true);
    }

    /** The tags of a PutBucketTagging. */
    public static TagSet forBucket(List<Map.Entry<String, String>> tags) {
        if (tags.size() > MAX_BUCKET_TAGS) {
            throw S3Error.BAD_REQUEST.exception("Bucket tag count cannot be greater than " + MAX_BUCKET_TAGS, Map.of());
        }
        return validate(tags, false);
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    private static TagSet validate(List<Map.Entry<String, String>> entries, boolean object) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (key.isEmpty() || key.codePointCount(0, key.length()) > 128 || !ALLOWED.matcher(key).matches()) {
                throw S3Error.INVALID_TAG.exception("The TagKey you have provided is invalid", Map.of("TagKey", key));
            }
            if (value.codePointCount(0, value.length()) > 256 || !ALLOWED.matcher(value).matches()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("TagKey", key);
                fields.put("TagValue", value);
                throw S3Error.INVALID_TAG.exception("The TagValue you have provided is invalid", fields);
            }
            if (key.startsWith("aws:")) {
                throw object
                        ? S3Error.INVALID_TAG.exception("Your TagKey cannot be prefixed with aws:", Map.of("TagKey", key))
                        : S3Error.INVALID_TAG.exception("User-defined tag keys can't start with \"aws:\". This prefix is"
                                + " reserved for system tags. Remove \"aws:\" from your tag keys and try again.", Map.of());
            }
            if (tags.putIfAbsent(key, value) != null) {
                throw S3Error.INVALID_TAG.exception("Cannot provide multiple Tags with the same key", Map.of("TagKey", key));
            }
        }
        return new TagSet(tags);
    }
}

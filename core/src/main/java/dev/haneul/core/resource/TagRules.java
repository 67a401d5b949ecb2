package dev.haneul.core.resource;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a service validates and stores tags: the limits every AWS service shares (at most 50 per
 * resource, keys of 1 to 128 characters, values of up to 256, the {@code aws:} prefix reserved),
 * with the service's own error for each violation.
 *
 * <p>Tags are kept as an insertion-ordered {@code Map<String, String>} (an absent value is the
 * empty string), which serialises into state files as a plain JSON object. Every operation here
 * returns a new map and changes nothing it is given, so a failed validation leaves no trace.
 *
 * <p>Order of checks, as AWS reports the first problem: each tag's key (empty, too long, reserved
 * prefix), then its value, then duplicates within the request, then the count after merging.
 */
public record TagRules(int maxTags, int maxKeyLength, int maxValueLength, List<String> reservedPrefixes,
                       Errors errors) {

    /** AWS's common limit of tags per resource. */
    public static final int MAX_TAGS = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    /** The prefix AWS keeps for its own tags, compared without regard to case. */
    public static final String AWS_PREFIX = "aws:";

    /** The service's error for each way a tag request can be wrong. */
    public interface Errors {
        /** More than {@code max} tags on one resource after the change. */
        AwsServiceException tooMany(int max);

        /** A key that is empty, too long, or starts with a reserved prefix; {@code reason} says which. */
        AwsServiceException invalidKey(String key, String reason);

        /** A value longer than allowed. */
        AwsServiceException invalidValue(String key, String reason);

        /** A key given twice in one request; empty when the service lets the last one win. */
        default Optional<AwsServiceException> duplicateKey(String key) {
            return Optional.empty();
        }
    }

    public TagRules {
        if (maxTags < 1) {
            throw new IllegalArgumentException("maxTags: " + maxTags + " (expected: > 0)");
        }
        if (maxKeyLength < 1 || maxValueLength < 0) {
            throw new IllegalArgumentException("maxKeyLength: " + maxKeyLength + ", maxValueLength: " + maxValueLength
                    + " (expected: > 0 and >= 0)");
        }
        reservedPrefixes = reservedPrefixes.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        requireNonNull(errors, "errors");
    }

    /** AWS's common limits and the {@code aws:} prefix, with the service's errors. */
    public static TagRules standard(Errors errors) {
        return new TagRules(MAX_TAGS, MAX_KEY_LENGTH, MAX_VALUE_LENGTH, List.of(AWS_PREFIX), errors);
    }

    /** The same rules with {@code prefix} reserved too (RDS reserves {@code rds:}). */
    public TagRules reserving(String prefix) {
        List<String> prefixes = new ArrayList<>(reservedPrefixes);
        prefixes.add(prefix);
        return new TagRules(maxTags, maxKeyLength, maxValueLength, prefixes, errors);
    }

    /**
     * Validates the tags of one request ({@code key → value} pairs in request order, a
     * {@code null} value meaning empty) and returns them as a map.
     */
    public Map<String, String> validate(Collection<? extends Map.Entry<String, String>> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> tag : tags) {
            String key = tag.getKey();
            String value = tag.getValue() == null ? "" : tag.getValue();
            checkKey(key);
            if (value.length() > maxValueLength) {
                throw errors.invalidValue(key, "a tag value can have at most " + maxValueLength + " characters");
            }
            if (out.put(key, value) != null) {
                Optional<AwsServiceException> duplicate = errors.duplicateKey(key);
                if (duplicate.isPresent()) {
                    throw duplicate.get();
                }
            }
        }
        if (out.size() > maxTags) {
            throw errors.tooMany(maxTags);
        }
        return out;
    }

    /** {@code current} with {@code added} put over it; fails when the result holds too many tags. */
    public Map<String, String> merge(Map<String, String> current, Map<String, String> added) {
        Map<String, String> merged = new LinkedHashMap<>(current);
        merged.putAll(added);
        if (merged.size() > maxTags) {
            throw errors.tooMany(maxTags);
        }
        return merged;
    }

    /** {@code current} without {@code keys} (keys it does not hold are ignored). */
    public static Map<String, String> remove(Map<String, String> current, Collection<String> keys) {
        Map<String, String> out = new LinkedHashMap<>(current);
        keys.forEach(out::remove);
        return out;
    }

    /** Checks a key alone, as the removal and filter operations of some services do. */
    public void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw errors.invalidKey(String.valueOf(key), "a tag key must not be empty");
        }
        if (key.length() > maxKeyLength) {
            throw errors.invalidKey(key, "a tag key can have at most " + maxKeyLength + " characters");
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (String prefix : reservedPrefixes) {
            if (lower.startsWith(prefix)) {
                throw errors.invalidKey(key, "tag keys starting with '" + prefix + "' are reserved for AWS use");
            }
        }
    }
}

package dev.haneul.elbv2.api;

import dev.haneul.core.api.AwsServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Checks of one attribute value, phrased the way ELBv2's errors phrase them. */
final class AttributeRules {

    private AttributeRules() {}

    /**
     * The stored attributes with {@code changes} applied, each key checked against {@code defaults}
     * and each value by {@code check}.
     */
    static Map<String, String> merge(String kind, Map<String, String> defaults, Map<String, String> stored,
                                     Map<String, String> changes, BiConsumer<String, String> check) {
        Map<String, String> result = new LinkedHashMap<>(stored);
        changes.forEach((key, value) -> {
            known(kind, key, defaults.keySet());
            check.accept(key, value);
            result.put(key, value);
        });
        return result;
    }

    /** {@code defaults} overlaid with {@code stored}. */
    static Map<String, String> overlay(Map<String, String> defaults, Map<String, String> stored) {
        Map<String, String> all = new LinkedHashMap<>(defaults);
        all.putAll(stored);
        return all;
    }

    static void bool(String kind, String key, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(kind, key, value, "true or false");
        }
    }

    static int range(String kind, String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(kind, key, value, "an integer from " + min + " to " + max);
    }

    static void oneOf(String kind, String key, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw invalid(kind, key, value, "one of " + String.join(", ", allowed));
        }
    }

    static void known(String kind, String key, Set<String> keys) {
        if (!keys.contains(key)) {
            throw Elbv2Errors.validation("%s attribute key '%s' is not recognized", kind, key);
        }
    }

    static AwsServiceException invalid(String kind, String key, String value, String expected) {
        return Elbv2Errors.validation("%s attribute '%s' value '%s' is not valid (expected: %s)", kind, key, value,
                expected);
    }
}

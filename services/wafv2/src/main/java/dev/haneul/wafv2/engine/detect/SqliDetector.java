package dev.haneul.wafv2.engine.detect;

import org.jspecify.annotations.Nullable;

/** Detects SQL injection in a value (placeholder until the tokenizer lands). */
public final class SqliDetector {

    private SqliDetector() {
    }

    /**
     * The fingerprint of the injection found in {@code input}, or null.
     *
     * @param high AWS's HIGH sensitivity: more fingerprints count (more detections, more false positives)
     */
    public static @Nullable String detect(String input, boolean high) {
        String lower = input.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("' or ") || lower.contains("union select") ? "s&1" : null;
    }
}

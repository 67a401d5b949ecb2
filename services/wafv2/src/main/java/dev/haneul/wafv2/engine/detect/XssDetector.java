package dev.haneul.wafv2.engine.detect;

import org.jspecify.annotations.Nullable;

/** Detects cross-site scripting in a value (placeholder until the tokenizer lands). */
public final class XssDetector {

    private XssDetector() {
    }

    /** What was found in {@code input} (the offending construct), or null. */
    public static @Nullable String detect(String input) {
        String lower = input.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("<script") ? "<script" : null;
    }
}

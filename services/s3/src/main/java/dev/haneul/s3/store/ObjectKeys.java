package dev.haneul.s3.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.haneul.s3.error.S3Error;
import java.util.Comparator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Object keys: their limits, and the order S3 lists them in.
 *
 * <p>A key is 1 to {@value #MAX_KEY_BYTES} bytes of UTF-8 and may contain anything, including
 * {@code /}, {@code ..}, NUL and other control characters: to the store a key is only ever an
 * entry of its index, never part of a file name (object data lives in files named by random ids),
 * so no key can reach outside its bucket's directory however it is spelled.
 *
 * <p>S3 lists in the binary order of the keys' UTF-8 bytes, which is Unicode code point order.
 * Java's {@link String#compareTo} compares UTF-16 units and puts U+E000–U+FFFF after the supplementary
 * characters (surrogates, U+D800–U+DFFF, sort lower); {@link #UTF8_ORDER} corrects exactly that.
 */
public final class ObjectKeys {

    /** The longest key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    /** UTF-8 byte order (code point order) for well-formed strings. */
    public static final Comparator<String> UTF8_ORDER = ObjectKeys::compare;

    private ObjectKeys() {}

    /**
     * Checks a key for S3's limits.
     *
     * @throws dev.haneul.s3.error.S3Exception KeyTooLongError, or InvalidArgument for an empty key
     *     or one that is not valid Unicode (a lone surrogate has no UTF-8 form)
     */
    public static String validate(String key) {
        if (key.isEmpty()) {
            throw S3Error.INVALID_ARGUMENT.exception("Object key must not be empty", Map.of("ArgumentName", "key"));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw S3Error.INVALID_ARGUMENT.exception("Object key is not valid UTF-8", Map.of("ArgumentName", "key"));
            }
        }
        int bytes = key.length() <= MAX_KEY_BYTES / 3 ? key.length() : key.getBytes(UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw S3Error.KEY_TOO_LONG.exception(Map.of("Size", bytes, "MaxSizeAllowed", MAX_KEY_BYTES));
        }
        return key;
    }

    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return weight(x) - weight(y);
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates above U+E000–U+FFFF so UTF-16 units compare as code points do. */
    private static int weight(char c) {
        if (c < 0xD800) {
            return c;
        }
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /**
     * The least string greater than every string that starts with {@code prefix}, or {@code null}
     * when there is none (the prefix is all U+10FFFF); listing jumps there to skip a common prefix.
     */
    static @Nullable String successor(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int cp = prefix.codePointBefore(end);
            int width = Character.charCount(cp);
            if (cp != Character.MAX_CODE_POINT) {
                int next = cp + 1;
                if (next == 0xD800) {
                    next = 0xE000; // Skip the surrogate range: not characters.
                }
                return prefix.substring(0, end - width) + new String(Character.toChars(next));
            }
            end -= width;
        }
        return null;
    }
}

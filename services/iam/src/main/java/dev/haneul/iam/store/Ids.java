package dev.haneul.iam.store;

import java.security.SecureRandom;

/**
 * IAM's identifiers: unique ids ({@code AIDA…} users, {@code AROA…} roles, {@code AGPA…} groups,
 * {@code ANPA…} policies, {@code AIPA…} instance profiles; 21 characters), access key ids
 * ({@code AKIA…} long-term, {@code ASIA…} temporary; 20 characters) and 40-character secrets.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private Ids() {}

    /** {@code prefix} followed by 17 random base32 characters. */
    public static String unique(String prefix) {
        return prefix + random(UPPER, 17);
    }

    /** An access key id: {@code AKIA} or {@code ASIA} and 16 characters. */
    public static String accessKey(String prefix) {
        return prefix + random(UPPER, 16);
    }

    public static String secret() {
        return random(SECRET, 40);
    }

    /** A session token: long and opaque, as AWS's are. */
    public static String sessionToken() {
        return "IQoJb3JpZ2luX2VjE" + random(SECRET, 300);
    }

    private static String random(char[] alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet[RANDOM.nextInt(alphabet.length)]);
        }
        return out.toString();
    }
}

package dev.haneul.rds.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Resource ids in AWS's formats: random ones for new resources, stable ones derived from a name. */
final class Ids {

    private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** {@code prefix} and 26 random upper-case letters and digits, as {@code cluster-ANPAJ4…}. */
    static String resourceId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 26; i++) {
            id.append(UPPER_ALNUM[RANDOM.nextInt(UPPER_ALNUM.length)]);
        }
        return id.toString();
    }

    /** A random password of letters and digits, for Haneul's own engine account. */
    static String secret(int length) {
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < length; i++) {
            secret.append(ALNUM[RANDOM.nextInt(ALNUM.length)]);
        }
        return secret.toString();
    }

    /** {@code prefix} and {@code length} hex-like characters derived from {@code seed}: the same seed, the same id. */
    static String stable(String prefix, String seed, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder(prefix);
            for (int i = 0; id.length() < prefix.length() + length; i++) {
                id.append(String.format("%02x", digest[i]));
            }
            return id.substring(0, prefix.length() + length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}

package dev.haneul.rds.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * MariaDB's {@code mysql_native_password} hash of a password: {@code *} followed by the upper-case
 * hex of SHA-1(SHA-1(password)), what {@code PASSWORD('...')} returns and what
 * {@code IDENTIFIED BY PASSWORD '...'} accepts. Haneul stores the master password only in this
 * form.
 */
public final class PasswordHash {

    private PasswordHash() {}

    public static String of(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] twice = sha1.digest(once);
            return "*" + HexFormat.of().formatHex(twice).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }
}

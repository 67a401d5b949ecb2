package dev.haneul.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/**
 * The one percent-encoding SigV4 accepts: RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - _ . ~})
 * stay, every other byte of the UTF-8 form becomes {@code %XX} with upper-case hex, and a space is
 * {@code %20}, never {@code +}.
 *
 * <p>Two operations matter and are easy to confuse. {@link #encode} treats its input as text: a
 * {@code %} in it is a percent sign and becomes {@code %25}. That is what "double encoding" of a
 * non-S3 path means: the path as it travelled (already encoded once by the client) is encoded
 * again. {@link #canonicalize} treats its input as an already-encoded component: it decodes the
 * escapes and encodes the bytes again, so {@code %7e}, {@code ~} and {@code %7E} all come out as
 * {@code ~}. Query strings and S3 paths go through {@code canonicalize}.
 *
 * <p>Decoding never fails: a {@code %} not followed by two hex digits is kept as a literal percent
 * sign, and {@code +} stays a plus (RFC 3986 query semantics, which is also what aws-c-auth does;
 * form-encoding's "plus means space" does not apply to signing).
 */
final class UriEncoder {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoder() {}

    /** Encodes {@code text} (its UTF-8 bytes); {@code /} is kept when {@code keepSlash}. */
    static String encode(String text, boolean keepSlash) {
        if (isCanonical(text, keepSlash)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        appendEncoded(out, text.getBytes(UTF_8), keepSlash);
        return out.toString();
    }

    /** Decodes an encoded component and encodes it again in canonical form. */
    static String canonicalize(String encoded, boolean keepSlash) {
        if (isCanonical(encoded, keepSlash)) {
            return encoded;
        }
        StringBuilder out = new StringBuilder(encoded.length() + 16);
        appendEncoded(out, decode(encoded), keepSlash);
        return out.toString();
    }

    /** Percent-decodes to bytes; characters that are not escapes contribute their UTF-8 bytes. */
    static byte[] decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && hexValue(encoded.charAt(i + 1)) >= 0
                    && hexValue(encoded.charAt(i + 2)) >= 0) {
                out.write(hexValue(encoded.charAt(i + 1)) << 4 | hexValue(encoded.charAt(i + 2)));
                i += 3;
            } else if (c < 0x80) {
                out.write(c);
                i++;
            } else {
                int end = i + 1;
                while (end < encoded.length() && encoded.charAt(end) >= 0x80) {
                    end++;
                }
                out.writeBytes(encoded.substring(i, end).getBytes(UTF_8));
                i = end;
            }
        }
        return out.toByteArray();
    }

    /** Decodes an encoded component to text; invalid UTF-8 becomes U+FFFD rather than failing. */
    static String decodeToString(String encoded) {
        return encoded.indexOf('%') < 0 ? encoded : new String(decode(encoded), UTF_8);
    }

    private static void appendEncoded(StringBuilder out, byte[] bytes, boolean keepSlash) {
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (isUnreserved(v) || (keepSlash && v == '/')) {
                out.append((char) v);
            } else {
                out.append('%').append(HEX[v >>> 4]).append(HEX[v & 0xF]);
            }
        }
    }

    /** True when {@code s} is made of characters that both operations would leave alone. */
    private static boolean isCanonical(String s, boolean keepSlash) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUnreserved(c) && !(keepSlash && c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}

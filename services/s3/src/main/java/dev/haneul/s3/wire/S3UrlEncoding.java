package dev.haneul.s3.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * {@code encoding-type=url} of the List operations: keys, prefixes, delimiters and markers are
 * percent-encoded in the XML so that any key, even with control characters XML 1.0 cannot carry,
 * survives. Form style, as S3 answers and as botocore reads back ({@code unquote_plus}): space is
 * {@code +}, unreserved characters and {@code /} stay, every other UTF-8 byte becomes {@code %XX}.
 * The AWS CLI sends {@code encoding-type=url} on every list call, so this is the common case.
 */
public final class S3UrlEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private S3UrlEncoding() {}

    public static String encode(String value) {
        StringBuilder out = null;
        byte[] bytes = value.getBytes(UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean keep = b < 0x80 && (Character.isLetterOrDigit(b) || b == '-' || b == '_' || b == '.' || b == '~'
                    || b == '/' || b == '*');
            if (keep && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(bytes.length + 16);
                out.append(new String(bytes, 0, i, UTF_8));
            }
            if (keep) {
                out.append((char) b);
            } else if (b == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out == null ? value : out.toString();
    }
}

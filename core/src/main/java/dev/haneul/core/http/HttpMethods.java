package dev.haneul.core.http;

import java.nio.charset.StandardCharsets;

/** Method names as interned strings, so the common ones cost no allocation per request. */
final class HttpMethods {

    private static final String[] KNOWN = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
        "CONNECT"};

    private HttpMethods() {}

    static String of(byte[] raw, int start, int end) {
        int n = end - start;
        for (String known : KNOWN) {
            if (known.length() == n && matches(raw, start, known)) {
                return known;
            }
        }
        return new String(raw, start, n, StandardCharsets.ISO_8859_1);
    }

    private static boolean matches(byte[] raw, int start, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (raw[start + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

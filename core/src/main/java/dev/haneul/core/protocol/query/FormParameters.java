package dev.haneul.core.protocol.query;

import dev.haneul.core.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding of a request body or query string.
 * Unlike lenient decoders it rejects a broken percent escape or bytes that are not UTF-8, so the
 * gateway can answer AWS's {@code MalformedQueryString} instead of guessing.
 */
public final class FormParameters {

    private FormParameters() {}

    /**
     * Adds the parameters of {@code encoded} to {@code into}, names in order of first appearance.
     *
     * @throws ProtocolException of kind {@code MALFORMED} on a bad escape or invalid UTF-8
     */
    public static void decode(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        int start = 0;
        int length = encoded.length();
        while (start <= length) {
            int amp = encoded.indexOf('&', start);
            int end = amp < 0 ? length : amp;
            if (end > start) {
                int eq = encoded.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = unescape(encoded, start, end);
                    value = "";
                } else {
                    name = unescape(encoded, start, eq);
                    value = unescape(encoded, eq + 1, end);
                }
                into.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
    }

    /** Decodes {@code encoded} into a new ordered map. */
    public static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        decode(encoded, out);
        return out;
    }

    private static String unescape(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw malformed(s, from, to);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed(s, from, to);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = s.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        byte[] raw = bytes.toByteArray();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw malformed(s, from, to);
        }
    }

    private static ProtocolException malformed(String s, int from, int to) {
        String part = s.substring(from, Math.min(to, from + 64));
        return new ProtocolException(ProtocolException.Kind.MALFORMED, "",
                "The query string contains a syntax error near '" + part + "'.");
    }
}

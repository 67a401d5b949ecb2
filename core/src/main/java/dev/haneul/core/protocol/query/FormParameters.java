package dev.haneul.core.protocol.query;

import dev.haneul.core.protocol.Percent;
import dev.haneul.core.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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

    /**
     * {@code raw} as UTF-8, refusing bytes that are not: a query string or form body AWS cannot
     * read is its {@code MalformedQueryString}, never a guess with replacement characters.
     *
     * @throws ProtocolException of kind {@code MALFORMED} when {@code raw} is not UTF-8
     */
    public static String strictUtf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, "",
                    "The query string contains bytes that are not UTF-8.");
        }
    }

    /**
     * The request line as HTTP servers hand it over, one char per byte, read back as UTF-8. A
     * string that already holds characters beyond one byte was decoded by its maker and is kept.
     */
    public static String requestLineUtf8(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) > 0xff) {
                return raw;
            }
        }
        return strictUtf8(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String unescape(String s, int from, int to) {
        try {
            return Percent.decode(s, from, to, true);
        } catch (IllegalArgumentException e) {
            throw malformed(s, from, to);
        }
    }

    private static ProtocolException malformed(String s, int from, int to) {
        String part = s.substring(from, Math.min(to, from + 64));
        return new ProtocolException(ProtocolException.Kind.MALFORMED, "",
                "The query string contains a syntax error near '" + part + "'.");
    }
}

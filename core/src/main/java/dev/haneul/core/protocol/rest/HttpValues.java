package dev.haneul.core.protocol.rest;

import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.Percent;
import dev.haneul.core.protocol.ProtocolException;
import dev.haneul.core.protocol.Scalars;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.ShapeType;
import dev.haneul.core.protocol.TimestampFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Member values in the places a rest protocol binds them outside the body: URI labels, query
 * parameters and headers. Each place has its own default timestamp format (ISO-8601 in the URI and
 * query string, HTTP date in headers); header lists are comma-separated with quoted strings for
 * items that contain a comma or a quote (HTTP dates, which contain a comma, are the exception and
 * are never quoted); a {@code jsonvalue} string travels base64-encoded in a header.
 */
final class HttpValues {

    private HttpValues() {}

    /** A label value, raw from the path: percent-decoded ({@code +} kept), then parsed. */
    static Object label(Member member, String raw) {
        String text;
        try {
            text = Percent.decode(raw, 0, raw.length(), false);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, member.wireName(),
                    "The path contains a malformed escape or bytes that are not UTF-8.");
        }
        return Scalars.parse(member, text, member.wireName(), TimestampFormat.ISO8601);
    }

    /** A query parameter's values, decoded: a list takes all of them, a scalar the first. */
    static Object query(Member member, List<String> values) {
        Shape shape = member.shape();
        if (shape.type() == ShapeType.LIST) {
            List<Object> out = new ArrayList<>(values.size());
            for (String value : values) {
                out.add(Scalars.parse(shape.listMember(), value, member.wireName(), TimestampFormat.ISO8601));
            }
            return out;
        }
        return Scalars.parse(member, values.get(0), member.wireName(), TimestampFormat.ISO8601);
    }

    /** A header's value (several occurrences already joined with {@code ", "}), parsed. */
    static Object header(Member member, String value) {
        Shape shape = member.shape();
        if (shape.type() == ShapeType.LIST) {
            Member item = shape.listMember();
            List<Object> out = new ArrayList<>();
            for (String part : splitList(value, isHttpDate(item))) {
                out.add(Scalars.parse(item, part, member.wireName(), TimestampFormat.RFC822));
            }
            return out;
        }
        if (member.jsonValue() && shape.type() == ShapeType.STRING) {
            try {
                return new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(ProtocolException.Kind.INVALID_VALUE, member.wireName(),
                        "Header " + member.wireName() + " must carry base64-encoded JSON.");
            }
        }
        return Scalars.parse(member, shape.type() == ShapeType.STRING ? value : value.trim(), member.wireName(),
                TimestampFormat.RFC822);
    }

    /**
     * The header text of a member's value. Control characters a header cannot carry (a provider's
     * value may hold a line break) become spaces rather than failing the response.
     */
    static String headerText(Member member, Object value) {
        return printable(text(member, value));
    }

    private static String printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                StringBuilder out = new StringBuilder(text);
                for (int j = i; j < out.length(); j++) {
                    char d = out.charAt(j);
                    if (d < 0x20 && d != '\t' || d == 0x7f) {
                        out.setCharAt(j, ' ');
                    }
                }
                return out.toString();
            }
        }
        return text;
    }

    private static String text(Member member, Object value) {
        Shape shape = member.shape();
        if (value instanceof List<?> items) {
            Member item = shape.listMember();
            boolean dates = isHttpDate(item);
            StringBuilder out = new StringBuilder();
            for (Object element : items) {
                if (element == null) {
                    continue;
                }
                if (!out.isEmpty()) {
                    out.append(", ");
                }
                String text = Scalars.format(item, element, TimestampFormat.RFC822);
                out.append(!dates && element instanceof String ? quoteIfNeeded(text) : text);
            }
            return out.toString();
        }
        if (member.jsonValue() && value instanceof String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
        return Scalars.format(member, value, TimestampFormat.RFC822);
    }

    private static boolean isHttpDate(Member item) {
        return item.shape().type() == ShapeType.TIMESTAMP
                && item.timestampFormat(TimestampFormat.RFC822) == TimestampFormat.RFC822;
    }

    /** Splits a header list on commas outside quoted strings; HTTP dates are rejoined in pairs. */
    static List<String> splitList(String value, boolean httpDates) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < value.length()) {
                    current.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"' && current.toString().isBlank()) {
                current.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                parts.add(wasQuoted ? current.toString() : current.toString().trim());
                current.setLength(0);
                wasQuoted = false;
            } else if (!wasQuoted) {
                current.append(c);
            }
        }
        String last = wasQuoted ? current.toString() : current.toString().trim();
        if (!parts.isEmpty() || !last.isEmpty() || wasQuoted) {
            parts.add(last);
        }
        if (!httpDates) {
            return parts;
        }
        List<String> dates = new ArrayList<>(parts.size() / 2);
        for (int i = 0; i + 1 < parts.size(); i += 2) {
            dates.add(parts.get(i) + ", " + parts.get(i + 1));
        }
        return dates;
    }

    private static String quoteIfNeeded(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

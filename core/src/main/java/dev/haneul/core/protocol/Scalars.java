package dev.haneul.core.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text to value and value to text for scalar shapes, shared by the query decoder, the XML encoder
 * and the JSON codec. Values in Haneul's value tree are {@code String}, {@code Integer},
 * {@code Long}, {@code Float}, {@code Double}, {@code Boolean}, {@link Instant}, {@code byte[]},
 * {@link BigDecimal} and {@link BigInteger}.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * Parses the text form of a scalar of {@code member}'s shape.
     *
     * @throws ProtocolException of kind {@code INVALID_VALUE} when the text does not fit
     */
    public static Object parse(Member member, String text, String path, TimestampFormat defaultFormat) {
        Shape shape = member.shape();
        try {
            return switch (shape.type()) {
                case STRING -> text;
                case INTEGER -> Integer.valueOf(text.trim());
                case LONG -> Long.valueOf(text.trim());
                case SHORT -> Short.valueOf(text.trim());
                case BYTE -> Byte.valueOf(text.trim());
                case FLOAT -> Float.valueOf(floatText(text));
                case DOUBLE -> Double.valueOf(floatText(text));
                case BIG_DECIMAL -> new BigDecimal(text.trim());
                case BIG_INTEGER -> new BigInteger(text.trim());
                case BOOLEAN -> parseBoolean(text);
                case TIMESTAMP -> member.timestampFormat(defaultFormat).parse(text);
                case BLOB -> Base64.getMimeDecoder().decode(text);
                case STRUCTURE, LIST, MAP -> throw new IllegalStateException("not a scalar: " + shape);
            };
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ProtocolException.Kind.INVALID_VALUE, path,
                    "Invalid value '" + abbreviate(text) + "' for parameter " + path + ": expected "
                            + describe(shape.type()) + ".");
        }
    }

    /** The text form of a scalar value of {@code member}'s shape, as query and XML carry it. */
    public static String format(Member member, Object value, TimestampFormat defaultFormat) {
        return switch (value) {
            case Instant instant -> member.timestampFormat(defaultFormat).format(instant);
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Double d -> formatFloating(d);
            case Float f -> formatFloat(f);
            case BigDecimal d -> d.toPlainString();
            default -> value.toString();
        };
    }

    /** A float in its shortest text ({@code 1.1}, not the double {@code 1.100000023841858}). */
    static String formatFloat(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f) || f == Math.rint(f) && Math.abs(f) < 1e15) {
            return formatFloating(f);
        }
        return Float.toString(f);
    }

    static String formatFloating(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }

    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|NaN|[-+]?Infinity");

    private static String floatText(String text) {
        String t = text.trim();
        if (!DECIMAL.matcher(t).matches()) {
            throw new NumberFormatException(t);
        }
        return t;
    }

    private static Boolean parseBoolean(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (t.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }

    private static String describe(ShapeType type) {
        return switch (type) {
            case INTEGER, LONG, SHORT, BYTE, BIG_INTEGER -> "an integer";
            case FLOAT, DOUBLE, BIG_DECIMAL -> "a number";
            case BOOLEAN -> "true or false";
            case TIMESTAMP -> "a timestamp";
            case BLOB -> "base64-encoded data";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}

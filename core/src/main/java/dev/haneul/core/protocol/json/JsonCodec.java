package dev.haneul.core.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.ProtocolException;
import dev.haneul.core.protocol.Scalars;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.TimestampFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code json} 1.0/1.1 protocol body codec: a JSON object read into, and written from, a value
 * tree of a shape. Timestamps default to epoch seconds, blobs to base64, non-finite floats travel
 * as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}; {@code null} members
 * and map values are dropped both ways; document shapes pass through as plain maps, lists and scalars. Only
 * members that travel in the body are read and written (rest-json binds others to the URI, query
 * string, headers and status code).
 */
public final class JsonCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonCodec() {}

    /**
     * Parses a request or response body. An empty body is an empty object.
     *
     * @throws ProtocolException of kind {@code MALFORMED} when the body is not a JSON object, or
     *     {@code INVALID_VALUE} when a member has the wrong type
     */
    public static Map<String, Object> decode(Shape shape, byte[] body) {
        JsonNode root = readTree(body);
        if (root == null) {
            return new LinkedHashMap<>();
        }
        if (!root.isObject()) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, "", "The request body must be a JSON object.");
        }
        return structure(shape, root, "");
    }

    private static Map<String, Object> structure(Shape shape, JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path, "an object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Member member : shape.members().values()) {
            if (!member.inBody()) {
                continue;
            }
            JsonNode child = node.get(member.wireName());
            if (child != null && !child.isNull()) {
                out.put(member.name(), value(member, child, join(path, member.wireName())));
            }
        }
        return out;
    }

    private static Object value(Member member, JsonNode node, String path) {
        Shape shape = member.shape();
        if (shape.isDocument()) {
            return MAPPER.convertValue(node, Object.class);
        }
        return switch (shape.type()) {
            case STRUCTURE -> structure(shape, node, path);
            case LIST -> {
                if (!node.isArray()) {
                    throw invalid(path, "a list");
                }
                List<Object> out = new ArrayList<>(node.size());
                int i = 0;
                for (JsonNode item : node) {
                    out.add(item.isNull() ? null : value(shape.listMember(), item, path + "[" + i++ + "]"));
                }
                yield out;
            }
            case MAP -> {
                if (!node.isObject()) {
                    throw invalid(path, "a map");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                node.properties().forEach(e -> {
                    if (!e.getValue().isNull()) {
                        out.put(e.getKey(), value(shape.mapValue(), e.getValue(), path + "." + e.getKey()));
                    }
                });
                yield out;
            }
            case STRING -> {
                if (!node.isTextual()) {
                    throw invalid(path, "a string");
                }
                yield node.textValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw invalid(path, "a boolean");
                }
                yield node.booleanValue();
            }
            case INTEGER, LONG, SHORT, BYTE, BIG_INTEGER -> {
                if (!node.isIntegralNumber()) {
                    throw invalid(path, "an integer");
                }
                yield switch (shape.type()) {
                    case INTEGER -> node.intValue();
                    case LONG -> node.longValue();
                    case SHORT -> node.shortValue();
                    case BYTE -> (byte) node.intValue();
                    default -> node.bigIntegerValue();
                };
            }
            case FLOAT, DOUBLE, BIG_DECIMAL -> {
                if (node.isTextual()) {
                    yield Scalars.parse(member, node.textValue(), path, TimestampFormat.UNIX_TIMESTAMP);
                }
                if (!node.isNumber()) {
                    throw invalid(path, "a number");
                }
                yield switch (shape.type()) {
                    case FLOAT -> node.floatValue();
                    case DOUBLE -> node.doubleValue();
                    default -> node.decimalValue();
                };
            }
            case TIMESTAMP -> {
                if (node.isNumber()) {
                    BigDecimal seconds = node.decimalValue();
                    long whole = seconds.longValue();
                    yield Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue());
                }
                if (!node.isTextual()) {
                    throw invalid(path, "a timestamp");
                }
                yield Scalars.parse(member, node.textValue(), path, TimestampFormat.UNIX_TIMESTAMP);
            }
            case BLOB -> {
                if (!node.isTextual()) {
                    throw invalid(path, "base64-encoded data");
                }
                yield Scalars.parse(member, node.textValue(), path, TimestampFormat.UNIX_TIMESTAMP);
            }
        };
    }

    /**
     * Parses a rest-json payload that is a whole structure or document ({@code payload} member).
     * An empty body is absent.
     *
     * @throws ProtocolException as {@link #decode}
     */
    public static Optional<Object> decodePayload(Member member, byte[] body) {
        JsonNode root = readTree(body);
        if (root == null || root.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value(member, root, member.name()));
    }

    /** The document of a body, {@code null} for an empty one. */
    private static @Nullable JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            return root == null || root.isMissingNode() ? null : root;
        } catch (IOException e) {
            throw new ProtocolException(ProtocolException.Kind.MALFORMED, "",
                    "Start of structure or map found where not expected, or the body is not valid JSON.");
        }
    }

    /** Writes a rest-json structure or document payload. */
    public static byte[] encodePayload(Member member, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            writeValue(gen, member, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code value} (a value tree of {@code shape}) as a JSON object. */
    public static byte[] encode(Shape shape, Map<String, Object> value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            writeStructure(gen, shape, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The error body: {@code __type} ({@code type}: the error's code, or a query-compatible service's
     * shape name), {@code message}, the body members the error shape declares, then any other
     * fields under their own names.
     */
    public static byte[] error(AwsServiceException error, Optional<Shape> errorShape, String type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("__type", type);
            gen.writeStringField("message", error.getMessage());
            Map<String, Member> declared = errorShape.map(Shape::members).orElse(Map.of());
            for (Member member : declared.values()) {
                Object v = error.fields().get(member.name());
                if (v != null && member.inResponseBody() && !member.name().equalsIgnoreCase("message")) {
                    gen.writeFieldName(member.wireName());
                    writeValue(gen, member, v);
                }
            }
            for (Map.Entry<String, Object> e : error.fields().entrySet()) {
                if (e.getValue() != null && !declared.containsKey(e.getKey()) && !e.getKey().equalsIgnoreCase("message")) {
                    gen.writeObjectField(e.getKey(), e.getValue());
                }
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeStructure(JsonGenerator gen, Shape shape, Map<String, Object> value) throws IOException {
        gen.writeStartObject();
        for (Member member : shape.members().values()) {
            Object v = value.get(member.name());
            if (v != null && member.inResponseBody()) {
                gen.writeFieldName(member.wireName());
                writeValue(gen, member, v);
            }
        }
        gen.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(JsonGenerator gen, Member member, Object value) throws IOException {
        Shape shape = member.shape();
        if (shape.isDocument()) {
            MAPPER.writeValue(gen, value);
            return;
        }
        switch (shape.type()) {
            case STRUCTURE -> writeStructure(gen, shape, (Map<String, Object>) value);
            case LIST -> {
                gen.writeStartArray();
                for (Object item : (List<Object>) value) {
                    if (item == null) {
                        gen.writeNull();
                    } else {
                        writeValue(gen, shape.listMember(), item);
                    }
                }
                gen.writeEndArray();
            }
            case MAP -> {
                gen.writeStartObject();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                    gen.writeFieldName(e.getKey());
                    if (e.getValue() == null) {
                        gen.writeNull();
                    } else {
                        writeValue(gen, shape.mapValue(), e.getValue());
                    }
                }
                gen.writeEndObject();
            }
            case TIMESTAMP -> {
                TimestampFormat format = member.timestampFormat(TimestampFormat.UNIX_TIMESTAMP);
                String text = format.format((Instant) value);
                if (format == TimestampFormat.UNIX_TIMESTAMP) {
                    gen.writeNumber(text);
                } else {
                    gen.writeString(text);
                }
            }
            case BLOB -> gen.writeString(Base64.getEncoder().encodeToString((byte[]) value));
            case BOOLEAN -> gen.writeBoolean((Boolean) value);
            case FLOAT, DOUBLE -> {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    gen.writeString(Scalars.format(member, value, TimestampFormat.UNIX_TIMESTAMP));
                } else if (value instanceof Float f) {
                    gen.writeNumber(f);
                } else {
                    gen.writeNumber(d);
                }
            }
            case INTEGER, SHORT, BYTE -> gen.writeNumber(((Number) value).intValue());
            case LONG -> gen.writeNumber(((Number) value).longValue());
            case BIG_INTEGER -> gen.writeNumber((BigInteger) value);
            case BIG_DECIMAL -> gen.writeNumber((BigDecimal) value);
            case STRING -> gen.writeString(value.toString());
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static ProtocolException invalid(String path, String expected) {
        return new ProtocolException(ProtocolException.Kind.INVALID_VALUE, path,
                "Invalid value for " + path + ": expected " + expected + ".");
    }
}

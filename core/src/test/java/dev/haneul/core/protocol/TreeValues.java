package dev.haneul.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: converts botocore's JSON notation of parameters and results (timestamps as epoch
 * numbers, blobs as text, non-finite floats as strings) into Haneul value trees of a shape, and
 * canonicalises value trees so two trees compare with {@code equals}.
 */
public final class TreeValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TreeValues() {}

    /** The value tree botocore means by {@code node} for {@code shape}. */
    public static Map<String, Object> fromBotocore(Shape shape, JsonNode node) {
        return structure(shape, node);
    }

    private static Map<String, Object> structure(Shape shape, JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            Member member = shape.members().get(e.getKey());
            if (member == null) {
                throw new IllegalArgumentException("no member " + e.getKey() + " in " + shape);
            }
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), value(member, e.getValue()));
            }
        });
        return out;
    }

    private static Object value(Member member, JsonNode node) {
        Shape shape = member.shape();
        if (shape.isDocument()) {
            return MAPPER.convertValue(node, Object.class);
        }
        return switch (shape.type()) {
            case STRUCTURE -> structure(shape, node);
            case LIST -> {
                List<Object> out = new ArrayList<>();
                node.forEach(item -> out.add(item.isNull() ? null : value(shape.listMember(), item)));
                yield out;
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                node.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? null : value(shape.mapValue(), e.getValue())));
                yield out;
            }
            case STRING -> node.asText();
            case BOOLEAN -> node.asBoolean();
            case INTEGER, SHORT, BYTE -> node.asInt();
            case LONG -> node.asLong();
            case BIG_INTEGER -> node.bigIntegerValue();
            case BIG_DECIMAL -> node.decimalValue();
            case FLOAT -> node.isTextual() ? Float.valueOf(node.asText()) : node.floatValue();
            case DOUBLE -> node.isTextual() ? Double.valueOf(node.asText()) : node.doubleValue();
            case TIMESTAMP -> {
                BigDecimal seconds = node.decimalValue();
                long whole = seconds.longValue();
                yield Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue());
            }
            case BLOB -> node.asText().getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A canonical form: integral numbers as Long, floating as Double, blobs as base64 text, instants as epoch millis. */
    @SuppressWarnings("unchecked")
    public static Object canonical(Object value) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<String, Object>) map).forEach((k, v) -> out.put(k, canonical(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(TreeValues::canonical).toList();
            case byte[] bytes -> "base64:" + Base64.getEncoder().encodeToString(bytes);
            case Instant instant -> "instant:" + instant.toEpochMilli();
            case Float f -> "float:" + (double) f;
            case Double d -> "float:" + d;
            case BigDecimal d -> "decimal:" + d.stripTrailingZeros().toPlainString();
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            default -> value;
        };
    }
}

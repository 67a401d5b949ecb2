package dev.haneul.core.protocol.xml;

import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.Scalars;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.ShapeType;
import dev.haneul.core.protocol.TimestampFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@link XmlElement} into a value tree of a shape, by the same rules {@link XmlShapeWriter}
 * writes: members by wire name (attributes for {@code xmlAttribute} members), lists with their item
 * elements or flattened, maps with {@code entry} or flattened. Unknown elements are ignored;
 * namespaces and the root element's name are not checked, as AWS services do not check them.
 * String values keep their whitespace; other scalars are trimmed.
 */
public final class XmlShapeReader {

    private XmlShapeReader() {}

    /** The members of {@code shape} a request body carries, inside {@code element}. */
    public static Map<String, Object> structure(Shape shape, XmlElement element) {
        return structure(shape, element, "", false);
    }

    /** The members of {@code shape} a response body carries ({@link Member#inResponseBody}). */
    public static Map<String, Object> responseStructure(Shape shape, XmlElement element) {
        return structure(shape, element, "", true);
    }

    private static Map<String, Object> structure(Shape shape, XmlElement element, String path, boolean response) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Member member : shape.members().values()) {
            if (response ? !member.inResponseBody() : !member.inBody()) {
                continue;
            }
            String name = member.wireName();
            String memberPath = path.isEmpty() ? name : path + "." + name;
            if (member.xmlAttribute()) {
                String value = element.attribute(name);
                if (value != null) {
                    out.put(member.name(), scalar(member, value, memberPath));
                }
                continue;
            }
            ShapeType type = member.shape().type();
            if (member.flattened() && (type == ShapeType.LIST || type == ShapeType.MAP)) {
                List<XmlElement> items = element.children(name);
                if (!items.isEmpty()) {
                    out.put(member.name(), type == ShapeType.LIST
                            ? items(member.shape().listMember(), items, memberPath)
                            : entries(member.shape(), items, memberPath));
                }
                continue;
            }
            XmlElement child = element.child(name);
            if (child != null) {
                out.put(member.name(), value(member, child, memberPath));
            }
        }
        return out;
    }

    /** The value of {@code member} written as {@code element}. */
    public static Object value(Member member, XmlElement element, String path) {
        Shape shape = member.shape();
        return switch (shape.type()) {
            case STRUCTURE -> structure(shape, element, path, false);
            case LIST -> {
                Member item = shape.listMember();
                yield items(item, element.children(item.locationName().orElse("member")), path);
            }
            case MAP -> entries(shape, element.children("entry"), path);
            default -> scalar(member, element.text(), path);
        };
    }

    private static List<Object> items(Member item, List<XmlElement> elements, String path) {
        List<Object> out = new ArrayList<>(elements.size());
        int i = 1;
        for (XmlElement element : elements) {
            out.add(value(item, element, path + "." + i++));
        }
        return out;
    }

    private static Map<String, Object> entries(Shape map, List<XmlElement> entries, String path) {
        String keyName = map.mapKey().locationName().orElse("key");
        String valueName = map.mapValue().locationName().orElse("value");
        Map<String, Object> out = new LinkedHashMap<>();
        for (XmlElement entry : entries) {
            XmlElement key = entry.child(keyName);
            if (key == null) {
                continue;
            }
            XmlElement value = entry.child(valueName);
            out.put(key.text(), value == null ? null : value(map.mapValue(), value, path + "." + key.text()));
        }
        return out;
    }

    private static Object scalar(Member member, String text, String path) {
        ShapeType type = member.shape().type();
        return Scalars.parse(member, type == ShapeType.STRING ? text : text.trim(), path, TimestampFormat.ISO8601);
    }
}

package dev.haneul.core.protocol.xml;

import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.Scalars;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.TimestampFormat;
import dev.haneul.core.protocol.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes value trees as XML the way AWS's XML protocols do ({@code query}, {@code ec2} and
 * {@code rest-xml} share these rules): members in model order under their wire names; a
 * non-flattened list is {@code <Name><member>…</member></Name>} with the list member's
 * {@code locationName} replacing {@code member}; a flattened list repeats {@code <Name>} per item; a
 * map is {@code <Name><entry><key/><value/></entry></Name>} (key and value renamed by the model,
 * {@code entry} dropped when flattened); {@code xmlAttribute} members become attributes of their
 * structure's element; {@code xmlNamespace} declarations go on the element they belong to;
 * timestamps are ISO-8601 unless the model says otherwise. Members bound elsewhere by a rest
 * protocol (headers, URI, status code) are skipped: they are not part of the body.
 */
public final class XmlShapeWriter {

    private XmlShapeWriter() {}

    /** Writes the body members of {@code shape} (not its attributes) as child elements. */
    public static void members(XmlWriter xml, Shape shape, Map<String, Object> values) {
        for (Member member : shape.members().values()) {
            Object value = values.get(member.name());
            if (value != null && member.inResponseBody() && !member.xmlAttribute()) {
                value(xml, member, value);
            }
        }
    }

    /**
     * Writes a structure as a root element {@code name}, with its attributes and, when given, a
     * namespace declaration.
     */
    public static void root(XmlWriter xml, String name, Optional<Member.XmlNamespace> namespace, Shape shape,
                            Map<String, Object> values) {
        List<String> attributes = attributes(shape, values);
        namespace.ifPresent(ns -> {
            attributes.add(ns.attributeName());
            attributes.add(ns.uri());
        });
        start(xml, name, attributes);
        members(xml, shape, values);
        xml.end(name);
    }

    /** Writes {@code value} of {@code member} as its element (or elements, for flattened lists and maps). */
    public static void value(XmlWriter xml, Member member, Object value) {
        Shape shape = member.shape();
        String name = member.wireName();
        switch (shape.type()) {
            case STRUCTURE -> {
                Map<String, Object> values = asMap(value);
                List<String> attributes = attributes(shape, values);
                addNamespace(member, attributes);
                start(xml, name, attributes);
                members(xml, shape, values);
                xml.end(name);
            }
            case LIST -> {
                Member item = shape.listMember();
                List<?> items = (List<?>) value;
                if (member.flattened()) {
                    Member renamed = renamed(item, name);
                    for (Object element : items) {
                        if (element != null) {
                            value(xml, renamed, element);
                        }
                    }
                } else {
                    open(xml, name, member);
                    for (Object element : items) {
                        if (element != null) {
                            value(xml, item, element);
                        }
                    }
                    xml.end(name);
                }
            }
            case MAP -> {
                Member keyMember = shape.mapKey();
                Member valueMember = renamed(shape.mapValue(), shape.mapValue().locationName().orElse("value"));
                String keyName = keyMember.locationName().orElse("key");
                if (!member.flattened()) {
                    open(xml, name, member);
                }
                String entryName = member.flattened() ? name : "entry";
                for (Map.Entry<String, Object> e : asMap(value).entrySet()) {
                    if (member.flattened()) {
                        open(xml, entryName, member);
                    } else {
                        xml.start(entryName);
                    }
                    List<String> keyAttributes = new ArrayList<>(2);
                    addNamespace(keyMember, keyAttributes);
                    start(xml, keyName, keyAttributes);
                    xml.text(e.getKey()).end(keyName);
                    if (e.getValue() != null) {
                        value(xml, valueMember, e.getValue());
                    }
                    xml.end(entryName);
                }
                if (!member.flattened()) {
                    xml.end(name);
                }
            }
            default -> {
                open(xml, name, member);
                xml.text(text(member, value));
                xml.end(name);
            }
        }
    }

    /** The text of a scalar in XML: ISO-8601 timestamps unless the model says otherwise, base64 blobs. */
    public static String text(Member member, Object value) {
        return Scalars.format(member, value, TimestampFormat.ISO8601);
    }

    /** The {@code xmlAttribute} members of a structure value, as alternating names and values. */
    private static List<String> attributes(Shape shape, Map<String, Object> values) {
        List<String> out = new ArrayList<>(2);
        for (Member member : shape.members().values()) {
            Object value = values.get(member.name());
            if (member.xmlAttribute() && value != null) {
                out.add(member.wireName());
                out.add(text(member, value));
            }
        }
        return out;
    }

    private static void open(XmlWriter xml, String name, Member member) {
        List<String> attributes = new ArrayList<>(2);
        addNamespace(member, attributes);
        start(xml, name, attributes);
    }

    private static void addNamespace(Member member, List<String> attributes) {
        member.xmlNamespace().ifPresent(ns -> {
            attributes.add(ns.attributeName());
            attributes.add(ns.uri());
        });
    }

    private static void start(XmlWriter xml, String name, List<String> attributes) {
        if (attributes.isEmpty()) {
            xml.start(name);
        } else {
            xml.start(name, attributes.toArray(String[]::new));
        }
    }

    /** The same member written under another element name (list items, map values). */
    private static Member renamed(Member member, String name) {
        return name.equals(member.wireName()) ? member : member.withWireName(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}

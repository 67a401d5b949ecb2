package dev.haneul.core.protocol;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Test-side reader of query-protocol XML, following botocore's parser: find the result wrapper
 * by name, read members by wire name, lists non-flattened ({@code <Name><member/></Name>}) or
 * flattened (repeated {@code <Name/>}), maps with or without {@code entry}. Used to check that what
 * Haneul writes is what clients read.
 */
public final class XmlTreeParser {

    private XmlTreeParser() {}

    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    /** The output value tree of a success response. */
    public static Map<String, Object> result(String xml, OperationModel operation) {
        if (operation.output().isEmpty() || xml.isBlank()) {
            return Map.of();
        }
        Element root = parse(xml).getDocumentElement();
        String wrapper = operation.resultWrapper().orElse(operation.name() + "Result");
        Element result = child(root, wrapper);
        if (result == null) {
            throw new AssertionError("no <" + wrapper + "> in " + xml);
        }
        return structure(operation.output().get(), result);
    }

    /** The output value tree of an ec2 success response: members directly under the root. */
    public static Map<String, Object> rootResult(String xml, OperationModel operation) {
        if (operation.output().isEmpty() || xml.isBlank()) {
            return Map.of();
        }
        return structure(operation.output().get(), parse(xml).getDocumentElement());
    }

    /**
     * The {@code <Error>} element of an error response: under {@code <ErrorResponse>} (query), under
     * {@code <Response><Errors>} (ec2), or the root itself.
     */
    public static Element error(String xml) {
        Element root = parse(xml).getDocumentElement();
        if (localName(root).equals("Error")) {
            return root;
        }
        Element errors = child(root, "Errors");
        Element error = child(errors != null ? errors : root, "Error");
        if (error == null) {
            throw new AssertionError("no <Error> in " + xml);
        }
        return error;
    }

    /** The text of {@code parent}'s first child element {@code name}, or the empty string. */
    public static String text(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? "" : child.getTextContent();
    }

    public static Map<String, Object> structure(Shape shape, Element element) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Member member : shape.members().values()) {
            if (member.xmlAttribute()) {
                if (element.hasAttribute(member.wireName())) {
                    out.put(member.name(), scalar(member, element.getAttribute(member.wireName())));
                }
                continue;
            }
            Shape target = member.shape();
            if (target.type() == ShapeType.LIST && member.flattened()) {
                List<Element> items = children(element, member.wireName());
                if (!items.isEmpty()) {
                    List<Object> values = new ArrayList<>();
                    for (Element item : items) {
                        values.add(value(target.listMember(), item));
                    }
                    out.put(member.name(), values);
                }
                continue;
            }
            if (target.type() == ShapeType.MAP && member.flattened()) {
                List<Element> entries = children(element, member.wireName());
                if (!entries.isEmpty()) {
                    out.put(member.name(), entries(target, entries));
                }
                continue;
            }
            Element child = child(element, member.wireName());
            if (child != null) {
                out.put(member.name(), value(member, child));
            }
        }
        return out;
    }

    private static Object value(Member member, Element element) {
        Shape shape = member.shape();
        return switch (shape.type()) {
            case STRUCTURE -> structure(shape, element);
            case LIST -> {
                List<Object> out = new ArrayList<>();
                for (Element item : elements(element)) {
                    out.add(value(shape.listMember(), item));
                }
                yield out;
            }
            case MAP -> entries(shape, children(element, "entry"));
            default -> scalar(member, element.getTextContent());
        };
    }

    private static Map<String, Object> entries(Shape map, List<Element> entries) {
        Map<String, Object> out = new LinkedHashMap<>();
        String keyName = map.mapKey().locationName().orElse("key");
        String valueName = map.mapValue().locationName().orElse("value");
        for (Element entry : entries) {
            Element key = child(entry, keyName);
            Element value = child(entry, valueName);
            out.put(key.getTextContent(), value == null ? null : value(map.mapValue(), value));
        }
        return out;
    }

    private static Object scalar(Member member, String text) {
        return Scalars.parse(member, text, member.name(), TimestampFormat.ISO8601);
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName(e).equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName(e).equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}

package dev.haneul.core.protocol.xml;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A parsed XML element as the protocols read it: local name (namespaces ignored, as AWS clients and
 * services do), attributes by local and by prefixed name ({@code xsi:type}), child elements and
 * character data. Parsing is StAX with DTDs and external entities off, and a depth limit, so a
 * request body can neither read files nor exhaust the stack.
 */
public final class XmlElement {

    /** Deeper documents are refused; AWS request bodies nest a few levels. */
    public static final int MAX_DEPTH = 64;

    private static final XMLInputFactory FACTORY = factory();

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>(2);
    private final List<XmlElement> children = new ArrayList<>(4);
    private final StringBuilder text = new StringBuilder();

    private XmlElement(String name) {
        this.name = name;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /**
     * The root element of a document.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed document within the limits
     */
    public static XmlElement parse(byte[] document) {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
            List<XmlElement> stack = new ArrayList<>();
            XmlElement root = null;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (stack.size() >= MAX_DEPTH) {
                            throw new IllegalArgumentException("the document nests deeper than " + MAX_DEPTH + " levels");
                        }
                        XmlElement element = new XmlElement(reader.getLocalName());
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            String local = reader.getAttributeLocalName(i);
                            String prefix = reader.getAttributePrefix(i);
                            element.attributes.put(local, reader.getAttributeValue(i));
                            if (prefix != null && !prefix.isEmpty()) {
                                element.attributes.put(prefix + ":" + local, reader.getAttributeValue(i));
                            }
                        }
                        if (stack.isEmpty()) {
                            root = element;
                        } else {
                            stack.getLast().children.add(element);
                        }
                        stack.add(element);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.removeLast();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            stack.getLast().text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new IllegalArgumentException("DTDs and entity references are not accepted");
                    default -> {
                        // comments, processing instructions, the document's end
                    }
                }
            }
            if (root == null) {
                throw new IllegalArgumentException("the document has no root element");
            }
            return root;
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held beyond the byte array
                }
            }
        }
    }

    /** The local name. */
    public String name() {
        return name;
    }

    /** An attribute by local name or by {@code prefix:local} name. */
    public @Nullable String attribute(String name) {
        return attributes.get(name);
    }

    public List<XmlElement> children() {
        return children;
    }

    /** The first child named {@code name}, or {@code null}. */
    public @Nullable XmlElement child(String name) {
        for (XmlElement child : children) {
            if (child.name.equals(name)) {
                return child;
            }
        }
        return null;
    }

    /** Every child named {@code name}, in document order. */
    public List<XmlElement> children(String name) {
        List<XmlElement> out = new ArrayList<>(2);
        for (XmlElement child : children) {
            if (child.name.equals(name)) {
                out.add(child);
            }
        }
        return out;
    }

    /** The character data directly inside this element (CDATA included), untrimmed. */
    public String text() {
        return text.toString();
    }
}

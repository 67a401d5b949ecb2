package dev.haneul.core.protocol;

import java.util.Optional;

/**
 * A reference from a structure, list or map to a shape, with the serialisation traits that the
 * reference adds (wire name, flattening, XML namespace, timestamp format).
 */
public final class Member {

    private final String name;
    private final String shapeName;
    private final String locationName;
    private final boolean flattened;
    private final boolean xmlAttribute;
    private final XmlNamespace xmlNamespace;
    private final TimestampFormat timestampFormat;
    private final boolean idempotencyToken;
    private final boolean jsonValue;
    private Shape shape;

    Member(String name, String shapeName, String locationName, boolean flattened, boolean xmlAttribute,
           XmlNamespace xmlNamespace, TimestampFormat timestampFormat, boolean idempotencyToken, boolean jsonValue) {
        this.name = name;
        this.shapeName = shapeName;
        this.locationName = locationName;
        this.flattened = flattened;
        this.xmlAttribute = xmlAttribute;
        this.xmlNamespace = xmlNamespace;
        this.timestampFormat = timestampFormat;
        this.idempotencyToken = idempotencyToken;
        this.jsonValue = jsonValue;
    }

    void link(Shape target) {
        this.shape = target;
    }

    /** This reference under another wire name (list items and map values written by their parent). */
    public Member withWireName(String wireName) {
        Member copy = new Member(name, shapeName, wireName, flattened, xmlAttribute, xmlNamespace, timestampFormat,
                idempotencyToken, jsonValue);
        copy.link(shape);
        return copy;
    }

    /** The member's name in the model (the key of the value tree). */
    public String name() {
        return name;
    }

    public Shape shape() {
        return shape;
    }

    /** The name on the wire: the member's {@code locationName}, else its name. */
    public String wireName() {
        return locationName != null ? locationName : name;
    }

    /** The {@code locationName} of this reference, if the model gives one. */
    public Optional<String> locationName() {
        return Optional.ofNullable(locationName);
    }

    /** Whether the reference or its target shape is flattened (lists and maps in XML/query). */
    public boolean flattened() {
        return flattened || shape.flattened();
    }

    public boolean xmlAttribute() {
        return xmlAttribute;
    }

    public Optional<XmlNamespace> xmlNamespace() {
        return Optional.ofNullable(xmlNamespace != null ? xmlNamespace : shape.xmlNamespace());
    }

    /** The timestamp format of this reference, else of its shape, else {@code protocolDefault}. */
    public TimestampFormat timestampFormat(TimestampFormat protocolDefault) {
        if (timestampFormat != null) {
            return timestampFormat;
        }
        return shape.timestampFormat().orElse(protocolDefault);
    }

    public boolean idempotencyToken() {
        return idempotencyToken;
    }

    public boolean jsonValue() {
        return jsonValue;
    }

    String shapeName() {
        return shapeName;
    }

    /** An XML namespace declaration: {@code xmlns[:prefix]="uri"}. */
    public record XmlNamespace(String prefix, String uri) {

        public String attributeName() {
            return prefix == null ? "xmlns" : "xmlns:" + prefix;
        }
    }
}

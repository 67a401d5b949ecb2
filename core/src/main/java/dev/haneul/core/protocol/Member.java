package dev.haneul.core.protocol;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A reference from a structure, list or map to a shape, with the serialisation traits that the
 * reference adds: wire name, where in the HTTP message it travels (rest protocols bind members to
 * the URI, query string, headers or status code), flattening, XML namespace, timestamp format.
 */
public final class Member {

    /** Where a member of a rest protocol's input or output travels; every other protocol uses {@link #BODY}. */
    public enum Location {
        BODY, URI, QUERY_STRING, HEADER, HEADERS, STATUS_CODE;

        static Location fromModel(String name) {
            return switch (name) {
                case "uri" -> URI;
                case "querystring" -> QUERY_STRING;
                case "header" -> HEADER;
                case "headers" -> HEADERS;
                case "statusCode" -> STATUS_CODE;
                default -> BODY;
            };
        }
    }

    private final String name;
    private final String shapeName;
    private final Location location;
    private final @Nullable String locationName;
    private final @Nullable String queryName;
    private final boolean flattened;
    private final boolean xmlAttribute;
    private final @Nullable XmlNamespace xmlNamespace;
    private final @Nullable TimestampFormat timestampFormat;
    private final boolean idempotencyToken;
    private final boolean jsonValue;
    private final boolean streaming;
    private final boolean hostLabel;
    /** Linked by {@link ServiceModel} once every shape is read, before the model is handed out. */
    @SuppressWarnings("NullAway.Init")
    private Shape shape;

    Member(String name, String shapeName, Location location, @Nullable String locationName, @Nullable String queryName,
           boolean flattened, boolean xmlAttribute, @Nullable XmlNamespace xmlNamespace,
           @Nullable TimestampFormat timestampFormat, boolean idempotencyToken,
           boolean jsonValue, boolean streaming, boolean hostLabel) {
        this.name = name;
        this.shapeName = shapeName;
        this.location = location;
        this.locationName = locationName;
        this.queryName = queryName;
        this.flattened = flattened;
        this.xmlAttribute = xmlAttribute;
        this.xmlNamespace = xmlNamespace;
        this.timestampFormat = timestampFormat;
        this.idempotencyToken = idempotencyToken;
        this.jsonValue = jsonValue;
        this.streaming = streaming;
        this.hostLabel = hostLabel;
    }

    void link(Shape target) {
        this.shape = target;
    }

    /** This reference under another wire name (list items and map values written by their parent). */
    public Member withWireName(String wireName) {
        Member copy = new Member(name, shapeName, location, wireName, queryName, flattened, xmlAttribute, xmlNamespace,
                timestampFormat, idempotencyToken, jsonValue, streaming, hostLabel);
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

    /** Where the member travels in a rest protocol's HTTP message. */
    public Location location() {
        return location;
    }

    /** Whether the member travels in a request's body (always, outside the rest protocols). */
    public boolean inBody() {
        return location == Location.BODY;
    }

    /**
     * Whether the member travels in a response's body: a response has no URI or query string, so a
     * member bound there (its structure also serves as input) travels in the body.
     */
    public boolean inResponseBody() {
        return location == Location.BODY || location == Location.URI || location == Location.QUERY_STRING;
    }

    /** The {@code ec2} protocol's explicit parameter name ({@code queryName}), if the model gives one. */
    public Optional<String> queryName() {
        return Optional.ofNullable(queryName);
    }

    /** A blob payload the codec hands over as a {@link StreamingBlob}, never as a byte array. */
    public boolean streaming() {
        return streaming || shape.streaming();
    }

    /** A member whose value is also part of the host name ({@code endpoint.hostPrefix} label). */
    public boolean hostLabel() {
        return hostLabel;
    }

    /** Whether the reference or its target shape is flattened (lists and maps in XML/query). */
    public boolean flattened() {
        return flattened || shape.flattened();
    }

    public boolean xmlAttribute() {
        return xmlAttribute;
    }

    public Optional<XmlNamespace> xmlNamespace() {
        return xmlNamespace != null ? Optional.of(xmlNamespace) : shape.xmlNamespace();
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
    public record XmlNamespace(@Nullable String prefix, String uri) {

        public String attributeName() {
            return prefix == null ? "xmlns" : "xmlns:" + prefix;
        }
    }
}

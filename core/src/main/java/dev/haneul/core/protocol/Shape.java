package dev.haneul.core.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One shape of an AWS service model: a structure with members, a list, a map or a scalar, with the
 * constraints Haneul checks (required members, enum values, length and range) and the
 * serialisation traits the protocols need.
 */
public final class Shape {

    private final String name;
    private final ShapeType type;
    private final Map<String, Member> members;
    private final Set<String> required;
    private final @Nullable Member listMember;
    private final @Nullable Member mapKey;
    private final @Nullable Member mapValue;
    private final boolean flattened;
    private final List<String> enumValues;
    private final @Nullable TimestampFormat timestampFormat;
    private final Member.@Nullable XmlNamespace xmlNamespace;
    private final @Nullable ErrorTrait error;
    private final boolean exception;
    private final boolean document;
    private final @Nullable Long min;
    private final @Nullable Long max;
    private final @Nullable String payload;
    private final @Nullable String locationName;
    private final boolean union;
    private final boolean streaming;

    Shape(String name, ShapeType type, Map<String, Member> members, Set<String> required, @Nullable Member listMember,
          @Nullable Member mapKey, @Nullable Member mapValue, boolean flattened, List<String> enumValues,
          @Nullable TimestampFormat timestampFormat, Member.@Nullable XmlNamespace xmlNamespace,
          @Nullable ErrorTrait error, boolean exception, boolean document, @Nullable Long min, @Nullable Long max,
          @Nullable String payload, @Nullable String locationName, boolean union, boolean streaming) {
        this.name = name;
        this.type = type;
        this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        this.required = Set.copyOf(required);
        this.listMember = listMember;
        this.mapKey = mapKey;
        this.mapValue = mapValue;
        this.flattened = flattened;
        this.enumValues = List.copyOf(enumValues);
        this.timestampFormat = timestampFormat;
        this.xmlNamespace = xmlNamespace;
        this.error = error;
        this.exception = exception;
        this.document = document;
        this.min = min;
        this.max = max;
        this.payload = payload;
        this.locationName = locationName;
        this.union = union;
        this.streaming = streaming;
    }

    public String name() {
        return name;
    }

    public ShapeType type() {
        return type;
    }

    /** Structure members in model order. */
    public Map<String, Member> members() {
        return members;
    }

    public Set<String> required() {
        return required;
    }

    /** A list's member; only for a {@link ShapeType#LIST} (the codecs branch on the type first). */
    public Member listMember() {
        return present(listMember, "a list");
    }

    /** A map's key; only for a {@link ShapeType#MAP}. */
    public Member mapKey() {
        return present(mapKey, "a map");
    }

    /** A map's value; only for a {@link ShapeType#MAP}. */
    public Member mapValue() {
        return present(mapValue, "a map");
    }

    private Member present(@Nullable Member member, String kind) {
        if (member == null) {
            throw new IllegalStateException(name + " (" + type + ") is not " + kind);
        }
        return member;
    }

    public boolean flattened() {
        return flattened;
    }

    public List<String> enumValues() {
        return enumValues;
    }

    public Optional<TimestampFormat> timestampFormat() {
        return Optional.ofNullable(timestampFormat);
    }

    /** The XML namespace the shape declares for the elements written from it. */
    public Optional<Member.XmlNamespace> xmlNamespace() {
        return Optional.ofNullable(xmlNamespace);
    }

    /** The XML element name the shape declares for itself ({@code locationName} on the shape). */
    public Optional<String> locationName() {
        return Optional.ofNullable(locationName);
    }

    /**
     * For a rest protocol's input or output structure: the member that is the whole HTTP body
     * ({@code payload}), a blob, string, structure or document.
     */
    public Optional<Member> payloadMember() {
        return payload == null ? Optional.empty() : Optional.ofNullable(members.get(payload)); // checked a member on load
    }

    /** A structure of which at most one member is set. */
    public boolean isUnion() {
        return union;
    }

    /** A blob whose content is streamed rather than held ({@code streaming} on the shape). */
    public boolean streaming() {
        return streaming;
    }

    /** For exception shapes: the wire code, HTTP status and fault side the model declares. */
    public Optional<ErrorTrait> error() {
        return Optional.ofNullable(error);
    }

    public boolean isException() {
        return exception;
    }

    /** A shape holding an arbitrary JSON document. */
    public boolean isDocument() {
        return document;
    }

    public Optional<Long> min() {
        return Optional.ofNullable(min);
    }

    public Optional<Long> max() {
        return Optional.ofNullable(max);
    }

    @Override
    public String toString() {
        return name + "(" + type + ")";
    }

    /** The {@code error} trait of an exception shape. */
    public record ErrorTrait(String code, int httpStatus, boolean senderFault) {}
}

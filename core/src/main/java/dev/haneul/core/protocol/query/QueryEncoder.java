package dev.haneul.core.protocol.query;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.Scalars;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.TimestampFormat;
import dev.haneul.core.protocol.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code query}-protocol responses: the {@code <OpResponse><OpResult>} envelope with the
 * output members in model order and with the model's XML names, and the {@code <ErrorResponse>}
 * envelope for errors.
 *
 * <p>Wire rules (botocore's parser and the AWS SDK for Java read exactly these): a non-flattened
 * list is {@code <Name><member>…</member></Name>} with the list member's {@code locationName}
 * replacing {@code member}; a flattened list repeats {@code <Name>} per item; a map is
 * {@code <Name><entry><key/><value/></entry></Name>} ({@code entry} dropped when flattened);
 * timestamps are ISO-8601 unless the model says otherwise; empty lists are written as an empty
 * element so clients see an empty list rather than a missing one.
 */
public final class QueryEncoder {

    private QueryEncoder() {}

    /** The success envelope of {@code operation} carrying {@code output} (a value tree). */
    public static String response(OperationModel operation, Optional<String> xmlNamespace,
                                  Map<String, Object> output, String requestId) {
        XmlWriter xml = new XmlWriter(512);
        String root = operation.name() + "Response";
        if (xmlNamespace.isPresent()) {
            xml.start(root, "xmlns", xmlNamespace.get());
        } else {
            xml.start(root);
        }
        if (operation.output().isPresent()) {
            String wrapper = operation.resultWrapper().orElse(operation.name() + "Result");
            xml.start(wrapper);
            members(xml, operation.output().get(), output);
            xml.end(wrapper);
        }
        xml.start("ResponseMetadata").element("RequestId", requestId).end("ResponseMetadata");
        xml.end(root);
        return xml.toString();
    }

    /**
     * The error envelope. {@code errorShape}, when the model declares one for the code, lets
     * structured error members beside {@code Message} be written with their wire names.
     */
    public static String error(AwsServiceException error, Optional<String> xmlNamespace,
                               Optional<Shape> errorShape, String requestId) {
        XmlWriter xml = new XmlWriter(256);
        if (xmlNamespace.isPresent()) {
            xml.start("ErrorResponse", "xmlns", xmlNamespace.get());
        } else {
            xml.start("ErrorResponse");
        }
        xml.start("Error")
                .element("Type", error.senderFault() ? "Sender" : "Receiver")
                .element("Code", error.code())
                .element("Message", error.getMessage());
        if (!error.fields().isEmpty()) {
            if (errorShape.isPresent()) {
                for (Member member : errorShape.get().members().values()) {
                    Object value = error.fields().get(member.name());
                    if (value != null && !member.name().equalsIgnoreCase("message")) {
                        value(xml, member, value);
                    }
                }
            } else {
                error.fields().forEach((name, value) -> {
                    if (!name.equalsIgnoreCase("message") && value != null) {
                        xml.element(name, String.valueOf(value));
                    }
                });
            }
        }
        xml.end("Error").element("RequestId", requestId).end("ErrorResponse");
        return xml.toString();
    }

    private static void members(XmlWriter xml, Shape shape, Map<String, Object> values) {
        for (Member member : shape.members().values()) {
            Object value = values.get(member.name());
            if (value != null && !member.xmlAttribute()) {
                value(xml, member, value);
            }
        }
    }

    private static void value(XmlWriter xml, Member member, Object value) {
        Shape shape = member.shape();
        String name = member.wireName();
        switch (shape.type()) {
            case STRUCTURE -> {
                open(xml, name, member, attributes(shape, asMap(value)));
                members(xml, shape, asMap(value));
                xml.end(name);
            }
            case LIST -> {
                Member item = shape.listMember();
                List<?> items = (List<?>) value;
                if (member.flattened()) {
                    for (Object element : items) {
                        if (element != null) {
                            value(xml, renamed(item, name), element);
                        }
                    }
                } else {
                    open(xml, name, member, List.of());
                    for (Object element : items) {
                        if (element != null) {
                            value(xml, item, element);
                        }
                    }
                    xml.end(name);
                }
            }
            case MAP -> {
                Map<String, Object> entries = asMap(value);
                String keyName = shape.mapKey().locationName().orElse("key");
                String valueName = shape.mapValue().locationName().orElse("value");
                if (!member.flattened()) {
                    open(xml, name, member, List.of());
                }
                for (Map.Entry<String, Object> e : entries.entrySet()) {
                    String entryName = member.flattened() ? name : "entry";
                    xml.start(entryName);
                    xml.element(keyName, e.getKey());
                    if (e.getValue() != null) {
                        value(xml, renamed(shape.mapValue(), valueName), e.getValue());
                    }
                    xml.end(entryName);
                }
                if (!member.flattened()) {
                    xml.end(name);
                }
            }
            default -> {
                open(xml, name, member, List.of());
                xml.text(Scalars.format(member, value, TimestampFormat.ISO8601));
                xml.end(name);
            }
        }
    }

    private static void open(XmlWriter xml, String name, Member member, List<String> attributes) {
        List<String> all = new ArrayList<>(attributes);
        member.xmlNamespace().ifPresent(ns -> {
            all.add(ns.attributeName());
            all.add(ns.uri());
        });
        if (all.isEmpty()) {
            xml.start(name);
        } else {
            xml.start(name, all.toArray(String[]::new));
        }
    }

    private static List<String> attributes(Shape shape, Map<String, Object> values) {
        List<String> out = new ArrayList<>();
        for (Member member : shape.members().values()) {
            Object value = values.get(member.name());
            if (member.xmlAttribute() && value != null) {
                out.add(member.wireName());
                out.add(Scalars.format(member, value, TimestampFormat.ISO8601));
            }
        }
        return out;
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

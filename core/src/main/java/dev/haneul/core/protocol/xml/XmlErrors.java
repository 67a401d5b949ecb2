package dev.haneul.core.protocol.xml;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.XmlWriter;
import java.util.Map;
import java.util.Optional;

/**
 * The XML error envelopes: {@code <ErrorResponse>} of query and of most rest-xml services, the bare
 * {@code <Error>} of S3; ec2's {@code <Response><Errors>} is written by its codec with
 * {@link #errorMembers}.
 */
public final class XmlErrors {

    private XmlErrors() {}

    /**
     * {@code <ErrorResponse xmlns=…><Error><Type/><Code/><Message/>…</Error><RequestId/></ErrorResponse>}.
     * {@code errorShape}, when the model declares one for the code, lets structured error members
     * beside {@code Message} be written with their wire names.
     */
    public static String errorResponse(AwsServiceException error, Optional<String> namespace,
                                       Optional<Shape> errorShape, String requestId) {
        XmlWriter xml = new XmlWriter(256);
        if (namespace.isPresent()) {
            xml.start("ErrorResponse", "xmlns", namespace.get());
        } else {
            xml.start("ErrorResponse");
        }
        xml.start("Error")
                .element("Type", error.senderFault() ? "Sender" : "Receiver")
                .element("Code", error.code())
                .element("Message", error.getMessage());
        errorMembers(xml, errorShape, error.fields());
        xml.end("Error").element("RequestId", requestId).end("ErrorResponse");
        return xml.toString();
    }

    /** {@code <Error><Code/><Message/>…<RequestId/></Error>}, without namespace. */
    public static String bareError(AwsServiceException error, Optional<Shape> errorShape, String requestId) {
        XmlWriter xml = new XmlWriter(256);
        xml.start("Error").element("Code", error.code()).element("Message", error.getMessage());
        errorMembers(xml, errorShape, error.fields());
        xml.element("RequestId", requestId).end("Error");
        return xml.toString();
    }

    /**
     * Writes the structured members of an error beside its code and message: those {@code errorShape}
     * declares with their wire names, then any others under their own names (S3 adds
     * {@code BucketName} or {@code Key} to errors whose shapes declare nothing). The message is
     * written by the envelope, never twice.
     */
    public static void errorMembers(XmlWriter xml, Optional<Shape> errorShape, Map<String, Object> fields) {
        if (fields.isEmpty()) {
            return;
        }
        Map<String, Member> declared = errorShape.map(Shape::members).orElse(Map.of());
        for (Member member : declared.values()) {
            Object value = fields.get(member.name());
            if (value != null && member.inResponseBody() && !member.name().equalsIgnoreCase("message")) {
                XmlShapeWriter.value(xml, member, value);
            }
        }
        fields.forEach((name, value) -> {
            if (!declared.containsKey(name) && !name.equalsIgnoreCase("message") && value != null) {
                xml.element(name, String.valueOf(value));
            }
        });
    }
}

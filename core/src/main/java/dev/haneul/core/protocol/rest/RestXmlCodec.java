package dev.haneul.core.protocol.rest;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.Protocol;
import dev.haneul.core.protocol.ProtocolOptions;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.XmlWriter;
import dev.haneul.core.protocol.xml.XmlElement;
import dev.haneul.core.protocol.xml.XmlErrors;
import dev.haneul.core.protocol.xml.XmlShapeReader;
import dev.haneul.core.protocol.xml.XmlShapeWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code rest-xml} protocol (S3, CloudFront): {@link RestCodec}'s bindings with an XML body.
 *
 * <p>Root elements: a structure payload is named by its member's explicit {@code locationName},
 * else its shape's, else the shape name; a body of loose members by the service's
 * {@link ProtocolOptions#xmlRootNames} for the operation, else the shape's {@code locationName},
 * else the shape name. The root carries the shape's or member's
 * {@code xmlNamespace}, else the service's: the model's {@code metadata.xmlNamespace}, else the one
 * namespace its request payloads declare (S3's and CloudFront's {@code …/doc/<version>/}). Errors
 * are {@code <ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>} or, for services that
 * send them bare (S3), {@code <Error>…<RequestId/></Error>} ({@link ProtocolOptions.XmlErrorEnvelope}).
 */
public final class RestXmlCodec extends RestCodec {

    private static final String XML = "application/xml";

    private final Optional<Member.XmlNamespace> namespace;

    public RestXmlCodec(ServiceModel model, ProtocolOptions options) {
        super(model, options);
        this.namespace = serviceNamespace(model);
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_XML;
    }

    @Override
    protected Map<String, Object> decodeBody(OperationModel operation, Shape shape, byte[] body) {
        return XmlShapeReader.structure(shape, parse(body));
    }

    @Override
    protected Optional<Object> decodePayload(Member payload, byte[] body) {
        return Optional.of(XmlShapeReader.value(payload, parse(body), payload.name()));
    }

    @Override
    protected Body encodeBody(OperationModel operation, Shape shape, Map<String, Object> output) {
        XmlWriter xml = new XmlWriter(512);
        if (options().bareOutputs().contains(operation.name()) && shape.members().size() == 1) {
            Member only = shape.members().values().iterator().next();
            String name = only.locationName().orElse(only.name());
            if (namespace.isPresent()) {
                xml.start(name, "xmlns", namespace.get().uri());
            } else {
                xml.start(name);
            }
            Object value = output.get(only.name());
            if (value != null) {
                xml.text(value.toString());
            }
            xml.end(name);
            return new Body(XML, xml.toString().getBytes(StandardCharsets.UTF_8));
        }
        String root = options().xmlRootNames().getOrDefault(operation.name(), shape.locationName().orElse(shape.name()));
        XmlShapeWriter.root(xml, root, shape.xmlNamespace().or(() -> namespace), shape, output);
        return new Body(XML, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Body encodePayload(Member payload, Object value) {
        Shape shape = payload.shape();
        String name = payload.locationName().filter(n -> !n.equals(payload.name()))
                .or(shape::locationName)
                .orElse(shape.name());
        XmlWriter xml = new XmlWriter(512);
        XmlShapeWriter.root(xml, name, payload.xmlNamespace().or(() -> namespace), shape, (Map<String, Object>) value);
        return new Body(XML, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected Body errorBody(AwsServiceException error, Optional<Shape> errorShape, String requestId,
                             Map<String, String> headers) {
        String xml = options().xmlErrorEnvelope() == ProtocolOptions.XmlErrorEnvelope.ERROR
                ? XmlErrors.bareError(error, errorShape, requestId)
                : XmlErrors.errorResponse(error, namespace.map(Member.XmlNamespace::uri), errorShape, requestId);
        return new Body(XML, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static XmlElement parse(byte[] body) {
        try {
            return XmlElement.parse(body);
        } catch (IllegalArgumentException e) {
            throw CommonErrors.MALFORMED_XML.error(
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
    }

    /** The model's namespace, else the single one its operations' request payloads declare. */
    private static Optional<Member.XmlNamespace> serviceNamespace(ServiceModel model) {
        if (model.xmlNamespace().isPresent()) {
            return Optional.of(new Member.XmlNamespace(null, model.xmlNamespace().get()));
        }
        TreeSet<String> uris = new TreeSet<>();
        for (OperationModel operation : model.operations().values()) {
            operation.inputXmlNamespace().ifPresent(ns -> uris.add(ns.uri()));
            operation.input().flatMap(Shape::payloadMember).flatMap(Member::xmlNamespace)
                    .ifPresent(ns -> uris.add(ns.uri()));
        }
        return uris.size() == 1 ? Optional.of(new Member.XmlNamespace(null, uris.first())) : Optional.empty();
    }
}

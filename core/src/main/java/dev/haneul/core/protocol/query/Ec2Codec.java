package dev.haneul.core.protocol.query;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.protocol.DecodedRequest;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.Protocol;
import dev.haneul.core.protocol.ProtocolCodec;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.WireRequest;
import dev.haneul.core.protocol.WireResponse;
import dev.haneul.core.protocol.XmlWriter;
import dev.haneul.core.protocol.xml.XmlErrors;
import dev.haneul.core.protocol.xml.XmlShapeWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ec2} protocol, EC2's variant of query: requests as in query with EC2's parameter names
 * ({@link QueryDecoder.Dialect#EC2}); answers are {@code <OpResponse xmlns=…>} with
 * {@code <requestId>} and the output members directly inside (no result wrapper); errors are
 * {@code <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>}.
 */
public final class Ec2Codec implements ProtocolCodec {

    private final ServiceModel model;
    private final String namespace;

    public Ec2Codec(ServiceModel model) {
        this.model = requireNonNull(model, "model");
        this.namespace = model.xmlNamespace()
                .orElse("http://" + model.endpointPrefix() + ".amazonaws.com/doc/" + model.apiVersion() + "/");
    }

    @Override
    public Protocol protocol() {
        return Protocol.EC2;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public DecodedRequest decode(WireRequest request) {
        Map<String, List<String>> params = QueryCodec.parameters(request);
        OperationModel operation = QueryCodec.operation(model, params);
        Map<String, Object> input = operation.input()
                .map(shape -> QueryDecoder.decode(shape, params, QueryDecoder.Dialect.EC2))
                .orElseGet(LinkedHashMap::new);
        return new DecodedRequest(operation, input);
    }

    @Override
    public WireResponse encode(OperationModel operation, Map<String, Object> output, String requestId) {
        XmlWriter xml = new XmlWriter(512);
        String root = operation.name() + "Response";
        xml.start(root, "xmlns", namespace).element("requestId", requestId);
        operation.output().ifPresent(shape -> XmlShapeWriter.members(xml, shape, output));
        xml.end(root);
        return WireResponse.of(200, QueryCodec.XML, Map.of(), xml.toString());
    }

    @Override
    public WireResponse encodeError(AwsServiceException error, String requestId) {
        XmlWriter xml = new XmlWriter(256);
        xml.start("Response").start("Errors").start("Error")
                .element("Code", error.code())
                .element("Message", error.getMessage());
        XmlErrors.errorMembers(xml, model.errorShape(error.code()), error.fields());
        xml.end("Error").end("Errors").element("RequestID", requestId).end("Response");
        return WireResponse.of(error.status(), QueryCodec.XML, Map.of(), xml.toString());
    }
}

package dev.haneul.core.protocol.query;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.XmlWriter;
import dev.haneul.core.protocol.xml.XmlErrors;
import dev.haneul.core.protocol.xml.XmlShapeWriter;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code query}-protocol responses: the {@code <OpResponse><OpResult>} envelope with the
 * output members in model order and with the model's XML names, and the {@code <ErrorResponse>}
 * envelope for errors.
 *
 * <p>Members are written by {@link XmlShapeWriter} (the wire rules all XML protocols share); empty
 * lists are written as an empty element so clients see an empty list rather than a missing one.
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
            XmlShapeWriter.members(xml, operation.output().get(), output);
            xml.end(wrapper);
        }
        xml.start("ResponseMetadata").element("RequestId", requestId).end("ResponseMetadata");
        xml.end(root);
        return xml.toString();
    }

    /** The error envelope, {@code <ErrorResponse>} ({@link XmlErrors#errorResponse}). */
    public static String error(AwsServiceException error, Optional<String> xmlNamespace,
                               Optional<Shape> errorShape, String requestId) {
        return XmlErrors.errorResponse(error, xmlNamespace, errorShape, requestId);
    }

}

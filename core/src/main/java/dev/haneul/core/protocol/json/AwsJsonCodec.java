package dev.haneul.core.protocol.json;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.protocol.DecodedRequest;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.Protocol;
import dev.haneul.core.protocol.ProtocolCodec;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.WireRequest;
import dev.haneul.core.protocol.WireResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code json} protocol, versions 1.0 and 1.1: the operation is named by
 * {@code X-Amz-Target: <targetPrefix>.<Operation>}, input and output are JSON objects
 * ({@link JsonCodec}), errors are {@code {"__type": code, "message": …}} with the code also in
 * {@code x-amzn-ErrorType}. For a model marked {@code awsQueryCompatible}, {@code __type} carries the
 * error shape's name and {@code x-amzn-query-error} the query code and fault side, as those services
 * send for their query-era clients; the status is then json's own (400, or 500 for a service fault),
 * because such a model's {@code httpStatusCode} is the query-era one.
 */
public final class AwsJsonCodec implements ProtocolCodec {

    /** The media type of a json answer whose service is not known. */
    public static final String JSON_1_1 = "application/x-amz-json-1.1";

    private final ServiceModel model;
    private final String mediaType;

    public AwsJsonCodec(ServiceModel model) {
        this.model = requireNonNull(model, "model");
        this.mediaType = "application/x-amz-json-" + model.jsonVersion();
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public DecodedRequest decode(WireRequest request) {
        OperationModel operation = operation(request.header("X-Amz-Target"));
        String type = request.mediaType();
        if (!type.isEmpty() && !type.startsWith("application/x-amz-json") && !type.equals("application/json")) {
            throw CommonErrors.SERIALIZATION_EXCEPTION.error(
                    "Content-Type " + type + " is not supported; expected " + mediaType + ".");
        }
        Map<String, Object> input = operation.input().map(shape -> JsonCodec.decode(shape, request.body().readAllBytes()))
                .orElseGet(LinkedHashMap::new);
        return new DecodedRequest(operation, input);
    }

    @Override
    public WireResponse encode(OperationModel operation, Map<String, Object> output, String requestId) {
        byte[] body = operation.output().map(shape -> JsonCodec.encode(shape, output))
                .orElseGet(() -> new byte[] {'{', '}'});
        return WireResponse.of(200, mediaType, Map.of(), body);
    }

    @Override
    public WireResponse encodeError(AwsServiceException error, String requestId) {
        Optional<Shape> shape = model.errorShape(error.code());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-ErrorType", error.code());
        String type = error.code();
        int status = error.status();
        if (model.awsQueryCompatible() && shape.isPresent()) {
            type = shape.get().name();
            headers.put("x-amzn-query-error", error.code() + ";" + (error.senderFault() ? "Sender" : "Receiver"));
            status = error.senderFault() ? 400 : 500;
        }
        return WireResponse.of(status, mediaType, headers, JsonCodec.error(error, shape, type));
    }

    /** {@code error} in the json envelope, for a request whose service is not known. */
    public static WireResponse errorWithoutModel(AwsServiceException error, String requestId) {
        return WireResponse.of(error.status(), JSON_1_1, Map.of("x-amzn-ErrorType", error.code()),
                JsonCodec.error(error, Optional.empty(), error.code()));
    }

    private OperationModel operation(Optional<String> target) {
        String value = target.orElseThrow(() -> CommonErrors.UNKNOWN_OPERATION.error(
                "The request must carry an X-Amz-Target header naming the operation."));
        int dot = value.lastIndexOf('.');
        String prefix = dot < 0 ? value : value.substring(0, dot);
        String name = dot < 0 ? value : value.substring(dot + 1);
        if (!model.targetPrefix().map(prefix::equals).orElse(false)) {
            throw CommonErrors.UNKNOWN_OPERATION.error(
                    "The X-Amz-Target " + value + " does not name an operation of " + model.serviceId() + ".");
        }
        return model.operation(name)
                .orElseThrow(() -> CommonErrors.UNKNOWN_OPERATION.error("Unknown operation " + value + "."));
    }
}

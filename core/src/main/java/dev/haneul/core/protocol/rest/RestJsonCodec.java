package dev.haneul.core.protocol.rest;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.Protocol;
import dev.haneul.core.protocol.ProtocolOptions;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.json.JsonCodec;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code rest-json} protocol: {@link RestCodec}'s bindings with a JSON body ({@link JsonCodec});
 * errors are {@code {"__type": code, "message": …}} plus the error's body members, with the code in
 * {@code x-amzn-ErrorType} and header-bound members in their headers.
 */
public final class RestJsonCodec extends RestCodec {

    private static final String JSON = "application/json";

    public RestJsonCodec(ServiceModel model, ProtocolOptions options) {
        super(model, options);
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    protected Map<String, Object> decodeBody(OperationModel operation, Shape shape, byte[] body) {
        return JsonCodec.decode(shape, body);
    }

    /** A structure payload sent as {@code {}} is unset: clients send that for an absent payload. */
    @Override
    protected Optional<Object> decodePayload(Member payload, byte[] body) {
        return JsonCodec.decodePayload(payload, body)
                .filter(value -> payload.shape().isDocument() || !(value instanceof Map<?, ?> map && map.isEmpty()));
    }

    @Override
    protected Body encodeBody(OperationModel operation, Shape shape, Map<String, Object> output) {
        return new Body(JSON, JsonCodec.encode(shape, output));
    }

    @Override
    protected Body encodePayload(Member payload, Object value) {
        return new Body(JSON, JsonCodec.encodePayload(payload, value));
    }

    @Override
    protected Body errorBody(AwsServiceException error, Optional<Shape> errorShape, String requestId,
                             Map<String, String> headers) {
        headers.put("x-amzn-ErrorType", error.code());
        return new Body(JSON, JsonCodec.error(error, errorShape, error.code()));
    }
}

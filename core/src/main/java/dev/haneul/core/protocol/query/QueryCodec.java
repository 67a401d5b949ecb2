package dev.haneul.core.protocol.query;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.protocol.DecodedRequest;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.Protocol;
import dev.haneul.core.protocol.ProtocolCodec;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.WireRequest;
import dev.haneul.core.protocol.WireResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code query} protocol: {@code Action}, {@code Version} and the input as form parameters (in
 * the body or the URL's query string), answers in the {@code <OpResponse><OpResult>} envelope,
 * errors in {@code <ErrorResponse>}; see {@link QueryDecoder} and {@link QueryEncoder} for the wire
 * rules.
 */
public final class QueryCodec implements ProtocolCodec {

    static final String XML = "text/xml";

    private final ServiceModel model;

    public QueryCodec(ServiceModel model) {
        this.model = requireNonNull(model, "model");
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public DecodedRequest decode(WireRequest request) {
        Map<String, List<String>> params = parameters(request);
        OperationModel operation = operation(model, params);
        Map<String, Object> input = operation.input().map(shape -> QueryDecoder.decode(shape, params))
                .orElseGet(LinkedHashMap::new);
        return new DecodedRequest(operation, input);
    }

    @Override
    public WireResponse encode(OperationModel operation, Map<String, Object> output, String requestId) {
        return WireResponse.of(200, XML, Map.of(), QueryEncoder.response(operation, model.xmlNamespace(), output,
                requestId));
    }

    @Override
    public WireResponse encodeError(AwsServiceException error, String requestId) {
        return WireResponse.of(error.status(), XML, Map.of(),
                QueryEncoder.error(error, model.xmlNamespace(), model.errorShape(error.code()), requestId));
    }

    /** {@code error} in the query envelope, for a request whose service is not known. */
    public static WireResponse errorWithoutModel(AwsServiceException error, String requestId) {
        return WireResponse.of(error.status(), XML, Map.of(),
                QueryEncoder.error(error, Optional.empty(), Optional.empty(), requestId));
    }

    /**
     * The form parameters of a query-protocol request.
     *
     * @throws AwsServiceException {@code InvalidQueryParameter} when the body is not a form
     */
    public static Map<String, List<String>> parameters(WireRequest request) {
        try {
            return request.formParameters();
        } catch (WireRequest.NotAFormException e) {
            throw CommonErrors.INVALID_QUERY_PARAMETER.error(e.getMessage());
        }
    }

    /** The operation named by {@code Action}: {@code MissingAction} or {@code InvalidAction} otherwise. */
    static OperationModel operation(ServiceModel model, Map<String, List<String>> params) {
        List<String> values = params.get("Action");
        String action = values == null ? null : values.get(0);
        if (action == null || action.isEmpty()) {
            throw CommonErrors.missingAction();
        }
        return model.operation(action).orElseThrow(() -> CommonErrors.invalidAction(action));
    }
}

package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsRegions;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ValidationStyle;
import dev.haneul.core.protocol.InputValidator;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ProtocolException;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.json.JsonCodec;
import dev.haneul.core.protocol.query.FormParameters;
import dev.haneul.core.protocol.query.QueryDecoder;
import dev.haneul.core.protocol.query.QueryEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS API front door, without sockets: finds the service and operation of a request, checks
 * its signature when configured, parses and validates its input against the model, runs the
 * provider and writes the answer in the caller's protocol. It never throws: every failure becomes
 * the AWS error of the protocol the caller speaks.
 *
 * <pre>
 *  request ─▶ method    query: GET or POST   json: POST
 *          ─▶ signed?   an Authorization header or pre-signed X-Amz-* parameters, even when not verified
 *          ─▶ service?  credential scope (SigV4 service) ─▶ X-Amz-Target prefix ─▶ Action (+Version)
 *          ─▶ verify signature (HANEUL_AUTH=sigv4); the scope's region must be an AWS region
 *          ─▶ protocol  query: Action + Version + form/query-string params (UTF-8)   json: X-Amz-Target + JSON body
 *          ─▶ validate  required members, enums (model)
 *          ─▶ provider.invoke ─▶ output value tree ─▶ XML / JSON envelope
 *  any failure ─▶ AwsServiceException ─▶ &lt;ErrorResponse&gt; (query) or {"__type": …} (json)
 * </pre>
 */
public final class ApiDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String XML = "text/xml";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";

    /** API versions of services Haneul knows but does not emulate, by "signing-name version". */
    private static final Map<String, String> UNEMULATED_APIS = Map.of(
            "elasticloadbalancing 2012-06-01", "the classic Elastic Load Balancing API");

    private final ServiceRegistry registry;
    private final RequestSigning signing;
    private final String accountId;
    private final String defaultRegion;
    private final String defaultAccessKey;

    public ApiDispatcher(ServiceRegistry registry, RequestSigning signing, String accountId, String defaultRegion,
                         String defaultAccessKey) {
        this.registry = requireNonNull(registry, "registry");
        this.signing = requireNonNull(signing, "signing");
        this.accountId = requireNonNull(accountId, "accountId");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion");
        this.defaultAccessKey = requireNonNull(defaultAccessKey, "defaultAccessKey");
    }

    /** Answers {@code request}. Never throws. */
    public ApiResponse dispatch(ApiRequest request) {
        boolean jsonCaller = request.header("X-Amz-Target").isPresent()
                || request.mediaType().startsWith("application/x-amz-json");
        ServiceProvider provider = null;
        try {
            requireSupportedMethod(request, jsonCaller);
            signing.requireAuthentication(request, jsonCaller);
            Optional<SigningScope> scope = signing.scope(request);
            Map<String, List<String>> params = null;

            if (scope.isPresent()) {
                provider = registry.bySigningName(scope.get().service())
                        .orElseThrow(() -> unknownService(scope.get().service(), jsonCaller));
            }
            Optional<String> target = request.header("X-Amz-Target");
            if (provider == null && target.isPresent()) {
                String prefix = prefixOf(target.get());
                provider = registry.byTargetPrefix(prefix).orElseThrow(() -> unknownService(prefix, true));
            }
            if (provider == null || isQuery(provider)) {
                params = queryParameters(request);
            }
            if (provider == null) {
                List<String> action = params.get("Action");
                if (action == null || action.get(0).isEmpty()) {
                    throw CommonErrors.missingAction();
                }
                List<String> version = params.get("Version");
                provider = registry.byAction(action.get(0), version == null ? null : version.get(0))
                        .orElseThrow(() -> CommonErrors.invalidAction(action.get(0)));
            }

            boolean json = !isQuery(provider);
            if (signing.enabled()) {
                signing.verify(request, json);
            }
            if (scope.isPresent()) {
                requireKnownRegion(scope.get().region(), json);
            }
            ServiceModel model = provider.model();
            OperationModel operation;
            Map<String, Object> input;
            if (json) {
                operation = jsonOperation(model, target);
                requireJsonContentType(request);
                input = operation.input().map(shape -> JsonCodec.decode(shape, request.body()))
                        .orElseGet(LinkedHashMap::new);
            } else {
                String action = first(params, "Action");
                if (action == null || action.isEmpty()) {
                    throw CommonErrors.missingAction();
                }
                requireSupportedVersion(model, action, first(params, "Version"));
                operation = model.operation(action).orElseThrow(() -> CommonErrors.invalidAction(action));
                Map<String, List<String>> form = params;
                input = operation.input().map(shape -> QueryDecoder.decode(shape, form)).orElseGet(LinkedHashMap::new);
            }
            operation.input().ifPresent(shape -> InputValidator.validate(shape, input));

            RequestContext context = new RequestContext(request.requestId(), accountId,
                    scope.map(SigningScope::region).orElse(defaultRegion),
                    scope.map(SigningScope::accessKeyId).orElse(defaultAccessKey),
                    provider.name(), operation.name(), request.receivedAt());
            Map<String, Object> output = provider.invoke(context, operation, input);
            return success(model, operation, output == null ? Map.of() : output, request.requestId());
        } catch (ProtocolException e) {
            ValidationStyle style = provider != null ? provider.validationStyle()
                    : jsonCaller ? ValidationStyle.JSON_VALIDATION_EXCEPTION : ValidationStyle.QUERY;
            return error(style.toError(e), provider, jsonCaller, request.requestId());
        } catch (AwsServiceException e) {
            return error(e, provider, jsonCaller, request.requestId());
        } catch (RuntimeException e) {
            log.error("{} - request {} failed", provider == null ? "gateway" : provider.name(), request.requestId(), e);
            return error(CommonErrors.internalFailure("The request processing has failed because of an unknown error"
                    + " (request " + request.requestId() + "; see the Haneul log)."), provider, jsonCaller,
                    request.requestId());
        }
    }

    /** The AWS error {@code error}, in the envelope of {@code provider}'s protocol (or the caller's). */
    public ApiResponse error(AwsServiceException error, ServiceProvider provider, boolean jsonCaller, String requestId) {
        boolean json = provider != null ? !isQuery(provider) : jsonCaller;
        Optional<Shape> shape = provider == null ? Optional.empty() : provider.model().errorShape(error.code());
        if (json) {
            return new ApiResponse(error.status(), JSON_1_1, JsonCodec.error(error, shape),
                    Map.of("x-amzn-ErrorType", error.code()));
        }
        Optional<String> namespace = provider == null ? Optional.empty() : provider.model().xmlNamespace();
        return new ApiResponse(error.status(), XML,
                QueryEncoder.error(error, namespace, shape, requestId).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static ApiResponse success(ServiceModel model, OperationModel operation, Map<String, Object> output,
                                       String requestId) {
        if (model.protocol().equals("query")) {
            return new ApiResponse(200, XML, QueryEncoder.response(operation, model.xmlNamespace(), output, requestId)
                    .getBytes(StandardCharsets.UTF_8), Map.of());
        }
        byte[] body = operation.output().map(shape -> JsonCodec.encode(shape, output)).orElse("{}".getBytes(StandardCharsets.UTF_8));
        return new ApiResponse(200, "application/x-amz-json-" + model.jsonVersion(), body, Map.of());
    }

    private static OperationModel jsonOperation(ServiceModel model, Optional<String> target) {
        String value = target.orElseThrow(() -> new AwsServiceException(400, "UnknownOperationException",
                "The request must carry an X-Amz-Target header naming the operation."));
        int dot = value.lastIndexOf('.');
        String prefix = prefixOf(value);
        String name = dot < 0 ? value : value.substring(dot + 1);
        if (!model.targetPrefix().map(prefix::equals).orElse(false)) {
            throw new AwsServiceException(400, "UnknownOperationException",
                    "The X-Amz-Target " + value + " does not name an operation of " + model.serviceId() + ".");
        }
        return model.operation(name).orElseThrow(() -> new AwsServiceException(400, "UnknownOperationException",
                "Unknown operation " + value + "."));
    }

    private static void requireJsonContentType(ApiRequest request) {
        String type = request.mediaType();
        if (!type.isEmpty() && !type.startsWith("application/x-amz-json") && !type.equals("application/json")) {
            throw new AwsServiceException(400, "SerializationException",
                    "Content-Type " + type + " is not supported; expected application/x-amz-json-1.1.");
        }
    }

    /**
     * The query protocol takes GET and POST, json POST; anything else gets AWS's
     * {@code UnsupportedHttpVerb}, never an answer to the operation.
     */
    private static void requireSupportedMethod(ApiRequest request, boolean jsonCaller) {
        String method = request.method();
        if (!(method.equals("POST") || method.equals("GET") && !jsonCaller)) {
            throw new AwsServiceException(400, "UnsupportedHttpVerb", "The requested HTTP verb is not supported: "
                    + method + ".");
        }
    }

    /**
     * A made-up region (say {@code xx-fake-9}) would fail in DNS before reaching AWS; Haneul
     * answers what AWS says to a credential scope its endpoint does not serve. The configured
     * default region is accepted whatever it is.
     */
    private void requireKnownRegion(String region, boolean json) {
        if (!AwsRegions.isKnown(region) && !region.equals(defaultRegion)) {
            String message = "Credential should be scoped to a valid region, not '" + region + "'.";
            throw json ? new AwsServiceException(400, "InvalidSignatureException", message)
                    : new AwsServiceException(403, "SignatureDoesNotMatch", message);
        }
    }

    /**
     * A query service answers only its own API version: another one is {@code InvalidAction}, as
     * AWS answers, except the versions of APIs Haneul knows and does not emulate (the classic
     * ELB API shares the signing name of ELBv2), which are {@code NotImplemented}.
     */
    private static void requireSupportedVersion(ServiceModel model, String action, String version) {
        if (version == null || version.isEmpty()) {
            throw CommonErrors.missingParameter("Version");
        }
        if (version.equals(model.apiVersion())) {
            return;
        }
        String unemulated = UNEMULATED_APIS.get(model.signingName() + " " + version);
        if (unemulated != null) {
            throw new AwsServiceException(501, "NotImplemented", "Haneul does not emulate " + unemulated
                    + " (Version " + version + "); it emulates " + model.serviceId() + " (Version " + model.apiVersion()
                    + ").", false, Map.of());
        }
        throw new AwsServiceException(400, "InvalidAction", "Could not find operation " + action + " for version "
                + version);
    }

    /** Parameters from the URL's query string and, for a form body, from the body; both must be UTF-8. */
    private static Map<String, List<String>> queryParameters(ApiRequest request) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        // The request line arrives as one char per byte: turn it back into bytes to check them.
        FormParameters.decode(strictUtf8(request.rawQuery().getBytes(StandardCharsets.ISO_8859_1)), params);
        if (request.body().length > 0) {
            String type = request.mediaType();
            if (!type.isEmpty() && !type.equals(FORM)) {
                throw new AwsServiceException(400, "InvalidQueryParameter",
                        "Content-Type " + type + " is not supported by the query protocol; expected " + FORM + ".");
            }
            FormParameters.decode(strictUtf8(request.body()), params);
        }
        return params;
    }

    /** {@code bytes} as UTF-8; bytes that are not UTF-8 are AWS's {@code MalformedQueryString}, never replaced. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw CommonErrors.malformedQueryString("The query string contains bytes that are not UTF-8.");
        }
    }

    private static boolean isQuery(ServiceProvider provider) {
        return provider.model().protocol().equals("query");
    }

    private static String prefixOf(String target) {
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(0, dot);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null ? null : values.get(0);
    }

    private static AwsServiceException unknownService(String name, boolean json) {
        return json
                ? new AwsServiceException(400, "UnknownOperationException",
                        "Haneul does not emulate the service '" + name + "'.")
                : new AwsServiceException(400, "InvalidAction",
                        "The action or operation requested is invalid: Haneul does not emulate the service '" + name + "'.");
    }
}

package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.DeniedItems;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ValidationStyle;
import dev.haneul.core.auth.ChunkSignatures;
import dev.haneul.core.auth.SigV4Failure;
import dev.haneul.core.gateway.ServiceRegistry.Service;
import dev.haneul.core.protocol.DecodedRequest;
import dev.haneul.core.protocol.InputValidator;
import dev.haneul.core.protocol.Protocol;
import dev.haneul.core.protocol.ProtocolException;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.protocol.WireRequest;
import dev.haneul.core.protocol.WireResponse;
import dev.haneul.core.protocol.json.AwsJsonCodec;
import dev.haneul.core.protocol.query.QueryCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS API front door, without sockets: finds the service of a request, checks its signature
 * when configured, lets the service's protocol codec find the operation and decode the input,
 * validates it against the model, runs the provider and has the codec write the answer. It never
 * throws: every failure becomes the AWS error of the service's protocol (or, before the service is
 * known, of the protocol the caller appears to speak).
 *
 * <pre>
 *  request ─▶ 0 signed?   an Authorization header or pre-signed X-Amz-* parameters, even when not verified;
 *                         without any, a service that takes anonymous calls (S3) goes on as the anonymous principal
 *          ─▶ 1 service   credential scope (SigV4 service) ─▶ X-Amz-Target prefix ─▶ Action (+Version)
 *                         ─▶ method + path (rest services)
 *                         then its protocol's methods (query: GET, POST; json: POST) and API version
 *          ─▶ 2 interceptors, before decoding: authentication (SignatureVerification: the signature
 *                         when HANEUL_AUTH=sigv4; the scope's region must be an AWS region)
 *          ─▶ 3 decode    codec: operation + input value tree   (query | ec2 | json | rest-xml | rest-json);
 *                         an aws-chunked body's chunk signatures are checked against the seed's chain as it is read
 *          ─▶ 4 validate  required members, enums (model)
 *          ─▶ 5 interceptors, before invoking: authorization (IAM)
 *          ─▶ 6 invoke    provider, on this (virtual) thread
 *          ─▶ 7 encode    codec: status, headers, body
 *  any failure ─▶ AwsServiceException ─▶ codec.encodeError
 * </pre>
 */
public final class ApiDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);
    /** APIs that share a signing name with one Haneul emulates, by {@code signingName + " " + Version}. */
    private static final Map<String, String> UNEMULATED_APIS = Map.of(
            "elasticloadbalancing 2012-06-01", "the classic Elastic Load Balancing API");

    private final ServiceRegistry registry;
    private final RequestSigning signing;
    private final String accountId;
    private final String defaultRegion;
    private final String defaultAccessKey;
    /** {@link SignatureVerification}, then the steps the server adds. */
    private final List<ApiInterceptor> interceptors;

    public ApiDispatcher(ServiceRegistry registry, RequestSigning signing, String accountId, String defaultRegion,
                         String defaultAccessKey) {
        this(registry, signing, accountId, defaultRegion, defaultAccessKey, List.of());
    }

    /**
     * @param interceptors steps after {@link SignatureVerification}, in order (IAM authorization)
     */
    public ApiDispatcher(ServiceRegistry registry, RequestSigning signing, String accountId, String defaultRegion,
                         String defaultAccessKey, List<ApiInterceptor> interceptors) {
        this.registry = requireNonNull(registry, "registry");
        this.signing = requireNonNull(signing, "signing");
        this.accountId = requireNonNull(accountId, "accountId");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion");
        this.defaultAccessKey = requireNonNull(defaultAccessKey, "defaultAccessKey");
        List<ApiInterceptor> chain = new ArrayList<>();
        chain.add(new SignatureVerification(signing, defaultRegion));
        chain.addAll(interceptors);
        this.interceptors = List.copyOf(chain);
    }

    /** Answers {@code request}. Never throws. */
    public ApiResponse dispatch(ApiRequest request) {
        boolean jsonCaller = callerSpeaksJson(request);
        WireRequest wire = new WireRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                request.payload());
        Service service = null;
        try {
            // Set for a call without any authentication that the service hears as the anonymous caller's.
            AwsServiceException missingAuthentication = null;
            try {
                signing.requireAuthentication(request, jsonCaller);
            } catch (AwsServiceException e) {
                // A rest service the path names answers in its own envelope (S3: <Error>AccessDenied),
                // or, when it takes calls without any authentication, hears them as the anonymous caller's.
                service = restServiceByPath(wire, jsonCaller).orElse(null);
                if (service == null || !service.provider().acceptsAnonymous()
                        || !e.code().equals(SigV4Failure.Kind.MISSING_AUTHENTICATION_TOKEN.queryCode())) {
                    throw service == null ? e : service.provider().unauthenticated(e);
                }
                missingAuthentication = e;
            }
            boolean anonymous = missingAuthentication != null;
            Optional<SigningScope> scope = anonymous ? Optional.empty() : signing.scope(request);
            // Only an anonymous call has its service already (by its path).
            Service routed = service != null ? service : resolveService(wire, scope, jsonCaller);
            service = routed;
            requireSupportedMethod(wire, service.codec().protocol());
            requireSupportedVersion(wire, service);
            ApiCall call = new ApiCall(request, service.provider(), service.codec().protocol(), scope, anonymous);
            for (ApiInterceptor interceptor : interceptors) {
                interceptor.beforeDecode(call);
            }
            // The interceptor that verified the seed signature gave the chain the body's chunks must continue.
            Optional<ChunkSignatures> chain = call.chunkSignatures();
            if (chain.isPresent()) {
                wire = wire.withChunkSignatures(chain.get());
            }
            DecodedRequest decoded = service.codec().decode(wire);
            validate(decoded);
            call.decoded(decoded);
            for (ApiInterceptor interceptor : interceptors) {
                interceptor.beforeInvoke(call);
            }
            if (missingAuthentication != null && !call.anonymousAllowed()) {
                throw service.provider().unauthenticated(missingAuthentication);
            }
            Map<String, Object> output = invoke(service.provider(), decoded, request, scope, call.deniedItems());
            return response(service.codec().encode(decoded.operation(), output, request.requestId()));
        } catch (ProtocolException e) {
            return error(validationStyle(service, jsonCaller).toError(e), service, jsonCaller, request.requestId());
        } catch (AwsServiceException e) {
            return error(e, service, jsonCaller, request.requestId());
        } catch (RuntimeException e) {
            log.error("{} - request {} failed", service == null ? "gateway" : service.provider().name(),
                    request.requestId(), e);
            return error(CommonErrors.internalFailure("The request processing has failed because of an unknown error"
                    + " (request " + request.requestId() + "; see the Haneul log)."), service, jsonCaller,
                    request.requestId());
        }
    }

    /**
     * Step 1: the service, by the first of these the request carries: its credential scope's
     * service, its {@code X-Amz-Target} prefix, its {@code Action} (and {@code Version}), its method
     * and path.
     */
    private Service resolveService(WireRequest wire, Optional<SigningScope> scope, boolean jsonCaller) {
        if (scope.isPresent()) {
            String name = scope.get().service();
            return registry.bySigningName(name).orElseThrow(() -> unknownService(name, jsonCaller));
        }
        Optional<String> target = wire.header("X-Amz-Target");
        if (target.isPresent()) {
            String prefix = prefixOf(target.get());
            return registry.byTargetPrefix(prefix).orElseThrow(() -> unknownService(prefix, true));
        }
        Optional<String> action;
        try {
            action = wire.formParameter("Action").filter(a -> !a.isEmpty());
        } catch (WireRequest.NotAFormException e) {
            return registry.byRestPath(wire)
                    .orElseThrow(() -> CommonErrors.INVALID_QUERY_PARAMETER.error(e.getMessage()));
        }
        if (action.isPresent()) {
            return registry.byAction(action.get(), wire.formParameter("Version").orElse(null))
                    .orElseThrow(() -> CommonErrors.invalidAction(action.get()));
        }
        return registry.byRestPath(wire).orElseThrow(CommonErrors::missingAction);
    }

    /**
     * Before authentication is established: the rest service whose operation the path names, for
     * a request that names no service otherwise (no {@code X-Amz-Target}, no {@code Action}).
     */
    private Optional<Service> restServiceByPath(WireRequest wire, boolean jsonCaller) {
        if (jsonCaller || !registry.hasRestServices() || wire.header("X-Amz-Target").isPresent()
                || wire.queryParameters().containsKey("Action")
                || wire.header("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                        .startsWith("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        return registry.byRestPath(wire);
    }

    /**
     * Step 1, continued: the query protocols take GET and POST, json POST; anything else gets
     * AWS's {@code UnsupportedHttpVerb}, never an answer to the operation. Rest protocols route by
     * method, so their router answers a method no operation takes.
     */
    private static void requireSupportedMethod(WireRequest wire, Protocol protocol) {
        String method = wire.method();
        boolean supported = switch (protocol) {
            case QUERY, EC2 -> method.equals("POST") || method.equals("GET");
            case JSON -> method.equals("POST");
            case REST_XML, REST_JSON -> true;
        };
        if (!supported) {
            throw CommonErrors.UNSUPPORTED_HTTP_VERB.error("The requested HTTP verb is not supported: " + method + ".");
        }
    }

    /**
     * Step 1, continued: a query service answers only its own API version: another one is
     * {@code InvalidAction}, as AWS answers, except the versions of APIs Haneul knows and does not
     * emulate (the classic ELB API shares the signing name of ELBv2), which are
     * {@code NotImplemented}.
     */
    private static void requireSupportedVersion(WireRequest wire, Service service) {
        Protocol protocol = service.codec().protocol();
        if (protocol != Protocol.QUERY && protocol != Protocol.EC2) {
            return;
        }
        Map<String, List<String>> params = QueryCodec.parameters(wire);
        String version = first(params, "Version");
        if (version.isEmpty()) {
            throw CommonErrors.missingParameter("Version");
        }
        ServiceModel model = service.provider().model();
        if (version.equals(model.apiVersion())) {
            return;
        }
        String unemulated = UNEMULATED_APIS.get(model.signingName() + " " + version);
        if (unemulated != null) {
            throw CommonErrors.NOT_IMPLEMENTED.error("Haneul does not emulate " + unemulated + " (Version " + version
                    + "); it emulates " + model.serviceId() + " (Version " + model.apiVersion() + ").");
        }
        String action = first(params, "Action");
        throw CommonErrors.INVALID_ACTION.error("Could not find operation " + action + " for version " + version);
    }

    /** Step 4: the constraints every AWS service checks before its own logic runs. */
    private static void validate(DecodedRequest decoded) {
        decoded.operation().input().ifPresent(shape -> InputValidator.validate(shape, decoded.input()));
    }

    /** Step 6: the provider, with who is asking. */
    private Map<String, Object> invoke(ServiceProvider provider, DecodedRequest decoded, ApiRequest request,
                                       Optional<SigningScope> scope, DeniedItems deniedItems) {
        RequestContext context = new RequestContext(request.requestId(), accountId,
                scope.map(SigningScope::region).orElse(defaultRegion),
                scope.map(SigningScope::accessKeyId).orElse(defaultAccessKey),
                provider.name(), decoded.operation().name(), request.receivedAt(), deniedItems);
        Map<String, Object> output = provider.invoke(context, decoded.operation(), decoded.input());
        return output == null ? Map.of() : output;
    }

    /** The AWS error {@code error}, in the envelope of {@code provider}'s protocol (or the caller's). */
    public ApiResponse error(AwsServiceException error, @Nullable ServiceProvider provider, boolean jsonCaller,
                             String requestId) {
        return error(error, provider == null ? null : registry.service(provider), jsonCaller, requestId);
    }

    private static ApiResponse error(AwsServiceException error, @Nullable Service service, boolean jsonCaller,
                                     String requestId) {
        if (service != null) {
            return response(service.codec().encodeError(error, requestId));
        }
        return response(jsonCaller ? AwsJsonCodec.errorWithoutModel(error, requestId)
                : QueryCodec.errorWithoutModel(error, requestId));
    }

    /**
     * The gateway's answer: a body in memory as bytes, a provider's stream (an S3 object) as the
     * stream, which the gateway writes in slices ({@link StreamedResponses}).
     */
    private static ApiResponse response(WireResponse response) {
        if (response.body() instanceof StreamingBlob.InMemory memory) {
            return new ApiResponse(response.status(), response.contentType(), memory.bytes(), response.headers());
        }
        return new ApiResponse(response.status(), response.contentType(), new byte[0], response.headers(),
                response.body());
    }

    private static ValidationStyle validationStyle(@Nullable Service service, boolean jsonCaller) {
        if (service != null) {
            return service.provider().validationStyle();
        }
        return jsonCaller ? ValidationStyle.JSON_VALIDATION_EXCEPTION : ValidationStyle.QUERY;
    }

    /** Before the service is known: does the caller speak json (for the envelope of an early error)? */
    private static boolean callerSpeaksJson(ApiRequest request) {
        return request.header("X-Amz-Target").isPresent() || request.mediaType().startsWith("application/x-amz-json");
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String prefixOf(String target) {
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(0, dot);
    }

    private static AwsServiceException unknownService(String name, boolean json) {
        return json
                ? CommonErrors.UNKNOWN_OPERATION.error("Haneul does not emulate the service '" + name + "'.")
                : CommonErrors.INVALID_ACTION.error(
                        "The action or operation requested is invalid: Haneul does not emulate the service '" + name + "'.");
    }
}

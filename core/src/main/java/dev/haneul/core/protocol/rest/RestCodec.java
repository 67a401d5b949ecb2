package dev.haneul.core.protocol.rest;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.protocol.DecodedRequest;
import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ProtocolCodec;
import dev.haneul.core.protocol.ProtocolException;
import dev.haneul.core.protocol.ProtocolOptions;
import dev.haneul.core.protocol.Scalars;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.ShapeType;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.protocol.TimestampFormat;
import dev.haneul.core.protocol.WireRequest;
import dev.haneul.core.protocol.WireResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code rest-xml} and {@code rest-json} share: the operation is found by HTTP method and URI
 * ({@link RestRouter}); members travel in URI labels, query parameters, headers, prefix headers and
 * the status code as the model binds them ({@link Bindings}, {@link HttpValues}); the rest is the
 * body — one {@code payload} member (a blob, string, structure or document) or the remaining
 * members as one XML or JSON document. Subclasses supply only the body format and error envelope.
 *
 * <p>A {@code streaming} blob payload is never copied: the request's {@link StreamingBlob} is the
 * input member's value, and a provider's {@code StreamingBlob} output becomes the response body, so
 * a gateway that streams request and response bodies needs no change here.
 *
 * <p>Request decoding, in order: SigV4 streaming framing removed ({@link AwsChunked}), the path the
 * request means ({@link HostAddressing}), the route,
 * labels, query parameters (named, then a map of the rest, minus the template's literal ones),
 * headers, prefix headers, host labels ({@code endpoint.hostPrefix}) for members still absent, then
 * the body.
 */
public abstract class RestCodec implements ProtocolCodec {

    /** A body and its media type, as a subclass writes it. */
    protected record Body(String contentType, byte[] bytes) {}

    private final ServiceModel model;
    private final ProtocolOptions options;
    private final RestRouter router;
    private final Map<Shape, Bindings> requestBindings = new IdentityHashMap<>();
    private final Map<Shape, Bindings> responseBindings = new IdentityHashMap<>();
    private final Map<OperationModel, HostPrefix> hostPrefixes = new IdentityHashMap<>();
    private final Map<OperationModel, Set<String>> boundQueryNames = new IdentityHashMap<>();

    /** An {@code endpoint.hostPrefix} such as {@code {AccountId}.}, as a pattern with its labels in order. */
    private record HostPrefix(Pattern pattern, List<String> labels) {}

    protected RestCodec(ServiceModel model, ProtocolOptions options) {
        this.model = requireNonNull(model, "model");
        this.options = requireNonNull(options, "options");
        this.router = new RestRouter(model);
        model.errorShapes().forEach(shape -> responseBindings.put(shape, Bindings.ofResponse(shape)));
        for (OperationModel operation : model.operations().values()) {
            operation.input().ifPresent(shape -> requestBindings.computeIfAbsent(shape, Bindings::ofRequest));
            operation.output().ifPresent(shape -> responseBindings.computeIfAbsent(shape, Bindings::ofResponse));
            operation.hostPrefix().filter(prefix -> prefix.contains("{"))
                    .ifPresent(prefix -> hostPrefixes.put(operation, hostPrefix(prefix)));
            operation.input().map(requestBindings::get).filter(b -> b.queryMap().isPresent()).ifPresent(b -> {
                Set<String> names = new HashSet<>(UriTemplate.compile(operation.http().requestUri()).requiredQuery().keySet());
                b.query().forEach(member -> names.add(member.wireName()));
                boundQueryNames.put(operation, Set.copyOf(names));
            });
        }
    }

    @Override
    public final ServiceModel model() {
        return model;
    }

    protected final ProtocolOptions options() {
        return options;
    }

    /**
     * How specifically one of this service's operations matches {@code request} (higher is more
     * specific), or empty when none does; the gateway uses it to pick among rest services when the
     * request names no service otherwise.
     */
    public final OptionalInt routeScore(WireRequest request) {
        try {
            return router.match(request, effectivePath(request), request.queryParameters())
                    .map(match -> OptionalInt.of(match.score()))
                    .orElse(OptionalInt.empty());
        } catch (ProtocolException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public final DecodedRequest decode(WireRequest sent) {
        WireRequest request = AwsChunked.unwrap(sent);
        String path = effectivePath(request);
        Map<String, List<String>> query = request.queryParameters();
        RestRouter.Match match = router.match(request, path, query)
                .orElseThrow(() -> noRoute(request.method(), path));
        OperationModel operation = match.operation();
        Map<String, Object> input = new LinkedHashMap<>();
        operation.input().ifPresent(shape -> decodeInput(operation, bindings(requestBindings, shape), match, request, query,
                input));
        return new DecodedRequest(operation, input);
    }

    private void decodeInput(OperationModel operation, Bindings b, RestRouter.Match match, WireRequest request,
                             Map<String, List<String>> query, Map<String, Object> input) {
        for (Member member : b.labels()) {
            String raw = match.rawLabels().get(member.wireName());
            if (raw != null) {
                input.put(member.name(), HttpValues.label(member, raw));
            }
        }
        for (Member member : b.query()) {
            List<String> values = query.get(member.wireName());
            if (values != null && !values.isEmpty()) {
                input.put(member.name(), HttpValues.query(member, values));
            }
        }
        b.queryMap().ifPresent(member -> {
            // Worked out in the constructor for every operation whose input has a query map.
            Map<String, Object> map = queryMap(member, query, requireNonNull(boundQueryNames.get(operation)));
            if (!map.isEmpty()) {
                input.put(member.name(), map);
            }
        });
        if (!b.headers().isEmpty() || !b.prefixHeaders().isEmpty()) {
            decodeHeaders(b, request, input);
        }
        HostPrefix hostPrefix = hostPrefixes.get(operation);
        if (hostPrefix != null) {
            hostLabels(operation, hostPrefix, request.header("Host").orElse(""), input);
        }
        if (b.payload().isPresent()) {
            Member payload = b.payload().get();
            decodePayloadMember(payload, request).ifPresent(value -> input.put(payload.name(), value));
        } else if (!b.body().isEmpty() && request.body().contentLength() != 0) {
            byte[] body = request.body().readAllBytes();
            if (body.length > 0) {
                input.putAll(decodeBody(operation, operation.input().orElseThrow(), body));
            }
        }
    }

    /** Header members and prefix-header maps, in one pass over the request's headers. */
    private static void decodeHeaders(Bindings b, WireRequest request, Map<String, Object> input) {
        Map<Member, String> values = new LinkedHashMap<>();
        Map<Bindings.PrefixHeaders, Map<String, Object>> maps = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            Member member = b.headersByName().get(name);
            if (member != null) {
                values.merge(member, header.getValue(), (first, next) -> first + ", " + next);
            }
            for (Bindings.PrefixHeaders prefix : b.prefixHeaders()) {
                if (prefix.matches(name)) {
                    maps.computeIfAbsent(prefix, p -> new LinkedHashMap<>()).put(name.substring(prefix.prefix().length()),
                            HttpValues.header(prefix.member().shape().mapValue(), header.getValue()));
                }
            }
        }
        values.forEach((member, value) -> input.put(member.name(), HttpValues.header(member, value)));
        maps.forEach((prefix, map) -> input.put(prefix.member().name(), map));
    }

    private static Map<String, Object> queryMap(Member member, Map<String, List<String>> query, Set<String> named) {
        Member value = member.shape().mapValue();
        boolean lists = value.shape().type() == ShapeType.LIST;
        Map<String, Object> map = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!named.contains(name) && !values.isEmpty()) {
                map.put(name, lists ? HttpValues.query(value, values)
                        : Scalars.parse(value, values.get(0), name, TimestampFormat.ISO8601));
            }
        });
        return map;
    }

    private Optional<Object> decodePayloadMember(Member payload, WireRequest request) {
        Shape shape = payload.shape();
        if (shape.type() == ShapeType.BLOB && payload.streaming()) {
            return Optional.of(request.body());
        }
        byte[] body = request.body().readAllBytes();
        if (body.length == 0) {
            return Optional.empty();
        }
        return switch (shape.type()) {
            case BLOB -> Optional.of(body);
            case STRING -> Optional.of(new String(body, StandardCharsets.UTF_8));
            default -> decodePayload(payload, body);
        };
    }

    /** Fills absent {@code hostLabel} members from the {@code Host} header, as {@code endpoint.hostPrefix} places them. */
    private static void hostLabels(OperationModel operation, HostPrefix prefix, String host, Map<String, Object> input) {
        Matcher matcher = prefix.pattern().matcher(host);
        if (!matcher.lookingAt()) {
            return;
        }
        Map<String, Member> members = operation.input().orElseThrow().members();
        for (int i = 0; i < prefix.labels().size(); i++) {
            Member member = members.get(prefix.labels().get(i));
            if (member != null && member.hostLabel() && !input.containsKey(member.name())) {
                input.put(member.name(), matcher.group(i + 1));
            }
        }
    }

    private static HostPrefix hostPrefix(String hostPrefix) {
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher labels = Pattern.compile("\\{([^}]+)}").matcher(hostPrefix);
        int last = 0;
        while (labels.find()) {
            regex.append(Pattern.quote(hostPrefix.substring(last, labels.start()))).append("([^.]+)");
            names.add(labels.group(1));
            last = labels.end();
        }
        regex.append(Pattern.quote(hostPrefix.substring(last)));
        return new HostPrefix(Pattern.compile(regex.toString()), List.copyOf(names));
    }

    @Override
    public final WireResponse encode(OperationModel operation, Map<String, Object> output, String requestId) {
        int status = operation.http().responseCode();
        if (operation.output().isEmpty()) {
            return WireResponse.of(status, "", Map.of(), new byte[0]);
        }
        Shape shape = operation.output().get();
        Bindings b = bindings(responseBindings, shape);
        Map<String, String> headers = new LinkedHashMap<>();
        writeHeaders(b, output, headers);
        if (b.statusCode().isPresent() && output.get(b.statusCode().get().name()) instanceof Number code) {
            status = code.intValue();
        }
        status = options.responseStatus().status(operation, output, status);
        if (b.payload().isPresent()) {
            Member payload = b.payload().get();
            Object value = output.get(payload.name());
            return switch (value) {
                case null -> WireResponse.of(status, "", headers, new byte[0]);
                case StreamingBlob blob -> new WireResponse(status, "application/octet-stream", headers, blob);
                case byte[] bytes -> WireResponse.of(status, "application/octet-stream", headers, bytes);
                case String text when payload.shape().type() == ShapeType.STRING ->
                        WireResponse.of(status, "text/plain", headers, text);
                default -> {
                    Body body = encodePayload(payload, value);
                    yield WireResponse.of(status, body.contentType(), headers, body.bytes());
                }
            };
        }
        if (b.body().isEmpty()) {
            return WireResponse.of(status, "", headers, new byte[0]);
        }
        Body body = encodeBody(operation, shape, output);
        return WireResponse.of(status, body.contentType(), headers, body.bytes());
    }

    @Override
    public final WireResponse encodeError(AwsServiceException error, String requestId) {
        Optional<Shape> shape = model.errorShape(error.code());
        Map<String, String> headers = new LinkedHashMap<>();
        shape.ifPresent(s -> writeHeaders(bindings(responseBindings, s), error.fields(), headers));
        headers.putAll(error.headers());
        Body body = errorBody(error, shape, requestId, headers);
        return WireResponse.of(error.status(), body.contentType(), headers, body.bytes());
    }

    /** The bindings the constructor worked out for every input, output and error shape of the model. */
    private static Bindings bindings(Map<Shape, Bindings> table, Shape shape) {
        return requireNonNull(table.get(shape), shape.name());
    }

    private static void writeHeaders(Bindings b, Map<String, Object> values, Map<String, String> headers) {
        for (Member member : b.headers()) {
            Object value = values.get(member.name());
            if (value != null) {
                headers.put(member.wireName(), HttpValues.headerText(member, value));
            }
        }
        for (Bindings.PrefixHeaders prefix : b.prefixHeaders()) {
            if (values.get(prefix.member().name()) instanceof Map<?, ?> map) {
                Member value = prefix.member().shape().mapValue();
                map.forEach((key, item) -> {
                    if (item != null) {
                        headers.put(prefix.prefix() + key, HttpValues.headerText(value, item));
                    }
                });
            }
        }
    }

    private String effectivePath(WireRequest request) {
        return options.hostAddressing().effectivePath(request.header("Host").orElse(""), request.rawPath());
    }

    private AwsServiceException noRoute(String method, String path) {
        if (router.pathKnown(path)) {
            return CommonErrors.METHOD_NOT_ALLOWED.error("The specified method is not allowed against this resource.");
        }
        return CommonErrors.UNKNOWN_OPERATION_PATH.error(
                "No operation of " + model.serviceId() + " matches " + method + " " + path + ".");
    }

    /**
     * The body members of {@code shape} read from a request body that is not empty.
     *
     * @throws AwsServiceException the protocol's error for a body it cannot read
     * @throws ProtocolException for a value of the wrong type
     */
    protected abstract Map<String, Object> decodeBody(OperationModel operation, Shape shape, byte[] body);

    /** A structure, union or document payload read from a request body that is not empty. */
    protected abstract Optional<Object> decodePayload(Member payload, byte[] body);

    /** The body of an output whose shape has body members. */
    protected abstract Body encodeBody(OperationModel operation, Shape shape, Map<String, Object> output);

    /** A structure, union or document payload. */
    protected abstract Body encodePayload(Member payload, Object value);

    /** The error envelope; may add headers (the error's header-bound members are already in). */
    protected abstract Body errorBody(AwsServiceException error, Optional<Shape> errorShape, String requestId,
                                      Map<String, String> headers);
}

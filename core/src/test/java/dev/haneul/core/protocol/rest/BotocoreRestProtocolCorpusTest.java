package dev.haneul.core.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.CorpusGateway;
import dev.haneul.core.protocol.CorpusGateway.Recorder;
import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.ShapeType;
import dev.haneul.core.protocol.TreeValues;
import dev.haneul.core.protocol.XmlWriter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every {@code rest-xml} and {@code rest-json} case of botocore's protocol test suite, run against
 * the real gateway over HTTP with a provider built from the case's own model, as
 * {@code BotocoreProtocolCorpusTest} does for the RPC-style protocols:
 *
 * <ul>
 *   <li>input cases — the request botocore serialises (method, URI, headers, body) must reach the
 *       provider as the parameters botocore started from;
 *   <li>output cases — the response botocore expects must read, with {@link RestResponseReader}, as
 *       the expected result; what Haneul writes for that result must read the same; errors
 *       likewise for status, code, message and members (header-bound ones included).
 * </ul>
 *
 * <p>A server cannot recover what a client leaves out, so three protocol rules shape the expected
 * input (each one is the protocol's, not a case's): an empty list or map bound to the query string
 * or to prefix headers is not sent at all; a query-string map loses the keys a named query
 * parameter also binds (the named one wins on the wire); an idempotency token the client filled in
 * is not compared. One case
 * addresses an endpoint with a path ({@code example.com/custom}); Haneul's endpoint has none, so the
 * request is sent without that prefix.
 */
class BotocoreRestProtocolCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers every Haneul answer carries; a map bound to all headers (prefix "") sees them too. */
    private static final Set<String> TRANSPORT_HEADERS =
            Set.of("content-length", "content-type", "date", "connection", "x-amzn-requestid");
    @RegisterExtension
    static final CorpusGateway gateway = new CorpusGateway();

    @TestFactory
    Stream<DynamicTest> restXmlInput() throws IOException {
        return CorpusGateway.cases("input/rest-xml.json", this::input);
    }

    @TestFactory
    Stream<DynamicTest> restJsonInput() throws IOException {
        return CorpusGateway.cases("input/rest-json.json", this::input);
    }

    @TestFactory
    Stream<DynamicTest> restXmlOutput() throws IOException {
        return CorpusGateway.cases("output/rest-xml.json", this::output);
    }

    @TestFactory
    Stream<DynamicTest> restJsonOutput() throws IOException {
        return CorpusGateway.cases("output/rest-json.json", this::output);
    }

    private void input(JsonNode suite, JsonNode testCase) throws Exception {
        ServiceModel model = CorpusGateway.model(suite, testCase);
        OperationModel operation = model.operation(testCase.path("given").path("name").asText()).orElseThrow();
        JsonNode params = testCase.path("params");
        Map<String, Object> expected = operation.input()
                .map(shape -> TreeValues.fromBotocore(shape, params))
                .orElseGet(LinkedHashMap::new);
        JsonNode serialized = testCase.path("serialized");
        Map<String, String> headers = new LinkedHashMap<>();
        serialized.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        byte[] body = serialized.has("body")
                ? serialized.get("body").asText().getBytes(StandardCharsets.UTF_8)
                : rebuildBody(model, operation, params);
        String encoding = headers.getOrDefault("Content-Encoding", "");
        if (encoding.equals("gzip") || encoding.endsWith(", gzip")) {
            body = CorpusGateway.gzip(body);
        }
        String uri = serialized.path("uri").asText("/");
        String host = serialized.path("host").asText("");
        if (host.contains("/")) {
            uri = uri.substring(host.substring(host.indexOf('/')).length());
        }
        Recorder recorder = new Recorder(model, () -> Map.of());
        HttpResponse<byte[]> response = gateway.send(recorder, serialized.path("method").asText("POST"),
                uri, headers, body);

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Map<String, Object> received = new LinkedHashMap<>(recorder.input());
        operation.input().ifPresent(shape -> expectWhatTheWireCarries(shape, params, expected, received));
        assertThat(TreeValues.canonical(received)).isEqualTo(TreeValues.canonical(expected));
    }

    /** The protocol rules of the class comment, applied to the parameters botocore started from. */
    private static void expectWhatTheWireCarries(Shape input, JsonNode params, Map<String, Object> expected,
                                                 Map<String, Object> received) {
        Set<String> namedQuery = new HashSet<>();
        input.members().values().stream()
                .filter(m -> m.location() == Member.Location.QUERY_STRING && m.shape().type() != ShapeType.MAP)
                .forEach(m -> namedQuery.add(m.wireName()));
        for (Member member : input.members().values()) {
            Object value = expected.get(member.name());
            boolean outsideBody = member.location() == Member.Location.QUERY_STRING
                    || member.location() == Member.Location.HEADERS;
            if (member.idempotencyToken() && !params.has(member.name())) {
                expected.remove(member.name());
                received.remove(member.name());
            } else if (member.location() == Member.Location.QUERY_STRING && value instanceof Map<?, ?> map) {
                Map<String, Object> carried = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    if (!namedQuery.contains((String) k)) {
                        carried.put((String) k, v);
                    }
                });
                expected.put(member.name(), carried);
            }
            Object carried = expected.get(member.name());
            if (outsideBody && (carried instanceof List<?> list && list.isEmpty()
                    || carried instanceof Map<?, ?> map && map.isEmpty())) {
                expected.remove(member.name());
            }
        }
    }

    /** The body a client sends for cases that list only headers (their inputs have string body members). */
    private static byte[] rebuildBody(ServiceModel model, OperationModel operation, JsonNode params) {
        Shape input = operation.input().orElseThrow();
        if (model.protocol().equals("rest-json")) {
            ObjectNode body = JSON.createObjectNode();
            input.members().values().stream().filter(Member::inBody)
                    .forEach(m -> body.set(m.wireName(), params.get(m.name())));
            return body.toString().getBytes(StandardCharsets.UTF_8);
        }
        XmlWriter xml = new XmlWriter(256).start(operation.name() + "Request");
        input.members().values().stream().filter(m -> m.inBody() && params.has(m.name()))
                .forEach(m -> xml.element(m.wireName(), params.get(m.name()).asText()));
        return xml.end(operation.name() + "Request").toString().getBytes(StandardCharsets.UTF_8);
    }

    private void output(JsonNode suite, JsonNode testCase) throws Exception {
        ServiceModel model = CorpusGateway.model(suite, testCase);
        OperationModel operation = model.operation(testCase.path("given").path("name").asText()).orElseThrow();
        RestResponseReader.Response corpus = corpusResponse(testCase.path("response"));
        if (testCase.has("errorCode")) {
            outputError(model, operation, testCase, corpus);
            return;
        }
        Map<String, Object> expected = operation.output()
                .map(shape -> TreeValues.fromBotocore(shape, testCase.path("result")))
                .orElseGet(LinkedHashMap::new);

        // 1. The response botocore expects reads, with our client-side rules, as the expected result.
        assertThat(TreeValues.canonical(read(model, operation, corpus)))
                .as("corpus response").isEqualTo(TreeValues.canonical(expected));

        // 2. What Haneul writes for that result reads back as the same result.
        Recorder recorder = new Recorder(model, () -> expected);
        RestResponseReader.Response ours = call(recorder, operation);
        assertThat(ours.headers()).containsKey("x-amzn-requestid");
        assertThat(TreeValues.canonical(read(model, operation, ours)))
                .as("Haneul's response " + ours.headers() + " " + ours.text()).isEqualTo(TreeValues.canonical(expected));
    }

    private void outputError(ServiceModel model, OperationModel operation, JsonNode testCase,
                             RestResponseReader.Response corpus) throws Exception {
        String code = testCase.path("errorCode").asText();
        Shape errorShape = CorpusGateway.errorShape(operation, code);
        Map<String, Object> fields = TreeValues.fromBotocore(errorShape, testCase.path("error"));
        Optional<String> stated = testCase.has("errorMessage") ? Optional.of(testCase.get("errorMessage").asText())
                : fields.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("message"))
                        .map(e -> (String) e.getValue()).findFirst();
        String message = stated.orElse("");
        fields.keySet().removeIf(k -> k.equalsIgnoreCase("message"));

        RestResponseReader.ParsedError fromCorpus = RestResponseReader.readError(model, errorShape, corpus);
        assertThat(fromCorpus.code()).as("corpus code").isEqualTo(code);
        stated.ifPresent(m -> assertThat(fromCorpus.message()).as("corpus message").isEqualTo(m));
        assertThat(TreeValues.canonical(fromCorpus.fields())).as("corpus members").isEqualTo(TreeValues.canonical(fields));

        AwsServiceException thrown = new ServiceErrors(model).error(errorShape.name(), fields, message);
        Recorder recorder = new Recorder(model, () -> {
            throw thrown;
        });
        RestResponseReader.Response ours = call(recorder, operation);
        assertThat(ours.status()).isEqualTo(corpus.status());
        RestResponseReader.ParsedError parsed = RestResponseReader.readError(model, errorShape, ours);
        assertThat(parsed.code()).isEqualTo(code);
        assertThat(parsed.message()).isEqualTo(message);
        assertThat(TreeValues.canonical(parsed.fields())).as(ours.text()).isEqualTo(TreeValues.canonical(fields));
    }

    private static Map<String, Object> read(ServiceModel model, OperationModel operation,
                                            RestResponseReader.Response response) {
        if (operation.output().isEmpty()) {
            return new LinkedHashMap<>();
        }
        Shape output = operation.output().get();
        Map<String, Object> result = RestResponseReader.read(model, output, response);
        for (Member member : output.members().values()) {
            if (member.location() == Member.Location.HEADERS && member.locationName().orElse("").isEmpty()
                    && result.get(member.name()) instanceof Map<?, ?> all) {
                all.keySet().removeIf(name -> TRANSPORT_HEADERS.contains(((String) name).toLowerCase(Locale.ROOT)));
            }
        }
        return result;
    }

    /** Calls {@code operation} with a request built from its URI template (labels filled in). */
    private RestResponseReader.Response call(Recorder recorder, OperationModel operation) throws Exception {
        String uri = operation.http().requestUri().replaceAll("\\{[^}]+}", "label");
        HttpResponse<byte[]> response = gateway.send(recorder, operation.http().method(), uri, Map.of(),
                new byte[0]);
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(", ", values)));
        return new RestResponseReader.Response(response.statusCode(), headers, response.body());
    }

    private static RestResponseReader.Response corpusResponse(JsonNode response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").properties().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT),
                e.getValue().asText()));
        return new RestResponseReader.Response(response.path("status_code").asInt(200), headers,
                response.path("body").asText("").getBytes(StandardCharsets.UTF_8));
    }
}

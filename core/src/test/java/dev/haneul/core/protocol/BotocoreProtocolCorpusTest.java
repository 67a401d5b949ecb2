package dev.haneul.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.gateway.ApiDispatcher;
import dev.haneul.core.gateway.GatewayServer;
import dev.haneul.core.gateway.RequestSigning;
import dev.haneul.core.gateway.ServiceRegistry;
import dev.haneul.core.gateway.SigningScope;
import dev.haneul.core.testing.Corpora;
import dev.haneul.core.netty.EventLoopRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;

/**
 * Every {@code query} and {@code json} case of botocore's protocol test suite, run against the real
 * gateway over HTTP with a provider built from the case's own model:
 *
 * <ul>
 *   <li>input cases — the serialised request botocore would send must reach the provider as exactly
 *       the parameters botocore started from;
 *   <li>output cases — the response botocore expects must parse (with a botocore-faithful reader)
 *       to the expected result, and what Haneul writes for that result must parse to it too; error
 *       cases likewise for code, message, structured members and HTTP status.
 * </ul>
 */
class BotocoreProtocolCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EventLoopRuntime runtime;

    @BeforeAll
    static void startEventLoops() {
        runtime = EventLoopRuntime.builder().threads(1).build();
    }

    @AfterAll
    static void stopEventLoops() {
        runtime.close();
    }

    @TestFactory
    Stream<DynamicTest> queryInput() throws IOException {
        return cases("input/query.json", this::input);
    }

    @TestFactory
    Stream<DynamicTest> jsonInput() throws IOException {
        return cases("input/json.json", this::input);
    }

    @TestFactory
    Stream<DynamicTest> queryOutput() throws IOException {
        return cases("output/query.json", this::output);
    }

    @TestFactory
    Stream<DynamicTest> jsonOutput() throws IOException {
        return cases("output/json.json", this::output);
    }

    private interface CaseRunner {
        void run(JsonNode suite, JsonNode testCase) throws Exception;
    }

    private static Stream<DynamicTest> cases(String file, CaseRunner runner) throws IOException {
        Path path = Corpora.require("wire-format/botocore-protocol-tests/" + file);
        JsonNode suites = JSON.readTree(path.toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode suite : suites) {
            for (JsonNode testCase : suite.path("cases")) {
                tests.add(DynamicTest.dynamicTest(testCase.path("id").asText(), () -> runner.run(suite, testCase)));
            }
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private void input(JsonNode suite, JsonNode testCase) throws Exception {
        ServiceModel model = model(suite, testCase);
        OperationModel operation = model.operation(testCase.path("given").path("name").asText()).orElseThrow();
        Map<String, Object> expected = operation.input()
                .map(shape -> TreeValues.fromBotocore(shape, testCase.path("params")))
                .orElseGet(LinkedHashMap::new);
        JsonNode serialized = testCase.path("serialized");
        Map<String, String> headers = new LinkedHashMap<>();
        serialized.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        byte[] body;
        if (serialized.has("body")) {
            body = serialized.get("body").asText().getBytes(StandardCharsets.UTF_8);
        } else {
            body = rebuildBody(model, operation, testCase.path("params"));
            headers.putIfAbsent("Content-Type", model.protocol().equals("query")
                    ? "application/x-www-form-urlencoded" : "application/x-amz-json-" + model.jsonVersion());
            if (model.protocol().equals("json")) {
                headers.putIfAbsent("X-Amz-Target", model.targetPrefix().orElseThrow() + "." + operation.name());
            }
        }
        if ("gzip".equals(headers.get("Content-Encoding"))) {
            body = gzip(body);
        }
        Recorder recorder = new Recorder(model, () -> Map.of());
        HttpResponse<String> response = send(recorder, serialized.path("method").asText("POST"),
                serialized.path("uri").asText("/"), headers, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        if (model.protocol().equals("query")) {
            // The query protocol cannot carry an empty map (botocore sends nothing): absent means empty.
            expected.values().removeIf(v -> v instanceof Map<?, ?> m && m.isEmpty());
        }
        Map<String, Object> received = new LinkedHashMap<>(recorder.input);
        operation.input().ifPresent(shape -> shape.members().values().forEach(m -> {
            if (m.idempotencyToken() && !testCase.path("params").has(m.name())) {
                received.remove(m.name());
            }
        }));
        assertThat(TreeValues.canonical(received)).isEqualTo(TreeValues.canonical(expected));
    }

    private void output(JsonNode suite, JsonNode testCase) throws Exception {
        ServiceModel model = model(suite, testCase);
        OperationModel operation = model.operation(testCase.path("given").path("name").asText()).orElseThrow();
        JsonNode response = testCase.path("response");
        if (testCase.has("errorCode")) {
            outputError(model, operation, testCase, response);
            return;
        }
        Map<String, Object> expected = operation.output()
                .map(shape -> TreeValues.fromBotocore(shape, testCase.path("result")))
                .orElseGet(LinkedHashMap::new);
        expected.remove("ResponseMetadata");

        // 1. The response botocore expects reads, with our client-side rules, as the expected result.
        String corpusBody = response.path("body").asText("");
        assertThat(TreeValues.canonical(parseSuccess(model, operation, corpusBody)))
                .as("corpus body").isEqualTo(TreeValues.canonical(expected));

        // 2. What Haneul writes for that result reads back as the same result.
        Recorder recorder = new Recorder(model, () -> expected);
        HttpResponse<String> answer = send(recorder, "POST", "/", requestHeaders(model, operation),
                requestBody(model, operation));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(TreeValues.canonical(parseSuccess(model, operation, answer.body())))
                .as("Haneul's response " + answer.body()).isEqualTo(TreeValues.canonical(expected));
    }

    private void outputError(ServiceModel model, OperationModel operation, JsonNode testCase, JsonNode response)
            throws Exception {
        String code = testCase.path("errorCode").asText();
        Shape errorShape = operation.errors().stream()
                .filter(s -> s.error().map(e -> e.code().equals(code)).orElse(false) || s.name().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError("no error shape for " + code));
        Map<String, Object> fields = TreeValues.fromBotocore(errorShape, testCase.path("error"));
        String message = testCase.has("errorMessage") ? testCase.get("errorMessage").asText() : "";

        Map<String, String> corpusHeaders = new HashMap<>();
        response.path("headers").properties().forEach(e -> corpusHeaders.put(e.getKey().toLowerCase(), e.getValue().asText()));
        ParsedError corpus = parseError(model, errorShape, response.path("body").asText(""), corpusHeaders);
        assertThat(corpus.code).as("corpus code").isEqualTo(code);
        if (testCase.has("errorMessage")) {
            assertThat(corpus.message).isEqualTo(message);
        }

        Map<String, Object> extra = new LinkedHashMap<>(fields);
        extra.keySet().removeIf(k -> k.equalsIgnoreCase("message"));
        AwsServiceException thrown = new ServiceErrors(model).error(errorShape.name(), extra, message);
        Recorder recorder = new Recorder(model, () -> {
            throw thrown;
        });
        HttpResponse<String> answer = send(recorder, "POST", "/", requestHeaders(model, operation),
                requestBody(model, operation));
        assertThat(answer.statusCode()).isEqualTo(response.path("status_code").asInt());
        Map<String, String> headers = new HashMap<>();
        answer.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        ParsedError ours = parseError(model, errorShape, answer.body(), headers);
        assertThat(ours.code).isEqualTo(code);
        assertThat(ours.message).isEqualTo(message);
        assertThat(TreeValues.canonical(ours.fields)).isEqualTo(TreeValues.canonical(extra));
    }

    private record ParsedError(String code, String message, Map<String, Object> fields) {}

    private static ParsedError parseError(ServiceModel model, Shape errorShape, String body, Map<String, String> headers) {
        if (model.protocol().equals("query")) {
            Element error = XmlTreeParser.error(body);
            Map<String, Object> fields = XmlTreeParser.structure(errorShape, error);
            fields.keySet().removeIf(k -> k.equalsIgnoreCase("message"));
            return new ParsedError(text(error, "Code"), text(error, "Message"), fields);
        }
        // botocore: x-amzn-ErrorType wins, else __type or code; keep the part after '#' and before ':'.
        Map<String, Object> fields = JsonCodec().decode(errorShape, body);
        String code = headers.get("x-amzn-errortype");
        JsonNode node;
        try {
            node = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        if (code == null) {
            code = node.has("__type") ? node.get("__type").asText() : node.path("code").asText(null);
        }
        code = code.substring(code.lastIndexOf('#') + 1);
        int colon = code.indexOf(':');
        if (colon >= 0) {
            code = code.substring(0, colon);
        }
        String message = node.has("message") ? node.get("message").asText() : node.path("Message").asText("");
        fields.keySet().removeIf(k -> k.equalsIgnoreCase("message"));
        return new ParsedError(code, message, fields);
    }

    private static JsonDecoder JsonCodec() {
        return (shape, body) -> dev.haneul.core.protocol.json.JsonCodec.decode(shape, body.getBytes(StandardCharsets.UTF_8));
    }

    private interface JsonDecoder {
        Map<String, Object> decode(Shape shape, String body);
    }

    private static String text(Element parent, String name) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return e.getTextContent();
            }
        }
        return "";
    }

    private static Map<String, Object> parseSuccess(ServiceModel model, OperationModel operation, String body) {
        if (model.protocol().equals("query")) {
            return XmlTreeParser.result(body, operation);
        }
        return operation.output()
                .map(shape -> dev.haneul.core.protocol.json.JsonCodec.decode(shape, body.getBytes(StandardCharsets.UTF_8)))
                .orElseGet(LinkedHashMap::new);
    }

    private static Map<String, String> requestHeaders(ServiceModel model, OperationModel operation) {
        if (model.protocol().equals("query")) {
            return Map.of("Content-Type", "application/x-www-form-urlencoded");
        }
        return Map.of("Content-Type", "application/x-amz-json-" + model.jsonVersion(),
                "X-Amz-Target", model.targetPrefix().orElseThrow() + "." + operation.name());
    }

    private static byte[] requestBody(ServiceModel model, OperationModel operation) {
        String body = model.protocol().equals("query")
                ? "Action=" + operation.name() + "&Version=" + model.apiVersion()
                : "{}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The body botocore would have sent for cases that only list headers (string members only). */
    private static byte[] rebuildBody(ServiceModel model, OperationModel operation, JsonNode params) {
        if (model.protocol().equals("json")) {
            return params.toString().getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder form = new StringBuilder("Action=" + operation.name() + "&Version=" + model.apiVersion());
        params.properties().forEach(e -> form.append('&').append(e.getKey()).append('=')
                .append(URLEncoder.encode(e.getValue().asText(), StandardCharsets.UTF_8)));
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    private static ServiceModel model(JsonNode suite, JsonNode testCase) {
        ObjectNode root = JSON.createObjectNode();
        root.set("metadata", suite.path("metadata"));
        root.set("shapes", suite.path("shapes"));
        ObjectNode operations = root.putObject("operations");
        operations.set(testCase.path("given").path("name").asText(), testCase.path("given"));
        return ServiceModel.fromJson(root);
    }

    private static HttpResponse<String> send(Recorder provider, String method, String uri, Map<String, String> headers,
                                             byte[] body) throws Exception {
        RequestSigning unsigned = new RequestSigning() {
            @Override
            public Optional<SigningScope> scope(dev.haneul.core.gateway.ApiRequest request) {
                return Optional.empty();
            }

            @Override
            public void requireAuthentication(dev.haneul.core.gateway.ApiRequest request, boolean json) {}

            @Override
            public void verify(dev.haneul.core.gateway.ApiRequest request, boolean json) {}

            @Override
            public boolean enabled() {
                return false;
            }
        };
        ApiDispatcher dispatcher = new ApiDispatcher(new ServiceRegistry(List.of(provider)), unsigned,
                "000000000000", "us-east-1", "test");
        try (GatewayServer server = GatewayServer.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .runtime(runtime)
                .dispatcher(dispatcher)
                .bind()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.localAddress().getPort() + uri))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A provider built from a test model that records its input and answers as told. */
    private static final class Recorder implements ServiceProvider {
        private final ServiceModel model;
        private final Supplier<Map<String, Object>> answer;
        private Map<String, Object> input = Map.of();

        Recorder(ServiceModel model, Supplier<Map<String, Object>> answer) {
            this.model = model;
            this.answer = answer;
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public ServiceModel model() {
            return model;
        }

        @Override
        public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> in) {
            this.input = in;
            return answer.get();
        }
    }
}

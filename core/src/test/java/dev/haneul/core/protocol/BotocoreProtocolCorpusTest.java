package dev.haneul.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.CorpusGateway.Recorder;
import dev.haneul.core.protocol.json.JsonCodec;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

/**
 * Every case of botocore's protocol test suite for the RPC-style protocols — {@code query},
 * {@code ec2}, {@code json} 1.1 and 1.0 (and query-compatible json) — run against the real gateway
 * over HTTP with a provider built from the case's own model:
 *
 * <ul>
 *   <li>input cases — the serialised request botocore would send must reach the provider as exactly
 *       the parameters botocore started from;
 *   <li>output cases — the response botocore expects must parse (with a botocore-faithful reader)
 *       to the expected result, and what Haneul writes for that result must parse to it too; error
 *       cases likewise for code, message, structured members and HTTP status.
 * </ul>
 *
 * The rest protocols are in {@code rest.BotocoreRestProtocolCorpusTest}.
 */
class BotocoreProtocolCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final CorpusGateway gateway = new CorpusGateway();

    @TestFactory
    Stream<DynamicTest> queryInput() throws IOException {
        return CorpusGateway.cases("input/query.json", this::input);
    }

    @TestFactory
    Stream<DynamicTest> ec2Input() throws IOException {
        return CorpusGateway.cases("input/ec2.json", this::input);
    }

    @TestFactory
    Stream<DynamicTest> jsonInput() throws IOException {
        return CorpusGateway.cases("input/json.json", this::input);
    }

    @TestFactory
    Stream<DynamicTest> json10Input() throws IOException {
        return CorpusGateway.cases("input/json_1_0.json", this::input);
    }

    @TestFactory
    Stream<DynamicTest> queryCompatibleJsonInput() throws IOException {
        return CorpusGateway.cases("input/json_1_0-query-compatible.json", this::input);
    }

    @TestFactory
    Stream<DynamicTest> queryOutput() throws IOException {
        return CorpusGateway.cases("output/query.json", this::output);
    }

    @TestFactory
    Stream<DynamicTest> ec2Output() throws IOException {
        return CorpusGateway.cases("output/ec2.json", this::output);
    }

    @TestFactory
    Stream<DynamicTest> jsonOutput() throws IOException {
        return CorpusGateway.cases("output/json.json", this::output);
    }

    @TestFactory
    Stream<DynamicTest> json10Output() throws IOException {
        return CorpusGateway.cases("output/json_1_0.json", this::output);
    }

    @TestFactory
    Stream<DynamicTest> queryCompatibleJsonOutput() throws IOException {
        return CorpusGateway.cases("output/json_1_0-query-compatible.json", this::output);
    }

    private void input(JsonNode suite, JsonNode testCase) throws Exception {
        ServiceModel model = CorpusGateway.model(suite, testCase);
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
            headers.putIfAbsent("Content-Type", isJson(model)
                    ? "application/x-amz-json-" + model.jsonVersion() : "application/x-www-form-urlencoded");
        }
        if (isJson(model)) {
            // Some json 1.0 cases list only the body; every client sends the operation's target.
            headers.putIfAbsent("X-Amz-Target", model.targetPrefix().orElseThrow() + "." + operation.name());
        }
        if ("gzip".equals(headers.get("Content-Encoding"))) {
            body = CorpusGateway.gzip(body);
        }
        Recorder recorder = new Recorder(model, () -> Map.of());
        HttpResponse<byte[]> response = gateway.send(recorder, serialized.path("method").asText("POST"),
                serialized.path("uri").asText("/"), headers, body);

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        if (!isJson(model)) {
            // The query protocols cannot carry an empty map (botocore sends nothing): absent means empty.
            expected.values().removeIf(v -> v instanceof Map<?, ?> m && m.isEmpty());
        }
        if (model.protocol().equals("ec2")) {
            // Nor can ec2 carry an empty list (it has no bare "Name=" form): absent means empty.
            expected.values().removeIf(v -> v instanceof List<?> l && l.isEmpty());
        }
        Map<String, Object> received = new LinkedHashMap<>(recorder.input());
        operation.input().ifPresent(shape -> shape.members().values().forEach(m -> {
            if (m.idempotencyToken() && !testCase.path("params").has(m.name())) {
                received.remove(m.name());
            }
        }));
        assertThat(TreeValues.canonical(received)).isEqualTo(TreeValues.canonical(expected));
    }

    private void output(JsonNode suite, JsonNode testCase) throws Exception {
        ServiceModel model = CorpusGateway.model(suite, testCase);
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
        HttpResponse<byte[]> answer = gateway.send(recorder, "POST", "/",
                requestHeaders(model, operation), requestBody(model, operation));
        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(TreeValues.canonical(parseSuccess(model, operation, text(answer))))
                .as("Haneul's response " + text(answer)).isEqualTo(TreeValues.canonical(expected));
    }

    private void outputError(ServiceModel model, OperationModel operation, JsonNode testCase, JsonNode response)
            throws Exception {
        String code = testCase.path("errorCode").asText();
        Shape errorShape = CorpusGateway.errorShape(operation, code);
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
        HttpResponse<byte[]> answer = gateway.send(recorder, "POST", "/",
                requestHeaders(model, operation), requestBody(model, operation));
        assertThat(answer.statusCode()).isEqualTo(response.path("status_code").asInt());
        Map<String, String> headers = new HashMap<>();
        answer.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        ParsedError ours = parseError(model, errorShape, text(answer), headers);
        assertThat(ours.code).isEqualTo(code);
        assertThat(ours.message).isEqualTo(message);
        assertThat(TreeValues.canonical(ours.fields)).isEqualTo(TreeValues.canonical(extra));
    }

    private record ParsedError(String code, String message, Map<String, Object> fields) {}

    private static ParsedError parseError(ServiceModel model, Shape errorShape, String body, Map<String, String> headers) {
        if (!isJson(model)) {
            Element error = XmlTreeParser.error(body);
            Map<String, Object> fields = XmlTreeParser.structure(errorShape, error);
            fields.keySet().removeIf(k -> k.equalsIgnoreCase("message"));
            return new ParsedError(XmlTreeParser.text(error, "Code"), XmlTreeParser.text(error, "Message"), fields);
        }
        Map<String, Object> fields = JsonCodec.decode(errorShape, body.getBytes(StandardCharsets.UTF_8));
        fields.keySet().removeIf(k -> k.equalsIgnoreCase("message"));
        JsonNode node;
        try {
            node = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String message = node.has("message") ? node.get("message").asText() : node.path("Message").asText("");
        return new ParsedError(jsonErrorCode(model, headers, node), message, fields);
    }

    /**
     * botocore's reading of a json error code: a query-compatible service's {@code x-amzn-query-error}
     * wins, then {@code x-amzn-ErrorType}, then {@code __type} or {@code code} in the body; the part
     * after {@code #} and before {@code :} is the code.
     */
    public static String jsonErrorCode(ServiceModel model, Map<String, String> headers, JsonNode body) {
        String queryError = headers.get("x-amzn-query-error");
        if (model.awsQueryCompatible() && queryError != null && queryError.contains(";")) {
            return queryError.substring(0, queryError.indexOf(';'));
        }
        String code = headers.get("x-amzn-errortype");
        if (code == null) {
            code = body.has("__type") ? body.get("__type").asText() : body.path("code").asText(null);
        }
        code = code.substring(code.lastIndexOf('#') + 1);
        int colon = code.indexOf(':');
        return colon >= 0 ? code.substring(0, colon) : code;
    }

    private static Map<String, Object> parseSuccess(ServiceModel model, OperationModel operation, String body) {
        if (model.protocol().equals("ec2")) {
            return XmlTreeParser.rootResult(body, operation);
        }
        if (model.protocol().equals("query")) {
            return XmlTreeParser.result(body, operation);
        }
        return operation.output()
                .map(shape -> JsonCodec.decode(shape, body.getBytes(StandardCharsets.UTF_8)))
                .orElseGet(LinkedHashMap::new);
    }

    private static boolean isJson(ServiceModel model) {
        return model.protocol().equals("json");
    }

    private static Map<String, String> requestHeaders(ServiceModel model, OperationModel operation) {
        if (!isJson(model)) {
            return Map.of("Content-Type", "application/x-www-form-urlencoded");
        }
        return Map.of("Content-Type", "application/x-amz-json-" + model.jsonVersion(),
                "X-Amz-Target", model.targetPrefix().orElseThrow() + "." + operation.name());
    }

    private static byte[] requestBody(ServiceModel model, OperationModel operation) {
        String body = isJson(model) ? "{}" : "Action=" + operation.name() + "&Version=" + model.apiVersion();
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body a client would have sent for cases that only list headers (string members named by
     * their member names; ec2 upper-cases the first letter).
     */
    private static byte[] rebuildBody(ServiceModel model, OperationModel operation, JsonNode params) {
        if (isJson(model)) {
            return params.toString().getBytes(StandardCharsets.UTF_8);
        }
        boolean ec2 = model.protocol().equals("ec2");
        StringBuilder form = new StringBuilder("Action=" + operation.name() + "&Version=" + model.apiVersion());
        params.properties().forEach(e -> form.append('&')
                .append(ec2 ? Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1) : e.getKey())
                .append('=').append(URLEncoder.encode(e.getValue().asText(), StandardCharsets.UTF_8)));
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}

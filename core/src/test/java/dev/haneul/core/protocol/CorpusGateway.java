package dev.haneul.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.gateway.ApiDispatcher;
import dev.haneul.core.gateway.ApiRequest;
import dev.haneul.core.gateway.GatewayServer;
import dev.haneul.core.gateway.RequestSigning;
import dev.haneul.core.gateway.ServiceRegistry;
import dev.haneul.core.gateway.SigningScope;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.testing.Corpora;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the botocore protocol corpus tests share: reading the cases, building each case's model, and
 * sending a request through a real {@link GatewayServer} to a provider that records its input and
 * answers as told. Registered as a JUnit extension, it owns the event loops of the gateways.
 */
public final class CorpusGateway implements BeforeAllCallback, AfterAllCallback {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EventLoopRuntime runtime;

    @Override
    public void beforeAll(ExtensionContext context) {
        runtime = EventLoopRuntime.builder().threads(1).build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        runtime.close();
    }

    /** Runs one case of a suite. */
    public interface CaseRunner {
        void run(JsonNode suite, JsonNode testCase) throws Exception;
    }

    /** One dynamic test per case of {@code file}, or a skip when the corpora are absent. */
    public static Stream<DynamicTest> cases(String file, CaseRunner runner) throws IOException {
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

    /** The case's model: the suite's metadata and shapes, and the one operation the case gives. */
    public static ServiceModel model(JsonNode suite, JsonNode testCase) {
        ObjectNode root = JSON.createObjectNode();
        root.set("metadata", suite.path("metadata"));
        root.set("shapes", suite.path("shapes"));
        ObjectNode operations = root.putObject("operations");
        operations.set(testCase.path("given").path("name").asText(), testCase.path("given"));
        return ServiceModel.fromJson(root);
    }

    /** The error shape of {@code operation} whose code or name is {@code code}. */
    public static Shape errorShape(OperationModel operation, String code) {
        return operation.errors().stream()
                .filter(s -> s.error().map(e -> e.code().equals(code)).orElse(false) || s.name().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError("no error shape for " + code));
    }

    /** Sends one request to a gateway serving {@code provider} alone, unsigned. */
    public HttpResponse<byte[]> send(ServiceProvider provider, String method, String uri, Map<String, String> headers,
                                     byte[] body) throws Exception {
        RequestSigning unsigned = new RequestSigning() {
            @Override
            public Optional<SigningScope> scope(ApiRequest request) {
                return Optional.empty();
            }

            @Override
            public void requireAuthentication(ApiRequest request, boolean json) {}

            @Override
            public void verify(ApiRequest request, boolean json) {}

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
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    public static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    /** A provider built from a test model that records its input and answers as told. */
    public static final class Recorder implements ServiceProvider {
        private final ServiceModel model;
        private final Supplier<Map<String, Object>> answer;
        private final ProtocolOptions options;
        private Map<String, Object> input = Map.of();

        public Recorder(ServiceModel model, Supplier<Map<String, Object>> answer) {
            this(model, answer, ProtocolOptions.DEFAULTS);
        }

        public Recorder(ServiceModel model, Supplier<Map<String, Object>> answer, ProtocolOptions options) {
            this.model = model;
            this.answer = answer;
            this.options = options;
        }

        /** The input of the last call. */
        public Map<String, Object> input() {
            return input;
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
        public ProtocolOptions protocolOptions() {
            return options;
        }

        @Override
        public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> in) {
            this.input = in;
            return answer.get();
        }
    }
}

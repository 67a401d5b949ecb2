package dev.haneul.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.DeniedItems;
import dev.haneul.core.api.ErrorType;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.protocol.TestModels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's steps without sockets: which service a request reaches (credential scope,
 * target, Action, path), and that every answer and failure comes out in that service's protocol.
 */
class ApiDispatcherTest {

    private static final String SHOP = """
            {"metadata": {"protocol": "query", "apiVersion": "2024-01-01", "endpointPrefix": "shop", "serviceId": "Shop",
                          "xmlNamespace": "http://shop.example/doc/2024-01-01/"},
             "operations": {"Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"},
                                     "output": {"shape": "PingResult", "resultWrapper": "PingResult"}}},
             "shapes": {"PingResult": {"type": "structure", "members": {"Answer": {"shape": "String"}}},
                        "String": {"type": "string"}}}
            """;
    private static final String STORE = """
            {"metadata": {"protocol": "rest-xml", "apiVersion": "2024-01-01", "endpointPrefix": "store", "serviceId": "Store"},
             "operations": {
               "PutObject": {"name": "PutObject", "http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}"},
                             "input": {"shape": "PutObjectRequest"}, "output": {"shape": "PutObjectOutput"},
                             "errors": [{"shape": "NoSuchBucket"}]}},
             "shapes": {
               "PutObjectRequest": {"type": "structure", "required": ["Bucket", "Key"], "payload": "Body", "members": {
                 "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
                 "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
                 "Body": {"shape": "Blob", "streaming": true}}},
               "PutObjectOutput": {"type": "structure", "members": {
                 "ETag": {"shape": "String", "location": "header", "locationName": "ETag"}}},
               "NoSuchBucket": {"type": "structure", "members": {}, "error": {"httpStatusCode": 404}, "exception": true},
               "String": {"type": "string"}, "Blob": {"type": "blob"}}}
            """;
    private static final String DOCS = """
            {"metadata": {"protocol": "json", "jsonVersion": "1.1", "apiVersion": "2024-01-01", "endpointPrefix": "docs",
                          "serviceId": "Docs", "targetPrefix": "Docs_2024"},
             "operations": {"Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}},
             "shapes": {}}
            """;

    private final Provider shop = new Provider("shop", SHOP);
    private final Provider store = new Provider("store", STORE);
    private final Provider docs = new Provider("docs", DOCS);
    private Optional<SigningScope> scope = Optional.empty();
    private final ApiDispatcher dispatcher = new ApiDispatcher(new ServiceRegistry(List.of(shop, store, docs)),
            unsigned(), "000000000000", "us-east-1", "test");

    /** Signatures neither required nor checked; the scope is what the test sets. */
    private RequestSigning unsigned() {
        return new RequestSigning() {
            @Override
            public Optional<SigningScope> scope(ApiRequest request) {
                return scope;
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
    }

    private final List<String> steps = new ArrayList<>();
    private final ApiInterceptor recording = new ApiInterceptor() {
        @Override
        public void beforeDecode(ApiCall call) {
            steps.add("decode? " + call.provider().name() + " " + call.protocol());
        }

        @Override
        public void beforeInvoke(ApiCall call) {
            steps.add("invoke? " + call.operation().name() + " " + call.input().keySet());
            if ("forbidden".equals(call.input().get("Bucket"))) {
                throw CommonErrors.ACCESS_DENIED.error("not this bucket");
            }
        }
    };

    private ApiResponse dispatch(String method, String uri, String body, String... headers) {
        return dispatch(dispatcher, method, uri, body, headers);
    }

    private static ApiResponse dispatch(ApiDispatcher dispatcher, String method, String uri, String body,
                                        String... headers) {
        int question = uri.indexOf('?');
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            list.add(Map.entry(headers[i], headers[i + 1]));
        }
        return dispatcher.dispatch(new ApiRequest("req-1", method, question < 0 ? uri : uri.substring(0, question),
                question < 0 ? "" : uri.substring(question + 1), list, body.getBytes(StandardCharsets.UTF_8),
                Instant.EPOCH));
    }

    private static String text(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anActionReachesItsQueryServiceAndAPathItsRestService() {
        shop.answer = Map.of("Answer", "pong");
        ApiResponse ping = dispatch("POST", "/", "Action=Ping&Version=2024-01-01",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(ping.status()).isEqualTo(200);
        assertThat(text(ping)).contains("<PingResult><Answer>pong</Answer></PingResult>");

        store.answer = Map.of("ETag", "\"e1\"");
        ApiResponse put = dispatch("PUT", "/photos/a/b.jpg", "\u0000\u00ffbinary", "Content-Type", "application/octet-stream");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.headers()).containsEntry("ETag", "\"e1\"");
        assertThat(put.contentType()).isEmpty();
        assertThat(store.operation).isEqualTo("PutObject");
        assertThat(store.input).containsEntry("Bucket", "photos").containsEntry("Key", "a/b.jpg");
        assertThat(store.input.get("Body")).isInstanceOf(StreamingBlob.class);
    }

    @Test
    void interceptorsSeeTheServiceBeforeDecodingAndTheOperationBeforeTheProviderAndMayRefuse() {
        ApiDispatcher chained = new ApiDispatcher(new ServiceRegistry(List.of(shop, store, docs)), unsigned(),
                "000000000000", "us-east-1", "test", List.of(recording));
        store.answer = Map.of();
        assertThat(dispatch(chained, "PUT", "/photos/a.jpg", "x").status()).isEqualTo(200);
        assertThat(steps).containsExactly("decode? store rest-xml", "invoke? PutObject [Bucket, Key, Body]");
        store.operation = null;
        ApiResponse refused = dispatch(chained, "PUT", "/forbidden/a.jpg", "x");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(text(refused)).contains("<Code>AccessDenied</Code>").contains("not this bucket");
        assertThat(store.operation).isNull();
    }

    @Test
    void theCredentialScopeWinsOverEverythingElse() {
        scope = Optional.of(new SigningScope("AKID", "eu-west-1", "store"));
        store.answer = Map.of();
        assertThat(dispatch("PUT", "/photos/a.jpg?Action=Ping", "").status()).isEqualTo(200);
        assertThat(store.operation).isEqualTo("PutObject");
        assertThat(store.region).isEqualTo("eu-west-1");
    }

    @Test
    void requestsNoServiceClaimsGetTheErrorOfTheProtocolTheCallerSpeaks() {
        ApiResponse missing = dispatch("POST", "/", "", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(text(missing)).contains("<Code>MissingAction</Code>");
        assertThat(text(dispatch("POST", "/", "Action=Nope", "Content-Type", "application/x-www-form-urlencoded")))
                .contains("<Code>InvalidAction</Code>");
        ApiResponse notForm = dispatch("POST", "/", "{}", "Content-Type", "application/json");
        assertThat(text(notForm)).contains("<Code>InvalidQueryParameter</Code>");
        ApiResponse unknownTarget = dispatch("POST", "/", "{}", "X-Amz-Target", "Nope_2024.Ping",
                "Content-Type", "application/x-amz-json-1.1");
        assertThat(unknownTarget.headers()).containsEntry("x-amzn-ErrorType", "UnknownOperationException");
        scope = Optional.of(new SigningScope("AKID", "us-east-1", "lambda"));
        assertThat(text(dispatch("GET", "/", ""))).contains("<Code>InvalidAction</Code>")
                .contains("does not emulate the service &apos;lambda&apos;");
    }

    @Test
    void providerFailuresAreAnsweredInTheServicesEnvelope() {
        store.failure = new ServiceErrors(store.model()).error("NoSuchBucket", "The specified bucket does not exist");
        ApiResponse typed = dispatch("PUT", "/nope/a.jpg", "");
        assertThat(typed.status()).isEqualTo(404);
        assertThat(text(typed)).startsWith("<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchBucket</Code>");
        store.failure = new IllegalStateException("bug");
        ApiResponse internal = dispatch("PUT", "/photos/a.jpg", "");
        assertThat(internal.status()).isEqualTo(500);
        assertThat(text(internal)).contains("<Code>InternalFailure</Code>").contains("<Type>Receiver</Type>");
        ApiResponse json = dispatch("POST", "/", "{}", "X-Amz-Target", "Docs_2024.Pong",
                "Content-Type", "application/x-amz-json-1.1");
        assertThat(text(json)).contains("\"__type\":\"UnknownOperationException\"");
    }

    @Test
    void anUnsignedCallIsAnonymousOnlyWhereTheServiceTakesItAndAStepAllowsIt() {
        RequestSigning required = new RequestSigning() {
            @Override
            public Optional<SigningScope> scope(ApiRequest request) {
                return Optional.empty();
            }

            @Override
            public void requireAuthentication(ApiRequest request, boolean json) {
                throw new ErrorType(ErrorType.COMMON, "MissingAuthenticationToken", 403, true)
                        .error("Request is missing Authentication Token");
            }

            @Override
            public void verify(ApiRequest request, boolean json) {
                throw new IllegalStateException("an anonymous call has nothing to verify");
            }

            @Override
            public boolean enabled() {
                return true;
            }
        };
        ApiInterceptor allowing = new ApiInterceptor() {
            @Override
            public void beforeInvoke(ApiCall call) {
                if (call.anonymous()) {
                    call.deniedItems(new DeniedItems(Set.of(1)));
                    call.allowAnonymous();
                }
            }
        };
        ServiceRegistry registry = new ServiceRegistry(List.of(shop, store, docs));
        ApiDispatcher withoutAuthorization = new ApiDispatcher(registry, required, "000000000000", "us-east-1", "test");
        ApiDispatcher withAuthorization = new ApiDispatcher(registry, required, "000000000000", "us-east-1", "test",
                List.of(allowing));

        assertThat(text(dispatch(withAuthorization, "PUT", "/photos/a.jpg", "x")))
                .as("a service that does not take anonymous calls").contains("<Code>MissingAuthenticationToken</Code>");
        store.anonymous = true;
        assertThat(dispatch(withoutAuthorization, "PUT", "/photos/a.jpg", "x").status())
                .as("no step allowed it: refused, never let through").isEqualTo(403);
        assertThat(store.operation).isNull();
        assertThat(text(dispatch(withAuthorization, "POST", "/", "Action=Ping&Version=2024-01-01",
                "Content-Type", "application/x-www-form-urlencoded"))).contains("<Code>MissingAuthenticationToken</Code>");

        ApiResponse allowed = dispatch(withAuthorization, "PUT", "/photos/a.jpg", "x");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(store.operation).isEqualTo("PutObject");
        assertThat(store.denied).isEqualTo(new DeniedItems(Set.of(1)));
    }

    /** A provider that records what it was asked and answers or fails as told. */
    private static final class Provider implements ServiceProvider {
        private final String name;
        private final ServiceModel model;
        Map<String, Object> answer = Map.of();
        RuntimeException failure;
        boolean anonymous;
        DeniedItems denied;
        String operation;
        String region;
        Map<String, Object> input;

        Provider(String name, String json) {
            this.name = name;
            this.model = TestModels.parse(json);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ServiceModel model() {
            return model;
        }

        @Override
        public boolean acceptsAnonymous() {
            return anonymous;
        }

        @Override
        public Map<String, Object> invoke(RequestContext context, OperationModel op, Map<String, Object> in) {
            operation = op.name();
            region = context.region();
            denied = context.deniedItems();
            input = in;
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }
}

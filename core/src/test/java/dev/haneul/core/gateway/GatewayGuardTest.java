package dev.haneul.core.gateway;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's front-door checks on real sockets, with a small query service and a small json
 * service: what a browser page can send is refused before any operation runs, and what AWS
 * clients send passes.
 */
class GatewayGuardTest {

    static final String SHOP = """
            {"metadata": {"protocol": "query", "apiVersion": "2024-01-01", "xmlNamespace": "http://shop.example/doc/",
                          "endpointPrefix": "shop", "signingName": "shop", "serviceId": "Shop"},
             "operations": {"Ping": {"name": "Ping"}}, "shapes": {}}
            """;
    static final String NOTES = """
            {"metadata": {"protocol": "json", "apiVersion": "2024-01-01", "jsonVersion": "1.1",
                          "targetPrefix": "Notes_20240101", "endpointPrefix": "notes", "signingName": "notes",
                          "serviceId": "Notes"},
             "operations": {"Ping": {"name": "Ping"}}, "shapes": {}}
            """;

    static EventLoopRuntime runtime;
    static GatewayServer server;
    static ControlAccess access;
    static RawHttpClient http;
    static final AtomicInteger calls = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        runtime = EventLoopRuntime.create();
        access = ControlAccess.create(Map.of(), Clock.systemUTC());
        ApiDispatcher dispatcher = new ApiDispatcher(new ServiceRegistry(List.of(provider("shop", SHOP),
                provider("notes", NOTES))), new SigV4Signing(Map.of("test", "test"), Clock.systemUTC(), false),
                "000000000000", "us-east-1", "test");
        server = GatewayServer.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .runtime(runtime)
                .dispatcher(dispatcher)
                .access(access)
                .controlRoute("/_haneul/api/things", (ctx, request) -> HttpResponses.write(ctx, 200, HttpResponses.JSON,
                        "{}".getBytes(UTF_8), Map.of(), "id", HttpUtil.isKeepAlive(request)))
                .bind();
        http = new RawHttpClient(server.localAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    @Test
    void aSignedCallIsAnswered() throws Exception {
        RawHttpClient.Answer answer = http.postForm("shop", "Action=Ping&Version=2024-01-01");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body()).startsWith("<PingResponse xmlns=\"http://shop.example/doc/\">");
    }

    @Test
    void anUnsignedCallIsMissingAuthenticationTokenInEachProtocolsEnvelope() throws Exception {
        int before = calls.get();
        RawHttpClient.Answer query = http.send("POST", "/", List.of(Map.entry("Host", host()),
                Map.entry("Content-Type", "application/x-www-form-urlencoded")), "Action=Ping&Version=2024-01-01".getBytes(UTF_8));
        assertThat(query.status()).isEqualTo(403);
        assertThat(query.body()).startsWith("<ErrorResponse").contains("<Code>MissingAuthenticationToken</Code>")
                .contains("<Message>Request is missing Authentication Token</Message>");

        RawHttpClient.Answer json = http.send("POST", "/", List.of(Map.entry("Host", host()),
                Map.entry("Content-Type", "application/x-amz-json-1.1"), Map.entry("X-Amz-Target", "Notes_20240101.Ping")),
                "{}".getBytes(UTF_8));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"")
                .contains("Request is missing Authentication Token");
        assertThat(calls.get()).as("no operation ran").isEqualTo(before);
    }

    @Test
    void aMalformedAuthorizationIsIncompleteSignature() throws Exception {
        RawHttpClient.Answer answer = http.send("POST", "/", List.of(Map.entry("Host", host()),
                Map.entry("Content-Type", "application/x-www-form-urlencoded"), Map.entry("Authorization", "Bearer abc")),
                "Action=Ping&Version=2024-01-01".getBytes(UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>IncompleteSignature</Code>");
    }

    @Test
    void theQueryProtocolTakesGetAndPostOnly() throws Exception {
        RawHttpClient.Answer get = http.sendSigned("GET", "/?Action=Ping&Version=2024-01-01", "shop", "us-east-1",
                List.of(), new byte[0]);
        assertThat(get.status()).isEqualTo(200);
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            RawHttpClient.Answer answer = http.sendSigned(method, "/?Action=Ping&Version=2024-01-01", "shop",
                    "us-east-1", List.of(), new byte[0]);
            assertThat(answer.status()).as(method).isEqualTo(400);
            assertThat(answer.body()).contains("<Code>UnsupportedHttpVerb</Code>")
                    .contains("The requested HTTP verb is not supported: " + method + ".");
        }
        RawHttpClient.Answer jsonGet = http.sendSigned("GET", "/", "notes", "us-east-1",
                List.of(Map.entry("X-Amz-Target", "Notes_20240101.Ping")), new byte[0]);
        assertThat(jsonGet.body()).contains("\"__type\":\"UnsupportedHttpVerb\"");
    }

    @Test
    void anotherApiVersionIsInvalidActionAndTheClassicElbApiIsNotImplemented() throws Exception {
        RawHttpClient.Answer other = http.postForm("shop", "Action=Ping&Version=2000-01-01");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.body()).contains("<Code>InvalidAction</Code>")
                .contains("Could not find operation Ping for version 2000-01-01");
        RawHttpClient.Answer none = http.postForm("shop", "Action=Ping");
        assertThat(none.body()).contains("<Code>MissingParameter</Code>").contains("Version");
    }

    @Test
    void aMadeUpRegionIsRefusedAsAwsRefusesAScopeItDoesNotServe() throws Exception {
        RawHttpClient.Answer query = http.sendSigned("POST", "/", "shop", "xx-fake-9",
                List.of(Map.entry("Content-Type", "application/x-www-form-urlencoded")),
                "Action=Ping&Version=2024-01-01".getBytes(UTF_8));
        assertThat(query.status()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>SignatureDoesNotMatch</Code>")
                .contains("Credential should be scoped to a valid region, not &apos;xx-fake-9&apos;.");
        RawHttpClient.Answer json = http.sendSigned("POST", "/", "notes", "xx-fake-9",
                List.of(Map.entry("Content-Type", "application/x-amz-json-1.1"),
                        Map.entry("X-Amz-Target", "Notes_20240101.Ping")), "{}".getBytes(UTF_8));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body()).contains("\"__type\":\"InvalidSignatureException\"");
        assertThat(http.sendSigned("POST", "/", "shop", "eu-west-3",
                List.of(Map.entry("Content-Type", "application/x-www-form-urlencoded")),
                "Action=Ping&Version=2024-01-01".getBytes(UTF_8)).status()).isEqualTo(200);
    }

    @Test
    void rawBytesThatAreNotUtf8AreMalformedQueryString() throws Exception {
        byte[] body = "Action=Ping&Version=2024-01-01&Note=\u00ff\u00fe".getBytes(ISO_8859_1);
        RawHttpClient.Answer inBody = http.sendSigned("POST", "/", "shop", "us-east-1",
                List.of(Map.entry("Content-Type", "application/x-www-form-urlencoded")), body);
        assertThat(inBody.status()).isEqualTo(404);
        assertThat(inBody.body()).contains("<Code>MalformedQueryString</Code>");

        RawHttpClient.Answer inQuery = http.sendSigned("GET", "/?Action=Ping&Version=2024-01-01&Note=\u00ff", "shop",
                "us-east-1", List.of(), new byte[0]);
        assertThat(inQuery.status()).isEqualTo(404);
        assertThat(inQuery.body()).contains("<Code>MalformedQueryString</Code>");

        byte[] utf8 = "Action=Ping&Version=2024-01-01&Note=\u00e9".getBytes(UTF_8);
        assertThat(http.sendSigned("POST", "/", "shop", "us-east-1",
                List.of(Map.entry("Content-Type", "application/x-www-form-urlencoded")), utf8).status())
                .as("raw UTF-8 is still fine").isEqualTo(200);
    }

    @Test
    void aForeignHostIsRefusedBeforeAnythingElse() throws Exception {
        int before = calls.get();
        RawHttpClient.Answer answer = http.send("POST", "/", List.of(Map.entry("Host", "evil.example:" + port()),
                Map.entry("Content-Type", "application/x-www-form-urlencoded")), "Action=Ping&Version=2024-01-01".getBytes(UTF_8));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("<Code>AccessDenied</Code>").contains("evil.example");
        RawHttpClient.Answer page = http.send("GET", "/_haneul/api/things", List.of(Map.entry("Host", "evil.example")),
                new byte[0]);
        assertThat(page.status()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(page.body()).path("code").asText()).isEqualTo("AccessDenied");
        assertThat(calls.get()).isEqualTo(before);
    }

    @Test
    void aPreflightGetsNoCorsPermission() throws Exception {
        RawHttpClient.Answer answer = http.send("OPTIONS", "/", List.of(Map.entry("Host", host()),
                Map.entry("Origin", "http://evil.example"), Map.entry("Access-Control-Request-Method", "POST")), new byte[0]);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void controlRoutesWantTheTokenForChanges() throws Exception {
        RawHttpClient.Answer without = http.send("POST", "/_haneul/api/things", List.of(Map.entry("Host", host())),
                new byte[0]);
        assertThat(without.status()).isEqualTo(401);
        assertThat(new ObjectMapper().readTree(without.body()).path("code").asText()).isEqualTo("MissingAuthenticationToken");
        RawHttpClient.Answer with = http.send("POST", "/_haneul/api/things", List.of(Map.entry("Host", host()),
                Map.entry(ControlAccess.TOKEN_HEADER, access.token())), new byte[0]);
        assertThat(with.status()).isEqualTo(200);
        assertThat(http.send("GET", "/_haneul/api/things", List.of(Map.entry("Host", host())), new byte[0]).status())
                .as("reads are open without login").isEqualTo(200);
    }

    @Test
    void anUnknownHaneulPageIsAJson404() throws Exception {
        RawHttpClient.Answer answer = http.send("GET", "/_haneul/nope", List.of(Map.entry("Host", host())), new byte[0]);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(new ObjectMapper().readTree(answer.body()).path("code").asText()).isEqualTo("NotFound");
    }

    private static int port() {
        return server.localAddress().getPort();
    }

    private static String host() {
        return "127.0.0.1:" + port();
    }

    static ServiceProvider provider(String name, String model) {
        ServiceModel parsed;
        try {
            parsed = ServiceModel.fromJson(new ObjectMapper().readTree(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ServiceModel model() {
                return parsed;
            }

            @Override
            public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
                calls.incrementAndGet();
                return Map.of();
            }
        };
    }
}

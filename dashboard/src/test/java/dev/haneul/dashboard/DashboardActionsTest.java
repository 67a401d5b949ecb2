package dev.haneul.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.apps.AppCatalogue;
import dev.haneul.apps.AppManager;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.gateway.ControlAccess;
import dev.haneul.core.process.ProcessSupervisor;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's actions answer as the API would: AWS's error code and message, and never a Java
 * type name or exception text, whatever the body or the provider does; the page carries the token.
 */
class DashboardActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RDS = """
            {"metadata": {"protocol": "query", "apiVersion": "2014-10-31", "endpointPrefix": "rds", "serviceId": "RDS"},
             "operations": {"FailoverDBCluster": {"name": "FailoverDBCluster", "input": {"shape": "FailoverMessage"}}},
             "shapes": {"FailoverMessage": {"type": "structure", "required": ["DBClusterIdentifier"],
                                            "members": {"DBClusterIdentifier": {"shape": "String"}}},
                        "String": {"type": "string"}}}
            """;

    @TempDir
    Path dir;

    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private ProcessSupervisor supervisor;
    private AppManager apps;
    private Dashboard dashboard;
    private ControlAccess access;

    @BeforeEach
    void setUp() throws Exception {
        ServiceModel model = ServiceModel.fromJson(JSON.readTree(RDS));
        ServiceProvider rds = new ServiceProvider() {
            @Override
            public String name() {
                return "rds";
            }

            @Override
            public ServiceModel model() {
                return model;
            }

            @Override
            public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
                throw failure.get();
            }
        };
        supervisor = new ProcessSupervisor();
        apps = new AppManager(dir.resolve("apps"), dir.resolve("apps.json"), supervisor, "java",
                AppCatalogue.standard(dir, dir));
        access = ControlAccess.create(Map.of(), Clock.systemUTC());
        dashboard = new Dashboard(List.of(rds), apps, HaneulConfig.fromEnvironment(Map.of(), dir), access,
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        dashboard.close();
        apps.close();
        supervisor.close();
    }

    @Test
    void anAwsErrorIsItsCodeAndMessage() throws Exception {
        failure.set(new AwsServiceException(404, "DBClusterNotFoundFault", "DBCluster nope not found."));
        JsonNode answer = act("failover-db-cluster", "{\"clusterId\": \"nope\"}", 404);
        assertThat(answer.path("code").asText()).isEqualTo("DBClusterNotFoundFault");
        assertThat(answer.path("message").asText()).isEqualTo("DBCluster nope not found.");
    }

    @Test
    void aProviderBugIsAnInternalFailureWithoutItsJavaText() throws Exception {
        failure.set(new ClassCastException("class java.lang.String cannot be cast to class java.util.Map"));
        JsonNode answer = act("failover-db-cluster", "{\"clusterId\": \"db\"}", 500);
        assertThat(answer.path("code").asText()).isEqualTo("InternalFailure");
        assertThat(answer.toString()).doesNotContain("java.").doesNotContain("ClassCast");
    }

    @Test
    void aBodyThatIsNotAnObjectOrLacksAFieldSaysWhatIsWanted() throws Exception {
        for (String body : List.of("not json", "[1, 2]", "\"text\"")) {
            JsonNode answer = act("failover-db-cluster", body, 400);
            assertThat(answer.path("code").asText()).isEqualTo("InvalidParameterValue");
            assertThat(answer.toString()).doesNotContain("java.").doesNotContain("Jackson").doesNotContain("LinkedHashMap");
        }
        assertThat(act("failover-db-cluster", "{\"clusterId\": 7}", 400).path("code").asText())
                .isEqualTo("MissingParameter");
        assertThat(act("launch-rockets", "{}", 404).path("code").asText()).isEqualTo("NotFound");
    }

    @Test
    void thePageCarriesTheTokenAndCannotBeFramed() {
        FullHttpResponse page = send(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_haneul/"));
        try {
            assertThat(page.content().toString(StandardCharsets.UTF_8))
                    .contains("<meta name=\"haneul-token\" content=\"" + access.token() + "\">");
            assertThat(page.headers().get("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.headers().get("Content-Security-Policy")).contains("frame-ancestors 'none'");
        } finally {
            page.release();
        }
    }

    private JsonNode act(String action, String body, int status) throws Exception {
        FullHttpResponse response = send(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/_haneul/api/actions/" + action, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
        try {
            assertThat(response.status().code()).as(response.content().toString(StandardCharsets.UTF_8)).isEqualTo(status);
            return JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    /** Runs the dashboard on an embedded channel and waits for its answer (actions run on virtual threads). */
    private FullHttpResponse send(FullHttpRequest request) {
        EmbeddedChannel channel = new EmbeddedChannel(new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
                dashboard.handle(ctx, msg);
            }
        });
        channel.writeInbound(request);
        AtomicReference<FullHttpResponse> response = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runPendingTasks();
            Object out = channel.readOutbound();
            if (out instanceof FullHttpResponse full) {
                response.set(full);
            }
            return response.get() != null;
        });
        channel.finishAndReleaseAll();
        return response.get();
    }
}

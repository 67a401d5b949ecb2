package dev.haneul.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.apps.AppManager;
import dev.haneul.core.HaneulVersion;
import dev.haneul.core.api.EndpointView;
import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.gateway.HttpResponses;
import dev.haneul.core.gateway.HttpRoute;
import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.state.StateProblem;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /_haneul/health}: the server's version, pid and data dir, each service's state and
 * resource counts, and any state file that could not be read (with the copy set aside and the
 * resources it held). {@code status} is {@code running} once every service has converged,
 * {@code starting} while engines are still coming back, {@code degraded} when a service says so
 * or a state file could not be read.
 */
final class HealthRoute implements HttpRoute {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ServiceProvider> providers;
    private final ServiceEnvironment environment;
    private final AppManager apps;
    private final String endpoint;

    HealthRoute(List<ServiceProvider> providers, ServiceEnvironment environment, AppManager apps, String endpoint) {
        this.providers = providers;
        this.environment = environment;
        this.apps = apps;
        this.endpoint = endpoint;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpResponses.write(ctx, 200, "application/json", document(), Map.of(), UUID.randomUUID().toString(),
                HttpUtil.isKeepAlive(request));
    }

    /**
     * Runs the code of a health answer once on made-up data: Jackson's trees, bean introspection
     * and pretty printer, the random request id, the response's Netty objects. The server does it
     * on a spare core while its providers start, so that the first health answer, which
     * {@code haneul start -d} waits for, is no slower than the next ones (cold, it took 0.1-0.15 s
     * on a quiet machine).
     */
    static void warmUp() {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", "starting");
        root.put("pid", ProcessHandle.current().pid());
        ObjectNode node = root.putObject("services").putObject("warm-up");
        node.putObject("resources").put("things", 1);
        node.set("report", JSON.valueToTree(new WarmUpView("warm-up", 1, List.of("a", "b"))));
        root.putArray("endpoints").addObject().put("service", "warm-up");
        root.set("apps", JSON.valueToTree(List.of(new WarmUpView("app", 2, List.of()))));
        byte[] body;
        try {
            body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ReferenceCountUtil.release(HttpResponses.response(200, "application/json", body, Map.of(),
                UUID.randomUUID().toString(), true));
    }

    /** A record like the apps and reports a health document holds, for {@link #warmUp}. */
    private record WarmUpView(String name, int count, List<String> items) {}

    /** The health document, as the JSON bytes the route answers with. */
    byte[] document() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode services = JSON.createObjectNode();
        boolean allRunning = true;
        boolean degraded = !environment.stateProblems().isEmpty();
        for (ServiceProvider provider : providers) {
            ServiceHealth health = provider.health();
            allRunning &= health.state().equals("running");
            degraded |= health.state().equals("degraded");
            ObjectNode node = services.putObject(provider.name());
            node.put("state", health.state());
            if (!health.detail().isEmpty()) {
                node.put("detail", health.detail());
            }
            ObjectNode resources = node.putObject("resources");
            health.resources().forEach(resources::put);
            provider.report().ifPresent(report -> node.set("report", JSON.valueToTree(report)));
        }
        root.put("status", degraded ? "degraded" : allRunning ? "running" : "starting");
        root.put("version", HaneulVersion.get());
        root.put("pid", ProcessHandle.current().pid());
        root.put("endpoint", endpoint);
        root.put("dataDir", environment.config().dataDir().toString());
        root.put("endpointMode", environment.config().endpointMode().name().toLowerCase(Locale.ROOT));
        root.put("addressRange", environment.config().addressRange().toString());
        root.put("auth", environment.config().auth().name().toLowerCase(Locale.ROOT));
        root.set("services", services);
        ArrayNode endpoints = root.putArray("endpoints");
        for (ServiceProvider provider : providers) {
            for (EndpointView endpoint : provider.endpoints()) {
                ObjectNode e = endpoints.addObject();
                e.put("service", provider.name());
                e.put("resource", endpoint.resource());
                e.put("role", endpoint.role());
                e.put("address", endpoint.address());
            }
        }
        ArrayNode engines = root.putArray("engines");
        environment.supervisor().processes().stream()
                .sorted(Comparator.comparing(ManagedProcess::name))
                .forEach(process -> {
                    ObjectNode e = engines.addObject();
                    e.put("name", process.name());
                    process.pid().ifPresent(pid -> e.put("pid", pid));
                    if (process.spec().port() > 0) {
                        e.put("port", process.spec().port());
                    }
                    e.put("state", process.state().name().toLowerCase(Locale.ROOT));
                    e.put("restarts", process.restarts());
                });
        root.set("apps", JSON.valueToTree(apps.list()));
        ArrayNode problems = root.putArray("stateProblems");
        for (StateProblem problem : environment.stateProblems()) {
            ObjectNode p = problems.addObject();
            p.put("file", problem.file().toString());
            p.put("preservedAs", String.valueOf(problem.preservedAs()));
            p.put("reason", problem.reason());
            p.put("service", problem.service());
            p.set("dropped", JSON.valueToTree(problem.dropped()));
            p.put("summary", problem.droppedSummary());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

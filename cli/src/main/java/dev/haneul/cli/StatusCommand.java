package dev.haneul.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.config.HaneulConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code haneul status}: whether the server is up, and what it runs. */
@Command(name = "status", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Shows whether the server is up and what it runs.",
            "",
            "Prints the version and data dir of the data dir's server, the resources of each service, the "
                    + "endpoints users connect to, and the engine processes (pid, port, state).",
            "",
            "Exit status: 0 when up, 3 when down (as service managers do), 2 for an invalid setting."})
final class StatusCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Option(names = "--json", description = "Print the server's health document as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        HaneulConfig config = options.config();
        ServerClient client = new ServerClient(config);
        Optional<JsonNode> health = client.health();
        if (health.isEmpty()) {
            if (json) {
                out.println("{\"status\":\"down\",\"dataDir\":" + JSON.writeValueAsString(config.dataDir().toString()) + "}");
            } else {
                out.println("Haneul is down (data dir " + config.dataDir() + ").");
                out.println("Start it with: ./haneul start -d");
            }
            return 3;
        }
        JsonNode h = health.get();
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(h));
            return 0;
        }
        print(h, out);
        return 0;
    }

    /** A service's report table (S3's requests per bucket), when it has rows. */
    private static void printReport(JsonNode report, PrintWriter out) {
        if (!report.path("rows").isArray() || report.path("rows").isEmpty()) {
            return;
        }
        out.println();
        out.println(report.path("title").asText());
        List<String> columns = new ArrayList<>();
        report.path("columns").forEach(c -> columns.add(c.asText()));
        TextTable table = new TextTable(columns.toArray(String[]::new));
        for (JsonNode row : report.path("rows")) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.asText()));
            table.row(cells.toArray(String[]::new));
        }
        table.print(out);
    }

    /** The health document {@code h} as the text {@code haneul status} prints. */
    static void print(JsonNode h, PrintWriter out) {
        out.println("Haneul " + h.path("version").asText() + " is up at " + h.path("endpoint").asText()
                + " (pid " + h.path("pid").asText() + ", " + h.path("status").asText() + ")");
        out.println("  data dir   " + h.path("dataDir").asText());
        out.println("  endpoints  " + ("ports".equals(h.path("endpointMode").asText())
                ? "one port per endpoint on 127.0.0.1"
                : "one loopback address per endpoint in " + h.path("addressRange").asText()));
        out.println("  auth       " + h.path("auth").asText());
        out.println();
        out.println("Services");
        h.path("services").properties().forEach(e -> {
            JsonNode service = e.getValue();
            List<String> counts = new ArrayList<>();
            service.path("resources").properties().forEach(r -> counts.add(r.getValue().asInt() + " " + words(r.getKey())));
            String detail = service.path("detail").asText("");
            out.printf("  %-12s %-9s %s%s%n", e.getKey(), service.path("state").asText(),
                    counts.isEmpty() ? "no resources" : String.join(", ", counts),
                    detail.isEmpty() ? "" : " (" + detail + ")");
        });
        h.path("services").properties().forEach(e -> printReport(e.getValue().path("report"), out));
        JsonNode endpoints = h.path("endpoints");
        if (endpoints.isArray() && !endpoints.isEmpty()) {
            out.println();
            out.println("Endpoints");
            TextTable table = new TextTable("RESOURCE", "ADDRESS", "ROLE");
            for (JsonNode endpoint : endpoints) {
                table.row(endpoint.path("resource").asText(), endpoint.path("address").asText(),
                        endpoint.path("role").asText());
            }
            table.print(out);
        }
        JsonNode engines = h.path("engines");
        if (engines.isArray() && !engines.isEmpty()) {
            out.println();
            out.println("Engines");
            TextTable table = new TextTable("NAME", "PID", "PORT", "STATE");
            for (JsonNode engine : engines) {
                table.row(engine.path("name").asText(), engine.path("pid").asText("-"), engine.path("port").asText("-"),
                        engine.path("state").asText());
            }
            table.print(out);
        }
        printStateProblems(h, out);
    }

    /**
     * The state files the server could not read, each with the copy set aside and the resources
     * it started without; nothing when there are none. {@code haneul start} prints the same.
     */
    static void printStateProblems(JsonNode health, PrintWriter out) {
        JsonNode problems = health.path("stateProblems");
        if (!problems.isArray() || problems.isEmpty()) {
            return;
        }
        out.println();
        out.println("State files that could not be read: the server started without what they held");
        for (JsonNode problem : problems) {
            out.println("  " + problem.path("file").asText() + ": " + problem.path("reason").asText());
            out.println("    copy kept as " + problem.path("preservedAs").asText());
            out.println("    " + problem.path("summary").asText());
        }
    }

    /** A resource kind as words: {@code customEndpoints} becomes "custom endpoints". */
    private static String words(String kind) {
        return kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}

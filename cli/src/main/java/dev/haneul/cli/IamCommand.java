package dev.haneul.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.jspecify.annotations.Nullable;

/** {@code haneul iam}: IAM as Haneul runs it; {@code haneul iam explain}: the recent authorization decisions. */
@Command(name = "iam", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"IAM as Haneul enforces it (HANEUL_AUTH=iam)."},
        subcommands = {IamCommand.Explain.class})
final class IamCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code haneul iam explain --last 20}: who was allowed or denied what, and by which statement. */
    @Command(name = "explain", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {
                "Shows the server's most recent authorization decisions, oldest first: the caller, the action, the "
                        + "resource, the decision, and the statement that decided it (or why nothing allowed it).",
                "",
                "Exit status: 0 when shown, 1 when the server is down or its token unreadable, 2 for an invalid setting."})
    static final class Explain implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions options;

        @Option(names = "--last", defaultValue = "20", description = "How many decisions (default ${DEFAULT-VALUE}, at most 1000).")
        int last;

        @Option(names = "--denied", description = "Only denials.")
        boolean denied;

        @Option(names = "--principal", description = "Only this caller (an ARN, or a user or session name).")
        @Nullable String principal;

        @Option(names = "--json", description = "Print the decisions as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ServerClient client = new ServerClient(options.config());
            if (client.health().isEmpty()) {
                err.println("haneul iam explain: Haneul is not running; start it with './haneul start -d'.");
                return 1;
            }
            JsonNode body;
            try {
                String query = "?last=" + last + (denied ? "&denied=true" : "")
                        + (principal == null ? "" : "&principal=" + URLEncoder.encode(principal, StandardCharsets.UTF_8));
                body = get(URI.create("http://127.0.0.1:" + client.port() + "/_haneul/api/iam/decisions" + query),
                        token(options.config().dataDir()));
            } catch (IOException e) {
                err.println("haneul iam explain: " + e.getMessage());
                return 1;
            }
            if (json) {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
                return 0;
            }
            List<JsonNode> decisions = new ArrayList<>();
            body.path("decisions").forEach(decisions::add);
            if (decisions.isEmpty()) {
                out.println("No authorization decisions yet (they are made with HANEUL_AUTH=iam, for callers other "
                        + "than the root key).");
                return 0;
            }
            for (JsonNode d : decisions.reversed()) {
                String why = d.has("statement") ? "by " + d.path("statement").asText()
                        + " (" + d.path("policyType").asText() + ")" : d.path("reason").asText("");
                out.printf("%s  %-12s %s%n    %s on %s%n    %s%n", d.path("time").asText(), d.path("decision").asText(),
                        d.path("principal").asText(), d.path("action").asText(), d.path("resource").asText(), why);
            }
            return 0;
        }

        private static String token(Path dataDir) throws IOException {
            Path file = dataDir.resolve("server.token");
            try {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new IOException("cannot read the server's token " + file + " (" + e.getMessage()
                        + "); run this as the user who started Haneul", e);
            }
        }

        private static JsonNode get(URI uri, String token) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestProperty("X-Haneul-Token", token);
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(10_000);
            try {
                if (connection.getResponseCode() != 200) {
                    throw new IOException("the server answered HTTP " + connection.getResponseCode()
                            + " (is this a Haneul with the IAM service?)");
                }
                try (InputStream in = connection.getInputStream()) {
                    return JSON.readTree(in);
                }
            } finally {
                connection.disconnect();
            }
        }
    }
}

package dev.haneul.cli;

import static java.util.Objects.requireNonNull;

import dev.haneul.demo.AppStatus;
import dev.haneul.demo.AppsClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code haneul app}: lists, starts, stops and kills the app processes Haneul runs (the demo's board-1..3). */
@Command(name = "app", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Lists, starts, stops or kills the app processes Haneul runs, such as the demo's board-1..3.",
            "",
            "  list         every app: name, state, pid, URL",
            "  start NAME   start it; returns once its health check answers",
            "  stop NAME    stop it cleanly (SIGTERM); it stays stopped until started",
            "  kill NAME    kill it with SIGKILL, as a crash; it stays down until started",
            "",
            "A stopped or killed app is not restarted by Haneul: start it again here or from the dashboard.",
            "",
            "Exit status: 0 when done, 1 when the server is down or the app unknown, 2 for an invalid setting."})
final class AppCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, start, stop or kill")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "the app (not for list)")
    @Nullable String name; // not for list

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerClient client = new ServerClient(options.config());
        if (client.health().isEmpty()) {
            err.println("haneul app: Haneul is not running; start it with './haneul start -d' or './haneul demo'.");
            return 1;
        }
        AppsClient apps = new AppsClient(URI.create("http://127.0.0.1:" + client.port()));
        if (!action.equals("list") && name == null) {
            err.println("haneul app: " + action + " needs the app's NAME (see './haneul app list')");
            return 2;
        }
        try {
            switch (action) {
                case "list" -> list(out, apps.list());
                case "start" -> print(out, apps.start(requireNonNull(name))); // checked above
                case "stop" -> print(out, apps.stop(requireNonNull(name))); // checked above
                case "kill" -> print(out, apps.kill(requireNonNull(name))); // checked above
                default -> {
                    err.println("haneul app: unknown action '" + action + "' (expected: list, start, stop or kill)");
                    return 2;
                }
            }
            return 0;
        } catch (IOException e) {
            err.println("haneul app: " + e.getMessage());
            return 1;
        }
    }

    private static void list(PrintWriter out, List<AppStatus> apps) {
        if (apps.isEmpty()) {
            out.println("No apps. './haneul demo' starts board-1..3.");
            return;
        }
        out.printf("%-12s %-9s %-8s %s%n", "NAME", "STATE", "PID", "URL");
        apps.forEach(app -> print(out, app));
    }

    private static void print(PrintWriter out, AppStatus app) {
        out.printf("%-12s %-9s %-8s %s%n", app.name(), app.state(), app.pid() == 0 ? "-" : Long.toString(app.pid()),
                app.url());
    }
}

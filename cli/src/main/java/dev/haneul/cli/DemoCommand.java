package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import dev.haneul.demo.BoardJar;
import dev.haneul.demo.Demo;
import dev.haneul.demo.DemoArchitecture;
import dev.haneul.demo.DemoSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code haneul demo}: provisions the reference architecture, or removes it with {@code --down}. */
@Command(name = "demo", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Runs the reference architecture: the board sample app behind a load balancer, with its sessions "
                    + "in ElastiCache and its data in Aurora MySQL.",
            "",
            "Builds the board app when needed, starts Haneul in the background when it is not running, and creates "
                    + "through the AWS API: the Aurora cluster board-db (a writer, two readers and the custom "
                    + "endpoint board-analytics), the replication group board-sessions (primary and one replica, "
                    + "automatic failover), the target group board-tg (stickiness off), the load balancer board-alb "
                    + "with an HTTP listener, and the app instances board-1..3 registered as targets. Then it prints "
                    + "the application URL, the dashboard URL and every endpoint.",
            "",
            "Running it again creates only what is missing and starts instances that are down. "
                    + "With --down it removes all of it.",
            "",
            "Exit status: 0 when done, 1 when something failed (the reason is printed), 2 for an invalid setting."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Option(names = "--down", description = "Remove the demo's resources and app instances instead.")
    boolean down;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HaneulConfig config = options.config();
        ServerClient client = new ServerClient(config);
        if (client.health().isEmpty()) {
            if (down) {
                out.println("Haneul is not running (data dir " + config.dataDir() + "); nothing to remove.");
                return 0;
            }
            int started = StartCommand.ensureRunning(options, out, err);
            if (started != 0) {
                return started;
            }
        }
        URI haneul = URI.create("http://127.0.0.1:" + client.port());
        DemoArchitecture architecture = DemoArchitecture.defaults(config.defaultRegion());
        try (Demo demo = new Demo(haneul, HaneulConfig.DEFAULT_ACCESS_KEY, config.credentials().getOrDefault(HaneulConfig.DEFAULT_ACCESS_KEY, HaneulConfig.DEFAULT_SECRET_KEY), architecture,
                (resource, state) -> {
                    synchronized (out) {
                        out.printf("  %-40s %s%n", resource, state);
                        out.flush();
                    }
                })) {
            if (down) {
                out.println("Removing the demo from " + haneul + " ...");
                demo.down();
                out.println("The demo is gone.");
                return 0;
            }
            Path home = Path.of(System.getProperty("haneul.home", "."));
            out.println("Building the board app when needed ...");
            out.flush();
            new BoardJar(home).ensure(line -> { // where the server finds it to run the instances
                out.println("  " + line);
                out.flush();
            });
            out.println("Provisioning the demo on " + haneul + " ...");
            out.flush();
            print(out, demo.up());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("haneul demo: " + e.getMessage());
            return 1;
        }
    }

    static void print(PrintWriter out, DemoSummary summary) {
        out.println();
        out.println("The demo is ready.");
        out.println("  application  " + summary.applicationUrl() + "   (users alice, bob, carol; password = name)");
        out.println("  dashboard    " + summary.dashboardUrl());
        out.println();
        out.println("Endpoints:");
        for (DemoSummary.Endpoint endpoint : summary.endpoints()) {
            out.printf("  %-44s %-46s %s%n", endpoint.resource(), endpoint.role(), endpoint.address());
        }
        out.println();
        out.println("App instances:");
        summary.apps().forEach(app -> out.printf("  %-10s %-8s %s (pid %d)%n", app.name(), app.state(), app.url(), app.pid()));
        out.println();
        out.println("Try: kill an instance with './haneul app kill board-1', or fail over the database from the dashboard.");
        out.println("Remove it all with './haneul demo --down'.");
    }
}

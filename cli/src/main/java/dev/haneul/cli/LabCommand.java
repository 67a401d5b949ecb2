package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import dev.haneul.lab.Lab;
import dev.haneul.lab.LabContext;
import dev.haneul.lab.LabRunner;
import dev.haneul.lab.Labs;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code haneul lab}: architecture questions answered by experiment on the real components. */
@Command(name = "lab", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Runs a scenario on the real components and reports a verdict, a table and a chart.",
            "",
            "Each lab creates its own lab-<name> resources through the AWS API, runs its scenario, deletes the "
                    + "resources (also when it fails) and writes an HTML report with an SVG chart under the data dir."},
        subcommands = {LabCommand.ListLabs.class, LabCommand.RunLab.class, CommandLine.HelpCommand.class})
final class LabCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code haneul lab list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Lists the labs and the question each one answers.")
    static final class ListLabs implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int width = Labs.all().stream().mapToInt(lab -> lab.name().length()).max().orElse(0);
            for (Lab lab : Labs.all()) {
                out.printf("%-" + width + "s  %s%n", lab.name(), lab.question());
            }
            out.println();
            out.println("Run one with: haneul lab run NAME [--short]");
            return 0;
        }
    }

    /** {@code haneul lab run NAME}. */
    @Command(name = "run", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {
                "Runs one lab against the data dir's server, starting the server in the background if it is not "
                        + "running (it keeps running afterwards; stop it with haneul stop).",
                "",
                "Prints progress, then the verdict and the tables, and the path of the HTML report "
                        + "(DATA_DIR/labs/NAME-TIME.html). A full run takes under 90 s on two cores.",
                "",
                "Exit status: 0 when the scenario ran (whatever it found), 1 when it could not run or the server "
                        + "could not start, 2 for an unknown lab or an invalid setting."})
    static final class RunLab implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions options;

        @Parameters(paramLabel = "NAME", description = "The lab to run (see haneul lab list).")
        String name;

        @Option(names = "--short", description = "Fewer users and seconds (what the tests run); also -D"
                + LabContext.SHORT_PROPERTY + "=true.")
        boolean shortMode;

        @Option(names = "--size", paramLabel = "MB", description = "Data size for labs that take one: the migration "
                + "lab's database in MB of dump (default 50; 2 in short mode).")
        @Nullable Integer sizeMegabytes;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Lab> lab = Labs.find(name);
            if (lab.isEmpty()) {
                err.println("haneul: no lab named '" + name + "'; haneul lab list shows them.");
                return 2;
            }
            HaneulConfig config = options.config();
            ServerClient client = new ServerClient(config);
            if (client.health().isEmpty()) {
                int started = StartCommand.ensureRunning(options, out, err);
                out.flush();
                if (started != 0) {
                    return 1;
                }
            }
            URI endpoint = URI.create("http://127.0.0.1:" + client.port());
            out.flush();
            try (LabContext context = new LabContext(endpoint, shortMode || Boolean.getBoolean(LabContext.SHORT_PROPERTY),
                    System.out)) {
                Integer size = sizeMegabytes;
                if (size != null) {
                    if (size < 1) {
                        err.println("haneul: --size must be at least 1 (MB)");
                        return 2;
                    }
                    context.sizeMegabytes(size);
                }
                LabRunner.Outcome outcome = LabRunner.run(lab.get(), context, System.out);
                Exception failure = outcome.failure();
                if (failure != null) {
                    err.println("haneul: lab " + name + " could not run: " + failure.getMessage());
                }
                return outcome.exitCode();
            }
        }
    }
}

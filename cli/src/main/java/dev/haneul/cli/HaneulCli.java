package dev.haneul.cli;

import dev.haneul.core.HaneulVersion;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code haneul}: the command line of Haneul. */
@Command(name = "haneul",
        mixinStandardHelpOptions = true,
        versionProvider = HaneulCli.Version.class,
        usageHelpAutoWidth = true,
        description = {
            "Runs an AWS web architecture on this machine, for real: Aurora MySQL, ElastiCache, an Application "
                    + "Load Balancer and more, driven through the real AWS API on http://127.0.0.1:4566.",
            ""})
public final class HaneulCli implements Runnable {

    /**
     * The subcommands, in the order the usage lists them. Registered in {@link #commandLine} rather
     * than in the annotation: picocli builds the model of every registered command up front by
     * reflection, in classes too old for the JVM's start-up cache, so a command line that names
     * its subcommand registers that one only (a third of the command's JVM time before
     * {@code start -d} spawns the server).
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** How a setting the server would refuse is reported (exit status 2). */
    static final String INVALID_SETTING = "haneul: invalid setting ";

    public static void main(String[] args) throws Exception {
        Optional<Callable<Integer>> plain = withoutPicocli(args);
        if (plain.isPresent()) {
            System.exit(plain.get().call());
        }
        System.exit(commandLine(args).execute(args));
    }

    /**
     * {@code start -d} (or {@code --detach}) and {@code stop}, each with no other argument, as
     * picocli would run them, with every setting from the environment; empty for any other command
     * line, help included. The commands users wait on most skip picocli: modelling even one
     * command by reflection loads some 175 picocli classes the start-up cache cannot hold (compiled
     * for Java 5), a good part of the command's own time.
     */
    static Optional<Callable<Integer>> withoutPicocli(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        ServerOptions fromEnvironment = new ServerOptions();
        Callable<Integer> command;
        if (args.length == 2 && args[0].equals("start") && (args[1].equals("-d") || args[1].equals("--detach"))) {
            command = () -> StartCommand.ensureRunning(fromEnvironment, out, err);
        } else if (args.length == 1 && args[0].equals("stop")) {
            command = () -> StopCommand.stop(fromEnvironment, Integer.parseInt(StopCommand.DEFAULT_TIMEOUT_SECONDS), out);
        } else {
            return Optional.empty();
        }
        return Optional.of(() -> {
            try {
                return command.call();
            } catch (ServerOptions.InvalidSettingException invalid) {
                err.println(INVALID_SETTING + invalid.getMessage());
                return 2;
            }
        });
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("start", StartCommand.class);
        commands.put("stop", StopCommand.class);
        commands.put("status", StatusCommand.class);
        commands.put("demo", DemoCommand.class);
        commands.put("dashboard", DashboardCommand.class);
        commands.put("app", AppCommand.class);
        commands.put("lab", LabCommand.class);
        commands.put("aws", AwsCommand.class);
        commands.put("iam", IamCommand.class);
        commands.put("test", TestCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    /**
     * The command line for {@code args}: with only the subcommand {@code args} names when it names
     * one other than {@code help} (parsing is the same: picocli dispatches on the first argument),
     * else with all of them, for the usage, {@code help} and the suggestions for a mistyped name.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new HaneulCli()).setCaseInsensitiveEnumValuesAllowed(true);
        Class<?> named = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(args[0], named);
        } else {
            SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command));
        }
        cli.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof ServerOptions.InvalidSettingException invalid) {
                command.getErr().println(INVALID_SETTING + invalid.getMessage());
                return 2;
            }
            throw exception;
        });
        // Everything after 'aws' / 'test' belongs to the AWS CLI / Maven, options included.
        for (String passThrough : new String[] {"aws", "test"}) {
            CommandLine command = cli.getSubcommands().get(passThrough);
            if (command != null) {
                command.setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
            }
        }
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"haneul " + HaneulVersion.get(), "Java " + Runtime.version()};
        }
    }
}

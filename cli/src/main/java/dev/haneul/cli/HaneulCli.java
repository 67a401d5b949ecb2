package dev.haneul.cli;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.HaneulVersion;
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
            ""},
        subcommands = {
            StartCommand.class,
            StopCommand.class,
            StatusCommand.class,
            DemoCommand.class,
            DashboardCommand.class,
            AppCommand.class,
            LabCommand.class,
            AwsCommand.class,
            IamCommand.class,
            TestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class HaneulCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HaneulCli()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof ServerOptions.InvalidSettingException invalid) {
                command.getErr().println("haneul: invalid setting " + invalid.getMessage());
                return 2;
            }
            throw exception;
        });
        // Everything after 'aws' / 'test' belongs to the AWS CLI / Maven, options included.
        for (String passThrough : new String[] {"aws", "test"}) {
            requireNonNull(cli.getSubcommands().get(passThrough))
                    .setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
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

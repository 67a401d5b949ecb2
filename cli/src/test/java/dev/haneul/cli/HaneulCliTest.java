package dev.haneul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line registers only the subcommand it runs, and all of them where a user may need them. */
class HaneulCliTest {

    private static final String[] ALL = {"start", "stop", "status", "demo", "dashboard", "app", "lab", "aws", "iam", "test", "help"};

    @Test
    void aNamedSubcommandIsTheOnlyOneRegistered() {
        assertThat(HaneulCli.commandLine("start", "-d").getSubcommands()).containsOnlyKeys("start");
        assertThat(HaneulCli.commandLine("status").getSubcommands()).containsOnlyKeys("status");
    }

    @Test
    void helpUsageAndMistypedNamesGetEverySubcommand() {
        assertThat(HaneulCli.commandLine().getSubcommands()).containsOnlyKeys(ALL);
        assertThat(HaneulCli.commandLine("--help").getSubcommands()).containsOnlyKeys(ALL);
        assertThat(HaneulCli.commandLine("help", "start").getSubcommands()).containsOnlyKeys(ALL);
        assertThat(HaneulCli.commandLine("strat").getSubcommands()).containsOnlyKeys(ALL);

        StringWriter err = new StringWriter();
        CommandLine cli = HaneulCli.commandLine("strat").setErr(new PrintWriter(err));
        assertThat(cli.execute("strat")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean").contains("start");
    }

    @Test
    void awsAndTestPassTheirOptionsThroughWhenRegisteredAlone() {
        CommandLine aws = HaneulCli.commandLine("aws", "s3", "ls", "--recursive");
        CommandLine.ParseResult parsed = aws.parseArgs("aws", "s3", "ls", "--recursive");
        AwsCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(command.arguments).containsExactly("s3", "ls", "--recursive");
    }

    @Test
    void onlyStartDetachedAndStopAloneSkipPicocli() {
        assertThat(HaneulCli.withoutPicocli("start", "-d")).isPresent();
        assertThat(HaneulCli.withoutPicocli("start", "--detach")).isPresent();
        assertThat(HaneulCli.withoutPicocli("stop")).isPresent();
        assertThat(HaneulCli.withoutPicocli("start")).isEmpty();
        assertThat(HaneulCli.withoutPicocli("start", "-d", "--port", "4600")).isEmpty();
        assertThat(HaneulCli.withoutPicocli("start", "--help")).isEmpty();
        assertThat(HaneulCli.withoutPicocli("stop", "--timeout", "5")).isEmpty();
        assertThat(HaneulCli.withoutPicocli("status")).isEmpty();
    }
}

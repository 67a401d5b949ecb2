package dev.haneul.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The training run of the command line's start-up cache (the {@code haneul} launcher runs it once
 * per build with {@code -XX:AOTCacheOutput}): the JVM keeps the classes a run loads, linked, with
 * their profiles, so the run must take the paths users wait for, {@code start -d} above all,
 * without their side effects. It parses {@code start -d} and rehearses it up to the server's
 * spawn ({@link StartCommand#rehearse}), and runs {@code status} against a server that is down.
 * The launcher points {@code HANEUL_PORT} at a port nothing listens on and {@code HANEUL_DATA_DIR}
 * at a scratch directory it deletes.
 */
final class CliTraining {

    private CliTraining() {}

    public static void main(String[] args) throws Exception {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        CommandLine status = HaneulCli.commandLine("status").setOut(discard).setErr(discard);
        status.execute("status");

        CommandLine start = HaneulCli.commandLine("start", "-d");
        CommandLine.ParseResult parsed = start.parseArgs("start", "-d", "--wait", "60");
        StartCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
        Path scratch = Files.createDirectories(command.options.config().dataDir());
        StartCommand.rehearse(command.options.config(), scratch);
        System.exit(0);
    }
}

package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The training run of the command line's start-up cache (the {@code haneul} launcher runs it once
 * per build with {@code -XX:AOTCacheOutput}): the JVM keeps the classes a run loads, linked, with
 * their profiles, so the run must take the paths users wait for, {@code start -d} above all,
 * without their side effects. It rehearses {@code start -d} up to the server's
 * spawn ({@link StartCommand#rehearse}), and runs {@code status} and {@code stop} against a server that is down.
 * The launcher points {@code HANEUL_PORT} at a port nothing listens on and {@code HANEUL_DATA_DIR}
 * at a scratch directory it deletes.
 */
final class CliTraining {

    private CliTraining() {}

    public static void main(String[] args) throws Exception {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        CommandLine status = HaneulCli.commandLine("status").setOut(discard).setErr(discard);
        status.execute("status");

        // start -d and stop run without picocli (HaneulCli.withoutPicocli), with the environment's settings.
        HaneulCli.withoutPicocli("start", "-d");
        HaneulConfig config = new ServerOptions().config();
        Path scratch = Files.createDirectories(config.dataDir());
        StartCommand.rehearse(config, scratch);
        StopCommand.stop(new ServerOptions(), 1, discard); // no server on the scratch data dir: nothing to stop
        System.exit(0);
    }
}

package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code haneul stop}: stops the server of a data dir and every process it started. */
@Command(name = "stop", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Stops the Haneul server and every process it started.",
            "",
            "Stops the server of the data dir, which stops its engines (MariaDB, Redis) cleanly, then stops any "
                    + "engine left behind by a server that was killed. Resources and data stay on disk for the next "
                    + "start. Stopping a server that is not running is not an error: the exit status is 0."})
final class StopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for a clean stop before killing the server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        HaneulConfig config = options.config();
        ServerClient client = new ServerClient(config);
        Optional<Long> pid = client.health().map(h -> h.path("pid").asLong())
                .or(() -> client.info().map(i -> i.path("pid").asLong()));
        Optional<ProcessHandle> server = pid.flatMap(ProcessHandle::of).filter(StopCommand::isHaneul);
        if (server.isPresent()) {
            ProcessHandle process = server.get();
            process.destroy();
            try {
                process.onExit().get(timeoutSeconds, TimeUnit.SECONDS);
                out.println("Haneul stopped (pid " + process.pid() + ").");
            } catch (java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
                process.onExit().get(10, TimeUnit.SECONDS);
                out.println("Haneul did not stop within " + timeoutSeconds + " s and was killed (pid " + process.pid() + ").");
            }
        } else {
            out.println("Haneul is not running (data dir " + config.dataDir() + ").");
        }
        int orphans = EngineCleanup.stopOrphans(config, Duration.ofSeconds(timeoutSeconds));
        if (orphans > 0) {
            out.println("Stopped " + orphans + " engine or app process(es) left behind by an earlier server.");
        }
        return 0;
    }

    /** Whether {@code process} is a Haneul server (guards against a stale pid reused by another program). */
    static boolean isHaneul(ProcessHandle process) {
        return process.isAlive() && process.info().commandLine().map(c -> c.contains("haneul")).orElse(true);
    }
}

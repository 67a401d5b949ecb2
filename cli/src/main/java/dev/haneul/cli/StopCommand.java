package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.process.ProcFs;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
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

    /** How long the server gets to stop cleanly unless {@code --timeout} says otherwise. */
    static final String DEFAULT_TIMEOUT_SECONDS = "60";

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = DEFAULT_TIMEOUT_SECONDS,
            description = "How long to wait for a clean stop before killing the server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        return stop(options, timeoutSeconds, spec.commandLine().getOut());
    }

    /** Stops the server of {@code options}, waiting up to {@code timeoutSeconds} before killing it; 0. */
    static int stop(ServerOptions options, int timeoutSeconds, PrintWriter out) throws InterruptedException {
        HaneulConfig config = options.config();
        ServerClient client = new ServerClient(config);
        Optional<Long> pid = client.health().map(h -> h.path("pid").asLong())
                .or(() -> client.info().map(i -> i.path("pid").asLong()));
        Optional<ProcessHandle> server = pid.flatMap(ProcessHandle::of).filter(StopCommand::isHaneul);
        if (server.isPresent()) {
            ProcessHandle process = server.get();
            process.destroy();
            if (awaitExit(process, Duration.ofSeconds(timeoutSeconds))) {
                out.println("Haneul stopped (pid " + process.pid() + ").");
            } else {
                process.destroyForcibly();
                awaitExit(process, Duration.ofSeconds(10));
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

    /**
     * Waits for a process that is not our child to exit. Polls, because {@code onExit()} of a
     * non-child process is itself a slow poll; and asks /proc, because a server started with
     * {@code -d} belongs to init once its CLI has exited, and an init that reaps late keeps it a
     * zombie that {@link ProcessHandle#isAlive()} still counts as alive (a second, on some machines).
     */
    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcFs.isRunning(process.pid())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Whether {@code process} is a Haneul server (guards against a stale pid reused by another program). */
    static boolean isHaneul(ProcessHandle process) {
        return ProcFs.isRunning(process.pid()) && process.info().commandLine().map(c -> c.contains("haneul")).orElse(true);
    }
}

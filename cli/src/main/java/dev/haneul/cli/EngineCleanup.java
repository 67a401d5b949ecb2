package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.process.ProcessSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Stops engine processes of a data dir that no running server owns. */
final class EngineCleanup {

    private EngineCleanup() {}

    /**
     * Stops engines and apps left running under the data dir (by a server killed with SIGKILL);
     * returns how many. Only call it once the server of the data dir has stopped.
     */
    static int stopOrphans(HaneulConfig config, Duration timeout) {
        int stopped = 0;
        for (Path dir : List.of(config.enginesDir(), config.dataDir().resolve("apps"))) {
            try {
                stopped += ProcessSupervisor.stopOrphans(dir, timeout).size();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot look for processes under " + dir, e);
            }
        }
        return stopped;
    }
}

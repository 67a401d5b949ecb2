package dev.haneul.rds.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.engine.EngineResolver;
import dev.haneul.core.process.ProcessSupervisor;

/** What the engines of every cluster share: the binaries and the process supervisor. */
public record EngineHost(ProcessSupervisor supervisor, EngineResolver engines) {

    public EngineHost {
        requireNonNull(supervisor, "supervisor");
        requireNonNull(engines, "engines");
    }
}

package dev.haneul.core.engine;

import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.process.ProcessState;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One engine process as a launcher returns it: {@link MariaDbServer} or {@link RedisServer}.
 * Listens on {@link #host()}:{@link #port()} only; lives in {@link #dir()} (see the package
 * comment for the layout). The port stays the same across restarts by the restart policy.
 */
public sealed interface EngineServer permits MariaDbServer, RedisServer {

    /** The supervised process: state, pid, listeners, {@link ManagedProcess#kill()}. */
    ManagedProcess process();

    EngineBinaries binaries();

    int port();

    /** The engine directory (real path). */
    Path dir();

    Path configFile();

    /** The engine's own log, which also receives its stdout and stderr. */
    Path logFile();

    /** The process name, such as {@code "rds/db-1"}. */
    default String name() {
        return process().name();
    }

    /** Always {@code 127.0.0.1}. */
    default String host() {
        return EngineLaunch.HOST;
    }

    default OptionalLong pid() {
        return process().pid();
    }

    default ProcessState state() {
        return process().state();
    }

    /** Whether it was found running (left by a previous Haneul) rather than started. */
    default boolean adopted() {
        return process().adopted();
    }

    default Path dataDir() {
        return dir().resolve(EngineLaunch.DATA_DIR);
    }

    /** Stops it: SIGTERM (a clean shutdown), SIGKILL after the stop timeout. See {@link ManagedProcess#stop()}. */
    default void stop() {
        process().stop();
    }
}

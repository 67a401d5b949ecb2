package dev.haneul.core.engine;

import java.nio.file.Path;

/** Resolved binaries of one engine, as {@link EngineResolver} found them. */
public sealed interface EngineBinaries permits MariaDbBinaries, RedisBinaries {

    EngineKind kind();

    BinarySource source();

    /** The version the server binary reports, such as {@code 11.4.5-MariaDB} or {@code 7.0.15}. */
    String version();

    /** The server executable: {@code mariadbd} or {@code redis-server}. */
    Path server();

    /** One line for logs and status pages: {@code "mariadbd 11.4.5-MariaDB (BUNDLED, /path)"}. */
    default String describe() {
        return server().getFileName() + " " + version() + " (" + source() + ", " + server() + ")";
    }
}

package dev.haneul.server;

import java.time.Instant;

/**
 * What a running server writes to {@code <data dir>/server.json} so the CLI can find it: its pid,
 * gateway URL and version.
 */
public record ServerInfo(long pid, int port, String endpoint, String version, String dataDir, Instant startedAt) {

    /** The file name under the data dir. */
    public static final String FILE = "server.json";
}

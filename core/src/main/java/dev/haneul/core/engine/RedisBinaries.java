package dev.haneul.core.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Redis's binary.
 *
 * @param source where it came from
 * @param version what {@code redis-server --version} reports after {@code v=}, such as {@code 7.0.15}
 * @param server {@code redis-server}
 */
public record RedisBinaries(BinarySource source, String version, Path server) implements EngineBinaries {

    public RedisBinaries {
        requireNonNull(source, "source");
        requireNonNull(version, "version");
        requireNonNull(server, "server");
    }

    @Override
    public EngineKind kind() {
        return EngineKind.REDIS;
    }
}

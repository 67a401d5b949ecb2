package dev.haneul.core.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * MariaDB's binaries.
 *
 * @param source where they came from
 * @param version what {@code mariadbd --version} reports, such as {@code 10.11.18-MariaDB-0+deb12u1}
 * @param server {@code mariadbd}
 * @param installDb {@code mariadb-install-db}, which creates a data directory
 * @param client the {@code mariadb} command-line client, when present
 * @param dump {@code mariadb-dump}, when present
 * @param baseDir the installation directory to pass as {@code --basedir}; empty for system
 *     packages, whose binaries know their own paths
 * @param messagesDir the directory holding {@code english/errmsg.sys}, to pass as
 *     {@code lc-messages-dir}; empty for system packages
 */
public record MariaDbBinaries(
        BinarySource source,
        String version,
        Path server,
        Path installDb,
        Optional<Path> client,
        Optional<Path> dump,
        Optional<Path> baseDir,
        Optional<Path> messagesDir) implements EngineBinaries {

    public MariaDbBinaries {
        requireNonNull(source, "source");
        requireNonNull(version, "version");
        requireNonNull(server, "server");
        requireNonNull(installDb, "installDb");
        requireNonNull(client, "client");
        requireNonNull(dump, "dump");
        requireNonNull(baseDir, "baseDir");
        requireNonNull(messagesDir, "messagesDir");
    }

    @Override
    public EngineKind kind() {
        return EngineKind.MARIADB;
    }
}

package dev.haneul.core.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a server can keep its data in a data dir, asked before it starts: the data dir and its
 * {@code state/}, {@code engines/} and {@code logs/} must be directories it can create files in,
 * and every directory and file already under {@code state/} must be writable. A server that
 * started anyway would acknowledge nothing (every change would be refused) and could not bring
 * its engines back; refusing to start says so in one line instead.
 *
 * <p>Writability is tried, not inferred from permission bits: a file is created and deleted in
 * each directory, which is also right for root (who ignores the bits) and for read-only mounts
 * (which stop root too).
 */
public final class DataDirCheck {

    private static final String PROBE = ".haneul-write-check-";

    private DataDirCheck() {}

    /**
     * The reason a server cannot use {@code dataDir} (one line, naming the path), or empty when it
     * can. Creates the directories that are missing.
     */
    public static Optional<String> problem(Path dataDir, Path stateDir, Path enginesDir, Path logsDir) {
        for (Path dir : List.of(dataDir, stateDir, enginesDir, logsDir)) {
            Optional<String> problem = usableDirectory(dir);
            if (problem.isPresent()) {
                return problem;
            }
        }
        try (Stream<Path> paths = Files.walk(stateDir, 3)) {
            for (Path path : paths.skip(1).toList()) {
                if (path.getFileName().toString().startsWith(PROBE)) {
                    continue;
                }
                Optional<String> problem = Files.isDirectory(path) ? usableDirectory(path)
                        : Files.isRegularFile(path) && !Files.isWritable(path)
                                ? Optional.of(path + " is not writable") : Optional.empty();
                if (problem.isPresent()) {
                    return problem;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("cannot read " + stateDir + " (" + reason(e) + ")");
        }
        return Optional.empty();
    }

    /**
     * Makes {@code dirs} owner-only ({@code 0700}) where group or others have any access: state
     * and engine data (MariaDB writes its data and binary logs group-readable, and they hold the
     * master user's password hash) are nobody else's business. Returns the directories changed.
     */
    public static List<Path> closeToOthers(Path... dirs) throws IOException {
        List<Path> changed = new ArrayList<>();
        for (Path dir : dirs) {
            if (!AtomicFiles.hasPosixPermissions(dir)) {
                continue;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
            Set<PosixFilePermission> ownerOnly =
                    PosixFilePermissions.fromString("rwx------");
            if (!ownerOnly.containsAll(mode)) {
                Files.setPosixFilePermissions(dir, ownerOnly);
                changed.add(dir);
            }
        }
        return changed;
    }

    private static Optional<String> usableDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return Optional.of(dir + " is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return Optional.of("cannot create " + dir + " (" + reason(e) + ")");
        }
        try {
            Files.delete(Files.createTempFile(dir, PROBE, ""));
        } catch (IOException e) {
            return Optional.of(dir + " is not writable (" + reason(e) + ")");
        }
        return Optional.empty();
    }

    /** "Read-only file system", "Permission denied", "Not a directory": the OS's words, without the path again. */
    private static String reason(Exception e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException already) {
            return already.getFile() + " is a file, not a directory";
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}

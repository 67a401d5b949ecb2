package dev.haneul.core.state;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Crash-safe file replacement: write a temporary file beside the target, fsync it, rename it over
 * the target, fsync the directory. A reader (or Haneul after a SIGKILL or power cut) sees either
 * the old content or the new one, never a torn file.
 *
 * <p>Files are created owner-only ({@code 0600}): state holds password hashes, auth tokens and
 * the secret names of engines' admin commands. The mode is set when the file is created, so there
 * is no moment where another user could open it.
 */
public final class AtomicFiles {

    /** Owner read and write, nothing for group and others. */
    public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private AtomicFiles() {}

    /** Whether files under {@code dir} carry POSIX permissions (false on Windows file systems). */
    public static boolean hasPosixPermissions(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = requireNonNull(target.toAbsolutePath().getParent(), "an absolute file path has a parent");
        Files.createDirectories(dir);
        Path temp = hasPosixPermissions(dir)
                ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", OWNER_ONLY)
                : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the rename is still atomic there.
        }
    }
}

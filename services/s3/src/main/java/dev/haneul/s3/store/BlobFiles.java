package dev.haneul.s3.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The data files of one bucket. Every object body and every uploaded part is a file named by a
 * random 128-bit id — never by its key — so keys cannot name paths, and a file is immutable once
 * published: a new version is a new file.
 *
 * <pre>
 * tmp/&lt;id&gt;            being written; deleted at start-up (a write the crash interrupted)
 * data/&lt;ab&gt;/&lt;id&gt;      published: complete, verified and forced; ab = the id's first two hex digits
 * </pre>
 *
 * A body is written to {@code tmp/}, forced, and renamed into {@code data/} before the metadata
 * log names it; start-up deletes whatever is in {@code tmp/} and every file in {@code data/} that no
 * log entry names (a crash between the rename and the log's commit, or after a replacement's commit
 * but before the old file's deletion).
 */
final class BlobFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path tmp;
    private final Path data;
    private final boolean fsync;

    BlobFiles(Path bucketDir, boolean fsync) throws IOException {
        this.tmp = Files.createDirectories(bucketDir.resolve("tmp"));
        this.data = Files.createDirectories(bucketDir.resolve("data"));
        this.fsync = fsync;
    }

    boolean fsync() {
        return fsync;
    }

    static String newId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A new temporary file, open for writing. */
    FileChannel create(String id) throws IOException {
        return FileChannel.open(tmp.resolve(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    Path temporary(String id) {
        return tmp.resolve(id);
    }

    /** Moves a complete temporary file to its published place. */
    void publish(String id) throws IOException {
        Path dir = data.resolve(id.substring(0, 2));
        Path target = dir.resolve(id);
        try {
            Files.move(tmp.resolve(id), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(dir);
            if (fsync) {
                syncDirectory(data);
            }
            Files.move(tmp.resolve(id), target, StandardCopyOption.ATOMIC_MOVE);
        }
        if (fsync) {
            syncDirectory(dir);
        }
    }

    Path path(String id) {
        return data.resolve(id.substring(0, 2)).resolve(id);
    }

    void deleteTemporary(String id) {
        try {
            Files.deleteIfExists(tmp.resolve(id));
        } catch (IOException e) {
            // Left for the start-up sweep.
        }
    }

    void delete(String id) {
        try {
            Files.deleteIfExists(path(id));
        } catch (IOException e) {
            // Left for the start-up sweep, which deletes files no entry names.
        }
    }

    /**
     * Start-up: deletes every temporary file and every published file not in {@code referenced}.
     *
     * @return the number of files deleted
     */
    int sweep(Set<String> referenced) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                deleted++;
            }
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(data)) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        if (!referenced.contains(file.getFileName().toString())) {
                            Files.deleteIfExists(file);
                            deleted++;
                        }
                    }
                }
            }
        }
        return deleted;
    }

    /** Forces a directory's entries to disk; some file systems cannot, and rename there is atomic anyway. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here (see above).
        }
    }
}

package dev.haneul.core.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A directory in the cache that is filled once and then only read: unpacked engine binaries, a
 * template MariaDB data directory. Several JVMs (a server, a test run, {@code haneul demo}) may
 * share the cache and ask for the same directory at the same moment.
 *
 * <p>How it stays safe:
 * <ol>
 *   <li>A directory counts as complete only when it holds a marker file whose content is the
 *       expected one (the artifact and version it was made from). Present and matching: done, no
 *       lock taken; this is the common, fast path.</li>
 *   <li>Otherwise take the lock: an in-JVM lock per directory first (a JVM may hold a file lock
 *       only once; a second thread asking would get {@code OverlappingFileLockException}), then an
 *       exclusive {@link FileLock} on {@code <name>.lock} next to it. Check the marker again: the
 *       holder before us may have done the work.</li>
 *   <li>Fill a fresh temporary sibling, write the marker last, and rename it into place
 *       atomically. A reader never sees a half-filled directory; a crash leaves only a temporary
 *       directory, which the next holder of the lock removes. An outdated or incomplete target is
 *       renamed away first, then deleted.</li>
 * </ol>
 * Lock files are left in place: deleting one while another process waits on it would let a third
 * process lock a new file of the same name and work concurrently.
 */
final class CachedDirectory {

    /** Name of the marker file written last into a completed directory. */
    static final String MARKER = ".haneul-complete";

    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    /** Fills a temporary directory with what the cached directory must hold. */
    @FunctionalInterface
    interface Filler {
        void fill(Path dir) throws IOException, InterruptedException;
    }

    private CachedDirectory() {
    }

    /**
     * Makes sure {@code target} is complete for {@code marker}, running {@code filler} if it is not.
     *
     * @return true when this call filled it, false when it was already there
     */
    static boolean ensure(Path target, String marker, Filler filler) throws IOException, InterruptedException {
        Path dir = target.toAbsolutePath().normalize();
        if (isComplete(dir, marker)) {
            return false;
        }
        // Keyed by real path: one JVM reaching the cache by two spellings (a symlink) must still
        // serialise on the JVM lock, or its second FileChannel.lock() would throw.
        dir = Files.createDirectories(dir.getParent()).toRealPath().resolve(dir.getFileName());
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        jvmLock.lockInterruptibly();
        try (FileChannel channel = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock fileLock = channel.lock()) {
            if (isComplete(dir, marker)) {
                return false;
            }
            removeLeftovers(dir);
            Path tmp = Files.createTempDirectory(dir.getParent(), tmpPrefix(dir));
            try {
                filler.fill(tmp);
                Files.writeString(tmp.resolve(MARKER), marker, StandardCharsets.UTF_8);
                if (Files.exists(dir)) {
                    Path old = dir.resolveSibling(tmpPrefix(dir) + "old-" + UUID.randomUUID());
                    Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
                    deleteRecursively(old);
                }
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | InterruptedException | RuntimeException e) {
                deleteRecursively(tmp);
                throw e;
            }
            return true;
        } finally {
            jvmLock.unlock();
        }
    }

    static boolean isComplete(Path dir, String marker) {
        try {
            return marker.equals(Files.readString(dir.resolve(MARKER), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false; // Unreadable marker: treat as incomplete and rebuild under the lock.
        }
    }

    /** Deletes a directory tree; missing is fine. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String tmpPrefix(Path dir) {
        return "." + dir.getFileName() + ".tmp-";
    }

    /** Temporary directories of fillers that died; safe to remove while we hold the lock. */
    private static void removeLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir.getParent(), tmpPrefix(dir) + "*")) {
            for (Path leftover : leftovers) {
                deleteRecursively(leftover);
            }
        }
    }
}

package dev.haneul.s3.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of {@link LogEntry} lines with group commit: the commit point of every change
 * to a bucket's objects.
 *
 * <p>Writers {@link #enqueue} their entry while holding the bucket's lock (so the log's order is
 * the order the in-memory index changed in) and then, lock released, {@link #sync} until it is
 * durable. Whoever gets the sync lock first writes every entry queued so far and forces the file
 * once for all of them; writers that queued meanwhile find their entry already durable. Under
 * concurrency one fsync covers many writes.
 *
 * <p>Replay ({@link #replay}) reads the file line by line; a last line without its newline or that
 * does not parse — a write torn by a crash or power cut — is cut off, since no writer was ever
 * told it succeeded. {@link #rewrite} replaces the whole log by the live state (compaction): written
 * to a temporary file, forced, renamed over the log.
 */
final class MetadataLog implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(MetadataLog.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final boolean fsync;
    private final ReentrantLock queueLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private List<byte[]> queued = new ArrayList<>();
    private long enqueued;
    private volatile long durable;
    private long linesSinceRewrite;
    private FileChannel channel;
    private IOException failure;

    /** @param existingLines the lines already in the file (from {@link #replay}) */
    MetadataLog(Path file, boolean fsync, long existingLines) throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.linesSinceRewrite = existingLines;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Reads every entry of {@code file} in order, cutting off a torn last line.
     *
     * @return the number of entries read
     */
    static long replay(Path file, Consumer<LogEntry> apply) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long count = 0;
        long goodLength = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            var reader = new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(in), 1 << 16);
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
            long position = 0;
            int b;
            while ((b = reader.read()) >= 0) {
                position++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                LogEntry entry;
                try {
                    entry = JSON.readValue(line.toByteArray(), LogEntry.class);
                } catch (IOException e) {
                    break; // A torn or garbled line: nothing after it was acknowledged.
                }
                apply.accept(entry);
                count++;
                goodLength = position;
                line.reset();
            }
            if (goodLength < size) {
                log.warn("{} - cutting off {} bytes of an incomplete last entry", file, size - goodLength);
            }
        }
        if (goodLength < Files.size(file)) {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                out.truncate(goodLength);
                out.force(true);
            }
        }
        return count;
    }

    /** Queues {@code entry}; call with the bucket's lock held. Returns the ticket to {@link #sync} on. */
    long enqueue(LogEntry entry) {
        byte[] line = serialize(entry);
        queueLock.lock();
        try {
            queued.add(line);
            return ++enqueued;
        } finally {
            queueLock.unlock();
        }
    }

    /** Returns once the entry of {@code ticket} (and every earlier one) is on disk. */
    void sync(long ticket) throws IOException {
        if (durable >= ticket) {
            return;
        }
        syncLock.lock();
        try {
            if (durable >= ticket) {
                return; // Another writer's flush covered this entry.
            }
            flushQueued();
        } finally {
            syncLock.unlock();
        }
    }

    /** Entries written since the log was last rewritten, to decide when to compact. */
    long linesSinceRewrite() {
        return linesSinceRewrite;
    }

    /**
     * Replaces the log by {@code live}, the complete current state; call with the bucket's lock
     * held, so nothing is enqueued meanwhile.
     */
    void rewrite(Iterable<LogEntry> live) throws IOException {
        syncLock.lock();
        try {
            flushQueued();
            Path temp = file.resolveSibling(file.getFileName() + ".compact");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                for (LogEntry entry : live) {
                    byte[] line = serialize(entry);
                    if (buffer.remaining() < line.length) {
                        writeFully(out, buffer.flip());
                        buffer.clear();
                        if (line.length > buffer.capacity()) {
                            writeFully(out, ByteBuffer.wrap(line));
                            continue;
                        }
                    }
                    buffer.put(line);
                }
                writeFully(out, buffer.flip());
                if (fsync) {
                    out.force(true);
                }
            }
            channel.close();
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (fsync) {
                BlobFiles.syncDirectory(file.getParent());
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            linesSinceRewrite = 0;
        } finally {
            syncLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        syncLock.lock();
        try {
            flushQueued();
            channel.close();
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Writes every queued entry and forces the file; call with {@link #syncLock} held. After a
     * failed write nothing more is written: entries of that batch are not on disk, and a later
     * flush must not report them durable.
     */
    private void flushQueued() throws IOException {
        if (failure != null) {
            throw new IOException(file + " failed earlier; reopen the store", failure);
        }
        try {
            flushBatch();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void flushBatch() throws IOException {
        List<byte[]> batch;
        long upTo;
        queueLock.lock();
        try {
            batch = queued;
            upTo = enqueued;
            queued = new ArrayList<>();
        } finally {
            queueLock.unlock();
        }
        if (batch.isEmpty()) {
            durable = upTo;
            return;
        }
        int total = 0;
        for (byte[] line : batch) {
            total += line.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (byte[] line : batch) {
            buffer.put(line);
        }
        writeFully(channel, buffer.flip());
        if (fsync) {
            channel.force(false);
        }
        linesSinceRewrite += batch.size();
        durable = upTo;
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static byte[] serialize(LogEntry entry) {
        try {
            byte[] json = JSON.writeValueAsBytes(entry);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // Records of strings and numbers always serialise.
        }
    }

    @Override
    public String toString() {
        return "MetadataLog[" + file + ']';
    }
}

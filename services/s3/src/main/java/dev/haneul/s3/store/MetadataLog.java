package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.s3.wire.BodyDigests;
import dev.haneul.s3.wire.Etags;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * An append-only log of {@link LogEntry} lines with group commit: the commit point of every change
 * to a bucket's objects, and the home of small objects' bodies.
 *
 * <p>Record: one JSON line, and when the entry carries {@code inline} bytes, exactly that many raw
 * bytes right after its newline — a small object's body. Storing a small body here costs one
 * append instead of creating, writing, renaming and later deleting a file; reads {@link #read} it
 * back by position ({@link InlineRef}).
 *
 * <p>Writers {@link #enqueue} their record while holding the bucket's lock (so the log's order is
 * the order the in-memory index changed in; the position a record will have is known then) and
 * then, lock released, {@link #sync} until it is durable. Whoever gets the sync lock first writes
 * every record queued so far and forces the file once for all of them: under concurrency one fsync
 * covers many writes.
 *
 * <p>Replay ({@link #replay}) reads record by record; a last record that is cut short or does not
 * parse — a write torn by a crash or power cut — is cut off, since no writer was ever told it
 * succeeded; an inline body must match its entry's MD5 ETag. {@link #rewrite} replaces the whole
 * log by the live state (compaction) and starts a new generation: positions of the old one are
 * refused ({@link StalePositionException}) and the reader looks the object up again.
 */
final class MetadataLog implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(MetadataLog.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /** Where a small body lies in a log generation. */
    record InlineRef(long generation, long offset, int length) {}

    /** A record's entry and, for small objects, its body. */
    record Record(LogEntry entry, byte @Nullable [] inline) {}

    /** A position of a generation that compaction has replaced. */
    static final class StalePositionException extends Exception {
        private static final long serialVersionUID = 1L;

        StalePositionException() {
            super(null, null, false, false);
        }
    }

    /** Receives replayed entries with the position of their inline body. */
    @FunctionalInterface
    interface Replay {
        void apply(LogEntry entry, @Nullable InlineRef inline);
    }

    private final Path file;
    private final boolean fsync;
    private final ReentrantLock queueLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final ReentrantReadWriteLock generationLock = new ReentrantReadWriteLock();
    private List<byte[]> queued = new ArrayList<>();
    private long enqueued;
    private long queuedEnd;
    private volatile long durable;
    private volatile long writtenEnd;
    private long generation;
    private long linesSinceRewrite;
    private FileChannel channel;
    private FileChannel reader;
    /** The write that broke the log, after which it refuses everything; {@code null} while healthy. */
    private @Nullable IOException failure;

    /** @param existingLines the records already in the file (from {@link #replay}) */
    MetadataLog(Path file, boolean fsync, long existingLines) throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.linesSinceRewrite = existingLines;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.reader = FileChannel.open(file, StandardOpenOption.READ);
        this.writtenEnd = channel.size();
        this.queuedEnd = writtenEnd;
    }

    /**
     * Reads every record of {@code file} in order, cutting off a torn last one. Positions are of
     * generation 0, the generation a freshly opened log has.
     *
     * @return the number of records read
     */
    static long replay(Path file, Replay apply) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long count = 0;
        long goodLength = 0;
        long size = Files.size(file);
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            long position = 0;
            int b;
            while ((b = in.read()) >= 0) {
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
                line.reset();
                InlineRef inline = null;
                Integer inlineLength = entry.inline();
                if (inlineLength != null) {
                    byte[] body = in.readNBytes(inlineLength);
                    if (body.length != inlineLength || !matchesEtag(body, entry.etag())) {
                        break; // The body was cut short or never reached the disk.
                    }
                    inline = new InlineRef(0, position, body.length);
                    position += body.length;
                }
                apply.apply(entry, inline);
                count++;
                goodLength = position;
            }
        }
        if (goodLength < size) {
            log.warn("{} - cutting off {} bytes of an incomplete last record", file, size - goodLength);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                out.truncate(goodLength);
                out.force(true);
            }
        }
        return count;
    }

    /**
     * Queues a record; call with the bucket's lock held.
     *
     * @param inline a small object's body, or {@code null}
     * @return the ticket to {@link #sync} on, and where the body will be
     */
    Appended enqueue(LogEntry entry, byte @Nullable [] inline) {
        byte[] json = serialize(entry);
        byte[] record = inline == null ? json : concat(json, inline);
        queueLock.lock();
        try {
            queued.add(record);
            long start = queuedEnd;
            queuedEnd += record.length;
            InlineRef ref = inline == null ? null : new InlineRef(generation, start + json.length, inline.length);
            return new Appended(++enqueued, ref);
        } finally {
            queueLock.unlock();
        }
    }

    long enqueue(LogEntry entry) {
        return enqueue(entry, null).ticket();
    }

    /** A queued record: its ticket and the position of its inline body, if any. */
    record Appended(long ticket, @Nullable InlineRef inline) {}

    /** Returns once the record of {@code ticket} (and every earlier one) is on disk. */
    void sync(long ticket) throws IOException {
        if (durable >= ticket) {
            return;
        }
        syncLock.lock();
        try {
            if (durable >= ticket) {
                return; // Another writer's flush covered this record.
            }
            flushQueued();
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * A small body, read back by position. If its record is still queued (its writer has not
     * synced yet), the queue is written first.
     */
    byte[] read(InlineRef ref) throws IOException, StalePositionException {
        if (ref.offset() + ref.length() > writtenEnd) {
            syncLock.lock();
            try {
                if (ref.generation() == generation && ref.offset() + ref.length() > writtenEnd) {
                    flushQueued();
                }
            } finally {
                syncLock.unlock();
            }
        }
        generationLock.readLock().lock();
        try {
            if (ref.generation() != generation) {
                throw new StalePositionException();
            }
            ByteBuffer body = ByteBuffer.allocate(ref.length());
            while (body.hasRemaining()) {
                if (reader.read(body, ref.offset() + body.position()) < 0) {
                    throw new IOException(file + " ends before " + ref);
                }
            }
            return body.array();
        } finally {
            generationLock.readLock().unlock();
        }
    }

    /** Records written since the log was last rewritten, to decide when to compact. */
    long linesSinceRewrite() {
        return linesSinceRewrite;
    }

    /**
     * Replaces the log by {@code live}, the complete current state, and starts a new generation;
     * call with the bucket's lock held, so nothing is enqueued meanwhile.
     *
     * @return the new positions of the records' inline bodies, in order ({@code null} for none)
     */
    List<InlineRef> rewrite(Iterable<Record> live) throws IOException {
        syncLock.lock();
        try {
            flushQueued();
            Path temp = file.resolveSibling(file.getFileName() + ".compact");
            List<InlineRef> positions = new ArrayList<>();
            long nextGeneration = generation + 1;
            long end = 0;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                for (Record record : live) {
                    byte[] json = serialize(record.entry());
                    byte[] bytes = record.inline() == null ? json : concat(json, record.inline());
                    positions.add(record.inline() == null ? null
                            : new InlineRef(nextGeneration, end + json.length, record.inline().length));
                    end += bytes.length;
                    if (buffer.remaining() < bytes.length) {
                        writeFully(out, buffer.flip());
                        buffer.clear();
                        if (bytes.length > buffer.capacity()) {
                            writeFully(out, ByteBuffer.wrap(bytes));
                            continue;
                        }
                    }
                    buffer.put(bytes);
                }
                writeFully(out, buffer.flip());
                if (fsync) {
                    out.force(true);
                }
            }
            generationLock.writeLock().lock();
            try {
                channel.close();
                reader.close();
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                if (fsync) {
                    BlobFiles.syncDirectory(requireNonNull(file.getParent(), "the log is a file in its bucket directory"));
                }
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                reader = FileChannel.open(file, StandardOpenOption.READ);
                generation = nextGeneration;
                writtenEnd = end;
                queueLock.lock();
                try {
                    queuedEnd = end;
                } finally {
                    queueLock.unlock();
                }
            } finally {
                generationLock.writeLock().unlock();
            }
            linesSinceRewrite = positions.size();
            return positions;
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
            reader.close();
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Writes every queued record and forces the file; call with {@link #syncLock} held. After a
     * failed write nothing more is written: records of that batch are not on disk, and a later
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
        long end;
        queueLock.lock();
        try {
            batch = queued;
            upTo = enqueued;
            end = queuedEnd;
            queued = new ArrayList<>();
        } finally {
            queueLock.unlock();
        }
        if (batch.isEmpty()) {
            durable = upTo;
            return;
        }
        if (batch.size() == 1) {
            writeFully(channel, ByteBuffer.wrap(batch.get(0)));
        } else {
            int total = 0;
            for (byte[] record : batch) {
                total += record.length;
            }
            ByteBuffer buffer = ByteBuffer.allocate(total);
            for (byte[] record : batch) {
                buffer.put(record);
            }
            writeFully(channel, buffer.flip());
        }
        writtenEnd = end;
        if (fsync) {
            channel.force(false);
        }
        linesSinceRewrite += batch.size();
        durable = upTo;
    }

    private static boolean matchesEtag(byte[] body, @Nullable String etag) {
        return Etags.single(BodyDigests.md5(body)).equals(etag);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static byte[] serialize(LogEntry entry) {
        try {
            byte[] json = JSON.writeValueAsBytes(entry);
            byte[] line = Arrays.copyOf(json, json.length + 1);
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

package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.wire.BodyDigests;
import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ExpectedDigests;
import dev.haneul.s3.wire.PayloadSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of one write (an object or a part) on its way to disk: bytes go to a temporary file and
 * through the digests as they arrive, and nothing is visible to readers until {@link #commit}
 * forces the file, verifies the digests, publishes the file and commits the metadata. A body that
 * ends within {@code inlineLimit} bytes is held in memory instead and committed into the metadata
 * log with its entry (see {@link MetadataLog}): no file is created for it at all. A sink that
 * is closed without a commit (an error, a dropped connection, a failed signature) deletes its
 * temporary file, and a crash leaves only a temporary file, which start-up deletes.
 *
 * <p>Push style, so a Netty handler can feed it without an intermediate stream: {@link #write} is a
 * blocking file write (to the page cache, so usually microseconds), meant to be called from a
 * virtual thread that owns the request — the handler hands each received buffer to that thread in
 * order and turns auto-read off while too many bytes are queued, which is back-pressure without
 * ever blocking the event loop. {@link #writeAll(InputStream)} serves callers with a stream. One
 * thread at a time; not thread-safe.
 *
 * @param <R> what a commit produces: an {@link ObjectVersion} or an {@link UploadedPart}
 */
public final class BodySink<R> implements PayloadSink, AutoCloseable {

    /** Turns a published body into committed metadata. */
    @FunctionalInterface
    interface Committer<R> {
        /** @param blob the published file, or {@code null} when the body is {@code inline} */
        R commit(@Nullable String blob, byte @Nullable [] inline, BodyDigests.Result digests) throws IOException;
    }

    private final BlobFiles blobs;
    private final String blob;
    /** The file the body goes to; {@code null} while the body is still small enough to keep inline. */
    private @Nullable FileChannel channel;
    private final long maxSize;
    private final int inlineLimit;
    /** The inline body so far; {@code null} once it spilled to {@code channel} (or was never kept). */
    private @Nullable ByteArrayOutputStream small;
    private final BodyDigests digests;
    private final Committer<R> committer;
    private ExpectedDigests expected;
    private boolean done;

    BodySink(BlobFiles blobs, long maxSize, int inlineLimit, ExpectedDigests expected,
             ChecksumAlgorithm checksumAlgorithm, Committer<R> committer) throws IOException {
        this.blobs = blobs;
        this.blob = BlobFiles.newId();
        this.maxSize = maxSize;
        this.inlineLimit = inlineLimit;
        this.expected = requireNonNull(expected, "expected");
        this.digests = new BodyDigests(checksumAlgorithm, expected.contentSha256().isPresent());
        this.committer = committer;
        if (inlineLimit > 0) {
            this.small = new ByteArrayOutputStream(Math.min(inlineLimit, 8192));
        } else {
            this.channel = blobs.create(blob);
            this.digests.inBackground();
        }
    }

    /**
     * Appends the buffer's remaining bytes.
     *
     * @throws dev.haneul.s3.error.S3Exception EntityTooLarge past the size limit
     */
    @Override
    public void write(ByteBuffer data) throws IOException {
        if (done) {
            throw new IllegalStateException("write after commit or abort");
        }
        if (digests.length() + data.remaining() > maxSize) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ProposedSize", digests.length() + data.remaining());
            fields.put("MaxSizeAllowed", maxSize);
            abort();
            throw S3Error.ENTITY_TOO_LARGE.exception(fields);
        }
        digests.update(data);
        ByteArrayOutputStream inline = small;
        if (inline != null) {
            if (inline.size() + data.remaining() <= inlineLimit) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                inline.writeBytes(bytes);
                return;
            }
            FileChannel spilled = blobs.create(blob); // Too big to keep in the log after all: spill to a file.
            channel = spilled;
            digests.inBackground();
            ByteBuffer held = ByteBuffer.wrap(inline.toByteArray());
            small = null;
            while (held.hasRemaining()) {
                spilled.write(held);
            }
        }
        FileChannel out = requireNonNull(channel, "a body not kept inline has its file");
        while (data.hasRemaining()) {
            out.write(data);
        }
    }

    /** Copies {@code in} to the end, through one reused buffer. */
    public void writeAll(InputStream in) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        int read;
        while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
            write(ByteBuffer.wrap(buffer, 0, read));
        }
    }

    /** Bytes received so far. */
    public long size() {
        return digests.length();
    }

    /**
     * Replaces what the body is checked against at commit, for a checksum that arrived in a trailer
     * (see {@link ExpectedDigests#withTrailerChecksum}); the algorithm must be the one the sink computes.
     */
    public void expect(ExpectedDigests digestsExpected) {
        this.expected = requireNonNull(digestsExpected, "digestsExpected");
    }

    /**
     * Makes the write durable and visible.
     *
     * @throws dev.haneul.s3.error.S3Exception BadDigest and the like when the body does not match
     *     its declared digests, or whatever the metadata commit refuses (a failed condition); the
     *     body is discarded either way
     */
    public R commit() throws IOException {
        if (done) {
            throw new IllegalStateException("commit after commit or abort");
        }
        done = true;
        ByteArrayOutputStream inline = small;
        if (inline != null) {
            BodyDigests.Result result = digests.finish();
            expected.verify(result);
            return committer.commit(null, inline.toByteArray(), result);
        }
        boolean published = false;
        try {
            FileChannel out = requireNonNull(channel, "a body not kept inline has its file");
            if (blobs.fsync()) {
                out.force(false);
            }
            out.close();
            BodyDigests.Result result = digests.finish();
            expected.verify(result);
            blobs.publish(blob);
            published = true;
            return committer.commit(blob, null, result);
        } catch (IOException | RuntimeException e) {
            digests.cancel();
            closeQuietly();
            if (published) {
                blobs.delete(blob);
            } else {
                blobs.deleteTemporary(blob);
            }
            throw e;
        }
    }

    /** Discards the body. Idempotent. */
    public void abort() {
        if (!done) {
            done = true;
            digests.cancel();
            closeQuietly();
            if (channel != null) {
                blobs.deleteTemporary(blob);
            }
            small = null;
        }
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    private void closeQuietly() {
        FileChannel out = channel;
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // The file is deleted next; nothing of it is kept.
        }
    }
}

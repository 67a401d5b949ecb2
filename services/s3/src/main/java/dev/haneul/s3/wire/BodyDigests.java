package dev.haneul.s3.wire;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The digests S3 computes over every body as it streams by: MD5 (the ETag of a single-part object),
 * one flexible checksum (stored and returned with the object) and, when the request declared a hex
 * {@code x-amz-content-sha256}, SHA-256. Fed with the same buffers that are written to disk, so
 * nothing is read twice.
 *
 * <p>MD5 runs at about the speed of a disk, so a large body computed on the writing thread would
 * be bound by the sum of both. {@link #inBackground} moves the digests to two virtual threads —
 * MD5 on one, the checksum (and SHA-256) on the other — fed with copies of the data in
 * {@value #CHUNK}-byte chunks through bounded queues, so the write, the MD5 and the checksum
 * proceed side by side and a slow digest slows the writer (at most {@value #QUEUED} chunks per
 * lane wait) instead of piling up memory. One writing thread at a time.
 */
public final class BodyDigests {

    private final MessageDigest md5;
    private final ChecksumAlgorithm checksumAlgorithm;
    private final RunningChecksum checksum;
    private final @Nullable MessageDigest sha256;
    private long length;
    /** Set once {@link #inBackground()} is called. */
    private @Nullable Background background;
    private int staged;

    static final int CHUNK = 256 * 1024;
    static final int QUEUED = 4;

    /**
     * @param checksumAlgorithm the flexible checksum to compute
     * @param sha256 whether to compute SHA-256 too
     */
    public BodyDigests(ChecksumAlgorithm checksumAlgorithm, boolean sha256) {
        this.md5 = digest("MD5");
        this.checksumAlgorithm = requireNonNull(checksumAlgorithm, "checksumAlgorithm");
        this.checksum = checksumAlgorithm.start();
        this.sha256 = sha256 ? digest("SHA-256") : null;
    }

    /**
     * From now on, computes the digests on background threads (see the class comment); for large
     * bodies.
     */
    public void inBackground() {
        if (background == null) {
            MessageDigest sha = sha256;
            background = new Background(new Lane("s3-md5", chunk -> md5.update(chunk.array(), 0, chunk.limit())),
                    new Lane("s3-checksum", chunk -> {
                        checksum.update(chunk.array(), 0, chunk.limit());
                        if (sha != null) {
                            sha.update(chunk.array(), 0, chunk.limit());
                        }
                    }));
        }
    }

    /** Feeds the buffer's remaining bytes; its position is left unchanged. */
    public void update(ByteBuffer data) {
        int count = data.remaining();
        Background lanes = background;
        if (lanes != null) {
            ByteBuffer source = data.duplicate();
            while (source.hasRemaining()) {
                int n = Math.min(source.remaining(), CHUNK - staged);
                source.get(lanes.staging, staged, n);
                staged += n;
                if (staged == CHUNK) {
                    dispatch(lanes);
                }
            }
            length += count;
            return;
        }
        md5.update(data.duplicate());
        checksum.update(data.duplicate());
        if (sha256 != null) {
            sha256.update(data.duplicate());
        }
        length += count;
    }

    public void update(byte[] data, int offset, int count) {
        if (background != null) {
            update(ByteBuffer.wrap(data, offset, count));
            return;
        }
        md5.update(data, offset, count);
        checksum.update(data, offset, count);
        if (sha256 != null) {
            sha256.update(data, offset, count);
        }
        length += count;
    }

    public long length() {
        return length;
    }

    /** The digests; this object must not be used afterwards. */
    public Result finish() {
        Background lanes = background;
        if (lanes != null) {
            dispatch(lanes);
            lanes.md5.finish();
            lanes.checksum.finish();
        }
        return new Result(length, md5.digest(), checksumAlgorithm, checksum.digest(),
                sha256 == null ? Optional.empty() : Optional.of(sha256.digest()));
    }

    /** The MD5 of a small body already in memory. */
    public static byte[] md5(byte[] data) {
        return digest("MD5").digest(data);
    }

    /** Stops the background threads of a body that will not be finished. */
    public void cancel() {
        Background lanes = background;
        if (lanes != null) {
            lanes.md5.cancel();
            lanes.checksum.cancel();
        }
    }

    private void dispatch(Background lanes) {
        if (staged == 0) {
            return;
        }
        ByteBuffer chunk = ByteBuffer.wrap(lanes.staging, 0, staged);
        lanes.md5.submit(chunk);
        lanes.checksum.submit(chunk);
        lanes.staging = new byte[CHUNK]; // The lanes read the old one: a fresh one for the writer.
        staged = 0;
    }

    /** The digest threads of a large body, and the chunk being filled for them. */
    private static final class Background {
        private final Lane md5;
        private final Lane checksum;
        private byte[] staging = new byte[CHUNK];

        Background(Lane md5, Lane checksum) {
            this.md5 = md5;
            this.checksum = checksum;
        }
    }

    /** One digest thread and its bounded queue of chunks, in order. */
    private static final class Lane {
        private static final ByteBuffer END = ByteBuffer.allocate(0);
        private final BlockingQueue<ByteBuffer> queue =
                new ArrayBlockingQueue<>(QUEUED);
        private final Thread thread;

        Lane(String name, Consumer<ByteBuffer> digest) {
            this.thread = Thread.ofVirtual().name(name).start(() -> {
                try {
                    for (ByteBuffer chunk = queue.take(); chunk != END; chunk = queue.take()) {
                        digest.accept(chunk);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // Cancelled: the body is being discarded.
                }
            });
        }

        void submit(ByteBuffer chunk) {
            try {
                queue.put(chunk);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while digesting a body", e);
            }
        }

        void finish() {
            submit(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while digesting a body", e);
            }
        }

        void cancel() {
            thread.interrupt();
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
        }
    }

    /** What a body's digests came to. */
    public record Result(long length, byte[] md5, ChecksumAlgorithm checksumAlgorithm, byte[] checksum,
                         Optional<byte[]> sha256) {}
}

package dev.haneul.core.protocol;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The content of a {@code streaming} blob payload (an S3 object body), as the value tree carries it
 * in both directions: the rest codecs hand a request's body to the provider as one, without
 * copying it, and write one that a provider returns as the response body.
 *
 * <p>A blob backed by a network stream can be read once and only on the provider's virtual thread;
 * one backed by bytes ({@link #of(byte[])}) any number of times. Providers should read it as a
 * stream ({@link #openStream()}) and keep at most a buffer of it in memory; {@link #readAllBytes()}
 * is for small payloads and tests.
 */
public interface StreamingBlob {

    /** The length in bytes when known before reading (a {@code Content-Length}), else {@code -1}. */
    long contentLength();

    /**
     * The content.
     *
     * @throws IllegalStateException when a read-once blob was opened before
     */
    InputStream openStream();

    /** The whole content in memory. */
    default byte[] readAllBytes() {
        try (InputStream in = openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a streaming payload failed", e);
        }
    }

    /** A blob over bytes already in memory; can be opened any number of times. */
    static StreamingBlob of(byte[] bytes) {
        return new InMemory(requireNonNull(bytes, "bytes"));
    }

    /** A blob over a stream of {@code contentLength} bytes ({@code -1} when unknown), read once. */
    static StreamingBlob of(InputStream stream, long contentLength) {
        return new OneShot(requireNonNull(stream, "stream"), contentLength);
    }

    /**
     * A blob that is {@code count} bytes of an open file from {@code position}: the gateway sends it
     * to the socket without passing it through the heap ({@code sendfile}). {@code release} runs once
     * the blob is done with: when its stream is closed, or {@link FileRange#close()}.
     */
    static FileRange ofFile(FileChannel file, long position, long count, Closeable release) {
        return new FileRange(requireNonNull(file, "file"), position, count, requireNonNull(release, "release"));
    }

    /** A blob over bytes in memory. */
    record InMemory(byte[] bytes) implements StreamingBlob {

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public byte[] readAllBytes() {
            return bytes;
        }
    }

    /** A blob over a stream that can be opened once. */
    final class OneShot implements StreamingBlob {
        private final InputStream stream;
        private final long contentLength;
        private final AtomicBoolean opened = new AtomicBoolean();

        private OneShot(InputStream stream, long contentLength) {
            this.stream = stream;
            this.contentLength = contentLength;
        }

        @Override
        public long contentLength() {
            return contentLength;
        }

        @Override
        public InputStream openStream() {
            if (!opened.compareAndSet(false, true)) {
                throw new IllegalStateException("a streaming payload can be read only once");
            }
            return stream;
        }
    }

    /** A range of an open file, read once (see {@link #ofFile}). */
    final class FileRange implements StreamingBlob, Closeable {
        private final FileChannel file;
        private final long position;
        private final long count;
        private final Closeable release;
        private final AtomicBoolean opened = new AtomicBoolean();

        private FileRange(FileChannel file, long position, long count, Closeable release) {
            this.file = file;
            this.position = position;
            this.count = count;
            this.release = release;
        }

        /** The file, for a zero-copy send of {@link #position()} and {@link #contentLength()} bytes. */
        public FileChannel file() {
            return file;
        }

        public long position() {
            return position;
        }

        @Override
        public long contentLength() {
            return count;
        }

        /** The range by positional reads; closing it releases the file. */
        @Override
        public InputStream openStream() {
            if (!opened.compareAndSet(false, true)) {
                throw new IllegalStateException("a streaming payload can be read only once");
            }
            return new InputStream() {
                private long next = position;
                private final long end = position + count;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (next >= end) {
                        return -1;
                    }
                    int n = file.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - next)), next);
                    if (n > 0) {
                        next += n;
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    FileRange.this.close();
                }
            };
        }

        /** Releases the file (once sent without its stream, or not sent at all). */
        @Override
        public void close() throws IOException {
            release.close();
        }
    }
}

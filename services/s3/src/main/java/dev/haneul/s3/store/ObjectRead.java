package dev.haneul.s3.store;

import dev.haneul.core.protocol.StreamingBlob;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a GetObject: the version, the byte range to send, and the object's body — its data
 * file, open (opened while the version was current, so it stays readable even if the object is
 * replaced or deleted meanwhile), or for a small object its bytes. For zero-copy sends, hand
 * {@link #file()}, {@code range().first()} and {@code range().length()} to Netty's
 * {@code DefaultFileRegion}, else wrap {@link #bytes()}; or use {@link #transferTo} or
 * {@link #stream}. Close it once sent. A {@link #notModified} answer (304) and a HeadObject's answer
 * have no data.
 */
public final class ObjectRead implements Closeable {

    private final ObjectVersion version;
    private final ByteRange range;
    private final @Nullable FileChannel channel;
    private final byte @Nullable [] inline;
    private final boolean notModified;

    ObjectRead(ObjectVersion version, ByteRange range, @Nullable FileChannel channel, boolean notModified) {
        this(version, range, channel, null, notModified);
    }

    ObjectRead(ObjectVersion version, ByteRange range, @Nullable FileChannel channel, byte @Nullable [] inline,
               boolean notModified) {
        this.version = version;
        this.range = range;
        this.channel = channel;
        this.inline = inline;
        this.notModified = notModified;
    }

    public ObjectVersion version() {
        return version;
    }

    public ByteRange range() {
        return range;
    }

    /** Whether the conditions said 304 Not Modified. */
    public boolean notModified() {
        return notModified;
    }

    /**
     * The open data file of a large object, for zero-copy sends; positions are absolute offsets in
     * the object. Empty for a small object, whose body the store keeps in its metadata log and
     * hands over as {@link #bytes()}.
     */
    public Optional<FileChannel> file() {
        return Optional.ofNullable(channel);
    }

    /** The range of a small object's body, in memory; empty for a file-backed object. */
    public Optional<ByteBuffer> bytes() {
        return inline == null ? Optional.empty()
                : Optional.of(ByteBuffer.wrap(inline, (int) range.first(), (int) range.length())
                        .asReadOnlyBuffer());
    }

    private FileChannel channel() {
        if (channel == null) {
            throw new IllegalStateException("a HEAD or 304 answer has no body");
        }
        return channel;
    }

    /** Sends the range to {@code target} ({@code sendfile} to a socket, {@code copy_file_range} to a file). */
    public long transferTo(WritableByteChannel target) throws IOException {
        if (inline != null) {
            ByteBuffer body = bytes().orElseThrow();
            long count = body.remaining();
            while (body.hasRemaining()) {
                target.write(body);
            }
            return count;
        }
        long sent = 0;
        while (sent < range.length()) {
            long n = channel().transferTo(range.first() + sent, range.length() - sent, target);
            if (n <= 0 && target instanceof FileChannel) {
                break;
            }
            sent += n;
        }
        return sent;
    }

    /** The range as a stream (which does not close this read). */
    public InputStream stream() {
        if (inline != null) {
            return new ByteArrayInputStream(inline, (int) range.first(), (int) range.length());
        }
        return StreamingBlob.ofFile(channel(), range.first(), range.length(), () -> { }).openStream();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}

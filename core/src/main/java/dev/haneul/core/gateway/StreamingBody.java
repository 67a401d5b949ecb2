package dev.haneul.core.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A request body on its way from Netty to a provider's virtual thread, as an {@link InputStream}:
 * the event loop {@link #offer}s the buffers it reads, the provider reads them, and at most about
 * {@link #HIGH_WATER} bytes wait in between — above that the channel stops reading
 * ({@code autoRead} off) until the reader has taken the queue below {@link #LOW_WATER}. So a
 * 1 GiB upload holds a few MiB of heap however fast the client sends.
 *
 * <pre>
 *  event loop:  offer(buf) ─▶ [ queue ≤ HIGH_WATER ] ─▶ read() :provider thread
 *               end() / fail()        autoRead off above HIGH_WATER, on again below LOW_WATER
 * </pre>
 */
final class StreamingBody extends InputStream {

    static final int HIGH_WATER = 4 * 1024 * 1024;
    static final int LOW_WATER = 1024 * 1024;

    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private long queued;
    private long received;
    private boolean ended;
    private boolean closed;
    private boolean paused;
    private @Nullable IOException failure;

    StreamingBody(Channel channel) {
        this.channel = channel;
    }

    /** Event loop: one more slice of the body (retained here, released once read). */
    void offer(ByteBuf content) {
        if (!content.isReadable()) {
            return;
        }
        lock.lock();
        try {
            if (closed) {
                return; // the reader gave up; what is left is dropped
            }
            queue.add(content.retain());
            queued += content.readableBytes();
            received += content.readableBytes();
            if (queued > HIGH_WATER && !paused) {
                paused = true;
                channel.config().setAutoRead(false);
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: the body is complete. */
    void end() {
        lock.lock();
        try {
            ended = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: the body will not be completed (connection closed, bad framing). */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (!ended) {
                failure = cause;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether every byte of the body has arrived. */
    boolean complete() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes received so far. */
    long received() {
        lock.lock();
        try {
            return received;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    throw new IOException("the request body was closed");
                }
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return -1;
                }
                try {
                    readable.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the request body");
                }
            }
            int n = 0;
            while (n < len && !queue.isEmpty()) {
                ByteBuf head = queue.peek();
                int take = Math.min(len - n, head.readableBytes());
                head.readBytes(b, off + n, take);
                n += take;
                if (!head.isReadable()) {
                    queue.poll().release();
                }
            }
            queued -= n;
            if (paused && queued < LOW_WATER) {
                paused = false;
                channel.eventLoop().execute(() -> {
                    channel.config().setAutoRead(true);
                    channel.read();
                });
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, queued);
        } finally {
            lock.unlock();
        }
    }

    /** Releases what is queued; a body not read to its end is dropped as it arrives. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            while (!queue.isEmpty()) {
                queue.poll().release();
            }
            queued = 0;
            if (paused) {
                paused = false;
                channel.eventLoop().execute(() -> {
                    channel.config().setAutoRead(true);
                    channel.read();
                });
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}

package dev.haneul.core.netty;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.NettyRuntime;
import java.time.Duration;

/** Builds an {@link EventLoopRuntime}; every option has a documented default. */
public final class EventLoopRuntimeBuilder {

    private int threads = NettyRuntime.availableProcessors();
    private Transport transport = Transport.configured();
    private String threadNamePrefix = EventLoopRuntime.DEFAULT_THREAD_NAME_PREFIX;
    private ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private Duration shutdownQuietPeriod = EventLoopRuntime.DEFAULT_SHUTDOWN_QUIET_PERIOD;
    private Duration shutdownTimeout = EventLoopRuntime.DEFAULT_SHUTDOWN_TIMEOUT;

    EventLoopRuntimeBuilder() {
    }

    /** Number of I/O threads; default: the number of available cores. */
    public EventLoopRuntimeBuilder threads(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: > 0)");
        }
        this.threads = threads;
        return this;
    }

    /** The transport; default: {@link Transport#configured()} (epoll on Linux unless the system property says otherwise). */
    public EventLoopRuntimeBuilder transport(Transport transport) {
        requireNonNull(transport, "transport");
        if (!transport.isAvailable()) {
            throw new IllegalArgumentException("transport: " + transport + " (expected: available on this machine)");
        }
        this.transport = transport;
        return this;
    }

    /** Thread names are {@code <prefix>-<group>-<n>}; default {@value EventLoopRuntime#DEFAULT_THREAD_NAME_PREFIX}. */
    public EventLoopRuntimeBuilder threadNamePrefix(String threadNamePrefix) {
        requireNonNull(threadNamePrefix, "threadNamePrefix");
        if (threadNamePrefix.isBlank()) {
            throw new IllegalArgumentException("threadNamePrefix: '" + threadNamePrefix + "' (expected: not blank)");
        }
        this.threadNamePrefix = threadNamePrefix;
        return this;
    }

    /** Buffer allocator of every channel; default: {@link PooledByteBufAllocator#DEFAULT}. */
    public EventLoopRuntimeBuilder allocator(ByteBufAllocator allocator) {
        this.allocator = requireNonNull(allocator, "allocator");
        return this;
    }

    /** Quiet period of a graceful shutdown; default {@link EventLoopRuntime#DEFAULT_SHUTDOWN_QUIET_PERIOD}. */
    public EventLoopRuntimeBuilder shutdownQuietPeriod(Duration shutdownQuietPeriod) {
        requireNonNull(shutdownQuietPeriod, "shutdownQuietPeriod");
        if (shutdownQuietPeriod.isNegative()) {
            throw new IllegalArgumentException("shutdownQuietPeriod: " + shutdownQuietPeriod + " (expected: >= 0)");
        }
        this.shutdownQuietPeriod = shutdownQuietPeriod;
        return this;
    }

    /** Upper bound of a graceful shutdown; default {@link EventLoopRuntime#DEFAULT_SHUTDOWN_TIMEOUT}. */
    public EventLoopRuntimeBuilder shutdownTimeout(Duration shutdownTimeout) {
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
            throw new IllegalArgumentException("shutdownTimeout: " + shutdownTimeout + " (expected: > 0)");
        }
        this.shutdownTimeout = shutdownTimeout;
        return this;
    }

    /** Starts the I/O threads. */
    public EventLoopRuntime build() {
        if (shutdownQuietPeriod.compareTo(shutdownTimeout) > 0) {
            throw new IllegalStateException("shutdownQuietPeriod: " + shutdownQuietPeriod
                    + " (expected: <= shutdownTimeout " + shutdownTimeout + ")");
        }
        return new EventLoopRuntime(this);
    }

    int threads() {
        return threads;
    }

    Transport transport() {
        return transport;
    }

    String threadNamePrefix() {
        return threadNamePrefix;
    }

    ByteBufAllocator allocator() {
        return allocator;
    }

    Duration shutdownQuietPeriod() {
        return shutdownQuietPeriod;
    }

    Duration shutdownTimeout() {
        return shutdownTimeout;
    }
}

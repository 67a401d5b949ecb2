package dev.haneul.core.netty;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty runtime of a whole Haneul server: one event loop group, its transport and its buffer
 * allocator, shared by every data plane. Sharing matters on small machines: a server with ten
 * endpoints still runs {@code threads} I/O threads, not ten times that.
 *
 * <p>The group both accepts and serves connections: a listening channel is registered on one of its
 * loops and each accepted channel on the next loop in turn. A proxy that opens an outbound
 * connection for an accepted one should use {@link #bootstrap(EventLoop)} with the accepted
 * channel's loop so that both channels of a pair are served by the same thread and never need to
 * synchronise.
 *
 * <p>Defaults: one I/O thread per core, named {@value #DEFAULT_THREAD_NAME_PREFIX}-&lt;group&gt;-&lt;n&gt;; the best
 * {@link Transport}; the pooled allocator; {@code SO_REUSEADDR} on listening sockets and
 * {@code TCP_NODELAY} on connections (Haneul proxies request/response protocols where Nagle's
 * delay would show as latency). {@link #close()} shuts the group down gracefully.
 *
 * <p>Thread-safe. Create one per server with {@link #builder()} or {@link #create()}.
 */
public final class EventLoopRuntime implements AutoCloseable {

    /** Prefix of the I/O thread names. */
    public static final String DEFAULT_THREAD_NAME_PREFIX = "haneul-io";
    /** Quiet period of a graceful shutdown: tasks submitted in it still run, then the loops stop. */
    public static final Duration DEFAULT_SHUTDOWN_QUIET_PERIOD = Duration.ofMillis(100);
    /** Upper bound of a graceful shutdown, whatever is still submitted. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger logger = LoggerFactory.getLogger(EventLoopRuntime.class);

    private final Transport transport;
    private final int threads;
    private final String threadNamePrefix;
    private final ByteBufAllocator allocator;
    private final Duration shutdownQuietPeriod;
    private final Duration shutdownTimeout;
    private final MultiThreadIoEventLoopGroup group;

    EventLoopRuntime(EventLoopRuntimeBuilder builder) {
        transport = builder.transport();
        threads = builder.threads();
        threadNamePrefix = builder.threadNamePrefix();
        allocator = builder.allocator();
        shutdownQuietPeriod = builder.shutdownQuietPeriod();
        shutdownTimeout = builder.shutdownTimeout();
        // Daemon threads: the server's lifecycle decides when to stop, not the last I/O thread.
        group = new MultiThreadIoEventLoopGroup(threads,
                new DefaultThreadFactory(threadNamePrefix, true), transport.newIoHandlerFactory());
        logger.debug("{} - started {} {} I/O threads", threadNamePrefix, threads, transport);
    }

    /** A runtime with every default. */
    public static EventLoopRuntime create() {
        return builder().build();
    }

    public static EventLoopRuntimeBuilder builder() {
        return new EventLoopRuntimeBuilder();
    }

    public Transport transport() {
        return transport;
    }

    /** Number of I/O threads. */
    public int threads() {
        return threads;
    }

    public ByteBufAllocator allocator() {
        return allocator;
    }

    /** The event loop group; do not shut it down directly, {@link #close()} the runtime instead. */
    public EventLoopGroup group() {
        return group;
    }

    /**
     * A new server bootstrap on this runtime's group and transport, with {@code SO_REUSEADDR} on
     * the listening socket and {@code TCP_NODELAY} and the allocator on accepted connections. The
     * caller adds its {@code childHandler} and any further options, then binds.
     */
    public ServerBootstrap serverBootstrap() {
        return new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, allocator);
    }

    /** A new client bootstrap whose channels are registered on any loop of this runtime. */
    public Bootstrap bootstrap() {
        return clientBootstrap(group);
    }

    /**
     * A new client bootstrap whose channels are registered on {@code eventLoop}, which must belong
     * to this runtime; pass the loop of the channel the new connection works for.
     */
    public Bootstrap bootstrap(EventLoop eventLoop) {
        requireNonNull(eventLoop, "eventLoop");
        if (eventLoop.parent() != group) {
            throw new IllegalArgumentException("eventLoop: " + eventLoop + " (expected: a loop of " + this + ")");
        }
        return clientBootstrap(eventLoop);
    }

    private Bootstrap clientBootstrap(EventLoopGroup loops) {
        return new Bootstrap()
                .group(loops)
                .channel(transport.socketChannelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, allocator);
    }

    /** Whether the calling thread is one of this runtime's I/O threads (where nothing may block). */
    public boolean inEventLoop() {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    public boolean isShutdown() {
        return group.isShuttingDown();
    }

    /**
     * Starts a graceful shutdown without waiting for it: no new tasks after the quiet period, then
     * the loops stop. Close listening channels and connections first so they end cleanly.
     */
    public Future<?> shutdownGracefully() {
        return group.shutdownGracefully(shutdownQuietPeriod.toMillis(), shutdownTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Shuts down gracefully and waits for it, at most the shutdown timeout plus the quiet period.
     *
     * @throws IllegalStateException when called from one of this runtime's I/O threads
     */
    @Override
    public void close() {
        if (inEventLoop()) {
            throw new IllegalStateException(threadNamePrefix + " - close() called from its own I/O thread");
        }
        Future<?> terminated = shutdownGracefully();
        long waitMillis = shutdownQuietPeriod.plus(shutdownTimeout).toMillis();
        if (!terminated.awaitUninterruptibly(waitMillis)) {
            logger.warn("{} - I/O threads still running {} ms after shutdown started", threadNamePrefix, waitMillis);
        } else {
            logger.debug("{} - I/O threads stopped", threadNamePrefix);
        }
    }

    @Override
    public String toString() {
        return "EventLoopRuntime[" + threadNamePrefix + ", " + threads + " " + transport + " threads]";
    }
}

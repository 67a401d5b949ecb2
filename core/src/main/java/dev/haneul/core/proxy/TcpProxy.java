package dev.haneul.core.proxy;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.netty.EventLoopRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP endpoint: listens on one address and splices every accepted client connection to a backend
 * that a {@link BackendSelector} chooses for that connection. The bytes are not looked at, so any
 * protocol passes (MySQL, Redis, anything an NLB would carry).
 *
 * <pre>
 *  client ──▶ [client channel] ──ByteBuf──▶ [backend channel] ──▶ backend
 *         ◀──                  ◀──ByteBuf──                   ◀──
 *             one event loop serves both channels of a pair
 * </pre>
 *
 * <p>Flow of one connection:
 * <ol>
 *   <li>Accept with {@code AUTO_READ} off: nothing is read from the client yet.</li>
 *   <li>Ask the selector for a backend; none means close the client.</li>
 *   <li>Connect to the backend on the client channel's event loop (so the pair never
 *       synchronises), with the connect timeout. A failure closes the client.</li>
 *   <li>Read one chunk from each side. Each chunk read is written and flushed to the other side as
 *       the same {@code ByteBuf} (no copy in the proxy), and the next chunk is read from that side
 *       only once the write completed. A side that does not read therefore stops the other side's
 *       reads: memory per connection is bounded by one chunk per direction, whatever the payload.</li>
 *   <li>A FIN from one side shuts down the output towards the other (half-close); when both sides
 *       have sent FIN, both channels close. When one side closes or fails, the other closes once its
 *       in-flight write is flushed.</li>
 * </ol>
 *
 * <p>Linux {@code splice(2)} is not used: Netty's epoll splice needs edge-triggered reads with
 * {@code AUTO_READ} and a pipe per connection, and the request/response traffic this proxies
 * (small messages, one per round trip) would not gain from it.
 *
 * <p>Thread-safe. {@link #closeConnectionsTo} and {@link #close()} may be called from any thread
 * but block and so must not be called from an I/O thread.
 */
public final class TcpProxy implements AutoCloseable {

    /** Default for {@link TcpProxyBuilder#connectTimeout}: ample for a local backend, short enough to fail visibly. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #close()} and {@link #closeConnectionsTo} wait for channels to close. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    static final String IDLE_HANDLER = "idle";
    static final String CONNECT_HANDLER = "connect";
    static final String RELAY_HANDLER = "relay";

    private static final Logger logger = LoggerFactory.getLogger(TcpProxy.class);

    private final String name;
    private final EventLoopRuntime runtime;
    private final ConnectionTracker tracker = new ConnectionTracker();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Channel serverChannel;
    private final InetSocketAddress localAddress;

    private TcpProxy(TcpProxyBuilder builder) throws BindException {
        name = builder.name();
        runtime = builder.runtime();
        Bootstrap backendBootstrap = runtime.bootstrap()
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(builder.connectTimeout().toMillis()));
        InetSocketAddress bindAddress = builder.bindAddress();
        ChannelFuture bind = runtime.serverBootstrap()
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ProxyChannelInitializer(new ProxySettings(name, builder.selector(), tracker,
                        backendBootstrap, builder.idleTimeout())))
                .bind(bindAddress)
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            Throwable cause = bind.cause();
            BindException e = new BindException(name + " - cannot listen on " + format(bindAddress) + ": "
                    + cause.getMessage());
            e.initCause(cause);
            throw e;
        }
        serverChannel = bind.channel();
        localAddress = (InetSocketAddress) serverChannel.localAddress();
        logger.info("{} - listening on {}", name, format(localAddress));
    }

    /** Starts configuring a proxy served by {@code runtime}'s event loops. */
    public static TcpProxyBuilder builder(EventLoopRuntime runtime) {
        return new TcpProxyBuilder(runtime);
    }

    static TcpProxy start(TcpProxyBuilder builder) throws BindException {
        return new TcpProxy(builder);
    }

    public String name() {
        return name;
    }

    /** The address it listens on, with the actual port when bound to port 0. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Live counters. */
    public TcpProxyStats stats() {
        return tracker;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Closes every client connection currently assigned to {@code backend} (and its backend
     * connection) without waiting for in-flight data, so that those clients reconnect and are sent
     * elsewhere, as after a failover. Waits until they are closed.
     *
     * @return how many client connections were closed
     */
    public int closeConnectionsTo(InetSocketAddress backend) {
        requireNonNull(backend, "backend");
        checkNotInEventLoop("closeConnectionsTo");
        List<Channel> clients = tracker.clientsOf(backend);
        closeAndAwait(clients);
        logger.info("{} - closed {} connection(s) to {}", name, clients.size(), format(backend));
        return clients.size();
    }

    /**
     * Stops listening, then closes every connection; waits for both (the address can be bound
     * again when this returns). Idempotent.
     */
    @Override
    public void close() {
        checkNotInEventLoop("close");
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis())) {
            logger.warn("{} - listening channel not closed after {}", name, CLOSE_TIMEOUT);
        }
        List<Channel> clients = tracker.close();
        closeAndAwait(clients);
        logger.info("{} - closed ({} connection(s) dropped)", name, clients.size());
    }

    private void closeAndAwait(List<Channel> clients) {
        List<ChannelFuture> closing = new ArrayList<>(clients.size() * 2);
        for (Channel client : clients) {
            closing.add(client.close());
            Channel backend = client.attr(ConnectHandler.BACKEND_CHANNEL).get();
            if (backend != null) {
                closing.add(backend.close());
            }
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        for (ChannelFuture future : closing) {
            long left = deadline - System.nanoTime();
            if (!future.awaitUninterruptibly(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                logger.warn("{} - {} not closed after {}", name, future.channel(), CLOSE_TIMEOUT);
                return;
            }
        }
    }

    private void checkNotInEventLoop(String method) {
        if (runtime.inEventLoop()) {
            throw new IllegalStateException(name + " - " + method + "() blocks; do not call it from an I/O thread");
        }
    }

    static String format(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? '[' + host + ']' : host) + ':' + address.getPort();
    }

    @Override
    public String toString() {
        return "TcpProxy[" + name + ", " + format(localAddress) + (isOpen() ? "" : ", closed") + ']';
    }
}

package dev.haneul.elbv2.dataplane;

import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.netty.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The listening sockets of one listener address. With the epoll transport there is one per event
 * loop, all bound to the same address and port with {@code SO_REUSEPORT}: the kernel spreads new
 * connections over them, and each loop accepts only its own socket's connections and serves them
 * itself. A client that opens a connection per request ({@code Connection: close}) then costs no
 * hand-off from the accepting loop to another one, and accepting is not all on one loop. Elsewhere
 * it is one socket on the runtime's group, which accepts on one loop and hands connections round.
 *
 * <p>The kernel picks a socket by a hash of the connection's addresses and ports, so a few long
 * keep-alive connections can land unevenly (19 and 13 of 32, say), and one loop would then carry
 * more of the load for as long as they last. So a loop keeps a connection it accepted only while it
 * serves no more open connections than the least busy loop plus a quarter (at least one); otherwise
 * it hands that connection to the least busy loop, as the single socket does with every connection.
 * 32 connections then split 18/14 at worst. The margin matters with short connections: the counts
 * swing as they come and go, and with a margin of one a share of them was still handed over (11 %
 * more CPU per request with {@code Connection: close}, see docs/perf.md).
 *
 * <p>{@code SO_REUSEPORT} would let another socket with the option join the group and take a share
 * of the connections (another Haneul server given the same address range, say). So before binding a
 * port it is bound once without the option and let go: if anything listens there, that bind fails
 * and the listener moves on to its next candidate port, as it would without the option.
 */
final class ListenerSockets {

    private final List<Channel> channels;

    private ListenerSockets(List<Channel> channels) {
        this.channels = channels;
    }

    /**
     * Binds {@code host:port} (0: any free port) with {@code childHandler} on every accepted connection.
     *
     * @throws IOException when the port cannot be bound (taken, or the address is not usable)
     */
    static ListenerSockets bind(EventLoopRuntime runtime, String host, int port, ChannelHandler childHandler)
            throws IOException {
        if (runtime.transport() != Transport.EPOLL || runtime.threads() == 1) {
            ChannelFuture bind = runtime.serverBootstrap().childHandler(childHandler)
                    .bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
            if (!bind.isSuccess()) {
                throw failure(bind);
            }
            return new ListenerSockets(List.of(bind.channel()));
        }
        if (port != 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(host, port));
            }
        }
        List<EventLoop> loops = new ArrayList<>(runtime.threads());
        for (EventExecutor executor : runtime.group()) {
            loops.add((EventLoop) executor);
        }
        AtomicIntegerArray open = new AtomicIntegerArray(loops.size());
        List<Channel> bound = new ArrayList<>(loops.size());
        int actualPort = port;
        for (int i = 0; i < loops.size(); i++) {
            EventLoop loop = loops.get(i);
            ChannelFuture bind = new ServerBootstrap()
                    .group(loop, loop)
                    .channel(runtime.transport().serverChannelType())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(UnixChannelOption.SO_REUSEPORT, true)
                    .option(ChannelOption.ALLOCATOR, runtime.allocator())
                    .handler(new BalancingAcceptor(i, loops, open, childHandler, runtime.allocator()))
                    // Required by the bootstrap; the balancing acceptor adds it to each connection.
                    .childHandler(childHandler)
                    .bind(new InetSocketAddress(host, actualPort))
                    .awaitUninterruptibly();
            if (!bind.isSuccess()) {
                bound.forEach(channel -> channel.close().awaitUninterruptibly());
                throw failure(bind);
            }
            bound.add(bind.channel());
            actualPort = ((InetSocketAddress) bind.channel().localAddress()).getPort();
        }
        return new ListenerSockets(List.copyOf(bound));
    }

    /**
     * First handler of a loop's listening socket: registers each accepted connection with its
     * handler and options on this loop, or on the least busy one when this loop serves more than
     * a quarter beyond it (see the class comment). It takes the connection from
     * {@link ServerBootstrap}'s own acceptor, behind it, which then sees only accept errors.
     */
    private static final class BalancingAcceptor extends ChannelInboundHandlerAdapter {

        private final int self;
        private final List<EventLoop> loops;
        /** Open connections per loop, of this listener. */
        private final AtomicIntegerArray open;
        private final ChannelHandler childHandler;
        private final ByteBufAllocator allocator;

        BalancingAcceptor(int self, List<EventLoop> loops, AtomicIntegerArray open, ChannelHandler childHandler,
                          ByteBufAllocator allocator) {
            this.self = self;
            this.loops = loops;
            this.open = open;
            this.childHandler = childHandler;
            this.allocator = allocator;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Channel child)) {
                ctx.fireChannelRead(msg);
                return;
            }
            int target = self;
            int fewest = Integer.MAX_VALUE;
            for (int i = 0; i < loops.size(); i++) {
                int count = open.get(i);
                if (count < fewest) {
                    fewest = count;
                    target = i;
                }
            }
            if (open.get(self) <= fewest + Math.max(1, fewest / 4)) {
                target = self;
            }
            int loop = target;
            open.incrementAndGet(loop);
            child.pipeline().addLast(childHandler);
            child.config().setOption(ChannelOption.TCP_NODELAY, true);
            child.config().setAllocator(allocator);
            loops.get(loop).register(child).addListener(registered -> {
                if (registered.isSuccess()) {
                    child.closeFuture().addListener(closed -> open.decrementAndGet(loop));
                } else {
                    open.decrementAndGet(loop);
                    child.unsafe().closeForcibly();
                }
            });
        }
    }

    private static IOException failure(ChannelFuture bind) {
        Throwable cause = bind.cause();
        return cause instanceof IOException e ? e : new IOException(String.valueOf(cause), cause);
    }

    int port() {
        return ((InetSocketAddress) channels.get(0).localAddress()).getPort();
    }

    /** Stops listening; connections already accepted stay open. */
    void close() {
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}

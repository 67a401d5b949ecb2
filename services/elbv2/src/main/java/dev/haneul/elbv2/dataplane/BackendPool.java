package dev.haneul.elbv2.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Keep-alive connections from one load balancer to its targets, for the client connections of one
 * event loop. Every method runs on that loop, so nothing here is synchronised: a client connection
 * borrows a connection of its own loop, sends one request on it, and gives it back once the whole
 * response has been read, for the next request of any client connection on the loop (ALB
 * multiplexes client requests over target connections the same way; it never pipelines to a
 * target).
 *
 * <p>An idle connection keeps reading, so a target that closes it (or sends anything unasked) is
 * noticed at once and the connection leaves the pool. At most
 * {@value #MAX_IDLE_PER_TARGET} idle connections are kept per target.
 */
final class BackendPool {

    static final int MAX_IDLE_PER_TARGET = 512;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Map<InetSocketAddress, ArrayDeque<Channel>> idle = new HashMap<>();

    /**
     * @param template the runtime's client bootstrap; its channels are registered on {@code loop}
     */
    BackendPool(EventLoop loop, Bootstrap template, LoadBalancerRuntime lb, Duration connectTimeout) {
        this.loop = loop;
        this.bootstrap = template.clone(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        AlbPipeline.initBackend(ch.pipeline(), lb.settings().idleTimeout(), BackendPool.this);
                    }
                });
    }

    /** An idle connection to {@code address}, or {@code null}. */
    @Nullable Channel poll(InetSocketAddress address) {
        ArrayDeque<Channel> channels = idle.get(address);
        if (channels == null) {
            return null;
        }
        Channel channel;
        while ((channel = channels.pollLast()) != null) {
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /** A new connection to {@code target}, tracked so its drain can cut it. */
    ChannelFuture connect(TargetState target) {
        ChannelFuture future = bootstrap.connect(target.address);
        Channel channel = future.channel();
        target.channels.add(channel);
        channel.closeFuture().addListener(f -> target.channels.remove(channel));
        return future;
    }

    /** Takes back a connection whose response was fully read. */
    void release(Channel channel, InetSocketAddress address) {
        if (!channel.isActive()) {
            return;
        }
        ArrayDeque<Channel> channels = idle.computeIfAbsent(address, a -> new ArrayDeque<>());
        if (channels.size() >= MAX_IDLE_PER_TARGET) {
            channel.close();
            return;
        }
        channels.addLast(channel);
        if (!channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /** A pooled connection closed or misbehaved: forget it. */
    void remove(Channel channel, InetSocketAddress address) {
        ArrayDeque<Channel> channels = idle.get(address);
        if (channels != null) {
            channels.remove(channel);
        }
    }

    /** Closes every idle connection (the load balancer is going away); runs on the loop. */
    void closeIdle() {
        if (!loop.inEventLoop()) {
            loop.execute(this::closeIdle);
            return;
        }
        List<Channel> all = new ArrayList<>();
        idle.values().forEach(all::addAll);
        idle.clear();
        all.forEach(Channel::close);
    }
}

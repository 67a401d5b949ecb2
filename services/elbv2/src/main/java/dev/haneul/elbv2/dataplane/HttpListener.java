package dev.haneul.elbv2.dataplane;

import dev.haneul.core.netty.EventLoopRuntime;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Application Load Balancer's HTTP listener: a listening socket on the load balancer's address
 * whose connections run {@link AlbPipeline}'s client pipeline against the current
 * {@link HttpRoutes} (swapped whole by {@link #routes(HttpRoutes)}; requests already routed keep
 * the snapshot they started with).
 */
final class HttpListener implements Listener {

    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);

    final String arn;
    final LoadBalancerRuntime lb;
    private final Clock clock;
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;
    private final int port;
    /** {@link #port} as {@code X-Forwarded-Port} sends it, made once rather than per connection. */
    private final AsciiString portText;
    private volatile HttpRoutes routes;
    private volatile boolean closing;

    /**
     * Binds the first port of {@link ListenerBinder#candidates} that can be bound on {@code host}.
     *
     * @throws BindException when none can (the address itself is not usable)
     */
    HttpListener(EventLoopRuntime runtime, LoadBalancerRuntime lb, ListenerConfig config, String host, HttpRoutes routes,
                 Clock clock) throws BindException {
        this.arn = config.arn();
        this.lb = lb;
        this.clock = clock;
        this.routes = routes;
        ChannelInitializer<Channel> initializer = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                AlbPipeline.initClient(ch.pipeline(), HttpListener.this, lb.settings().idleTimeout());
            }
        };
        Channel bound = null;
        Throwable failure = null;
        for (int candidate : ListenerBinder.candidates(config.requestedPort(), config.boundPort())) {
            ChannelFuture bind = runtime.serverBootstrap()
                    .childHandler(initializer)
                    .bind(new InetSocketAddress(host, candidate))
                    .awaitUninterruptibly();
            if (bind.isSuccess()) {
                bound = bind.channel();
                break;
            }
            failure = bind.cause();
        }
        if (bound == null) {
            BindException e = new BindException("elbv2/" + lb.name() + " - cannot listen on " + host + ": "
                    + (failure == null ? "no port" : failure.getMessage()));
            e.initCause(failure);
            throw e;
        }
        server = bound;
        port = ((InetSocketAddress) bound.localAddress()).getPort();
        portText = AsciiString.of(Integer.toString(port));
        if (port != config.requestedPort()) {
            log.info("elbv2/{} - HTTP listener for port {} listens on {}:{} ({} could not be bound)", lb.name(),
                    config.requestedPort(), host, port, config.requestedPort());
        } else {
            log.info("elbv2/{} - HTTP listener on {}:{}", lb.name(), host, port);
        }
    }

    @Override
    public String arn() {
        return arn;
    }

    @Override
    public int port() {
        return port;
    }

    AsciiString portText() {
        return portText;
    }

    HttpRoutes routes() {
        return routes;
    }

    void routes(HttpRoutes newRoutes) {
        routes = newRoutes;
    }

    Clock clock() {
        return clock;
    }

    boolean closing() {
        return closing;
    }

    void track(Channel client) {
        clients.add(client);
    }

    @Override
    public int connections() {
        return clients.size();
    }

    @Override
    public void close() {
        closing = true;
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        log.info("elbv2/{} - HTTP listener on port {} closed", lb.name(), port);
    }
}

package dev.haneul.elbv2.dataplane;

import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.proxy.TcpProxy;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Network Load Balancer's TCP listener, on core's {@link TcpProxy}: each new connection gets a
 * target of the listener's target group, chosen once and kept for the connection's life, as an NLB
 * does. With {@code stickiness.type=source_ip} every connection of one client address goes to the
 * same target while it stays routable; without, connections spread by client address and port.
 * Bytes are spliced untouched.
 */
final class TcpListener implements Listener {

    /** An NLB's idle timeout for TCP flows. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(350);

    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

    private final String arn;
    private final TcpProxy proxy;
    private volatile HttpRoutes.ResolvedForward forward;

    TcpListener(EventLoopRuntime runtime, String lbName, ListenerConfig config, String host,
                HttpRoutes.ResolvedForward forward) throws BindException {
        this.arn = config.arn();
        this.forward = forward;
        TcpProxy started = null;
        BindException failure = null;
        for (int candidate : ListenerBinder.candidates(config.requestedPort(), config.boundPort())) {
            try {
                started = TcpProxy.builder(runtime)
                        .name("elbv2/" + lbName + "/tcp:" + config.requestedPort())
                        .bindAddress(host, candidate)
                        .idleTimeout(IDLE_TIMEOUT)
                        .connectTimeout(BackendPool.CONNECT_TIMEOUT)
                        .backendSelector((client, local, stats) -> select(client))
                        .start();
                break;
            } catch (BindException e) {
                failure = e;
            }
        }
        if (started == null) {
            throw failure;
        }
        proxy = started;
        if (port() != config.requestedPort()) {
            log.info("elbv2/{} - TCP listener for port {} listens on {}:{}", lbName, config.requestedPort(), host, port());
        }
    }

    private Optional<InetSocketAddress> select(InetSocketAddress client) {
        TargetGroupRuntime group = forward.pick();
        boolean sticky = group.config().settings().stickiness()
                .map(s -> s.type() == TargetGroupSettings.Stickiness.Type.SOURCE_IP).orElse(false);
        TargetState target = group.chooseForConnection(client.getAddress(), client.getPort(), sticky);
        if (target == null) {
            return Optional.empty();
        }
        target.requests.increment();
        return Optional.of(target.address);
    }

    void forward(HttpRoutes.ResolvedForward newForward) {
        forward = newForward;
    }

    /** Whether this listener forwards to {@code group}. */
    boolean uses(TargetGroupRuntime group) {
        for (TargetGroupRuntime g : forward.groups()) {
            if (g == group) {
                return true;
            }
        }
        return false;
    }

    /** Client connections now open to {@code target}. */
    int connectionsTo(InetSocketAddress target) {
        return proxy.stats().currentConnections(target);
    }

    /** Cuts the connections to a target whose drain ended; blocks, so not on an I/O thread. */
    void cut(InetSocketAddress target) {
        proxy.closeConnectionsTo(target);
    }

    @Override
    public String arn() {
        return arn;
    }

    @Override
    public int port() {
        return proxy.localAddress().getPort();
    }

    @Override
    public int connections() {
        return (int) proxy.stats().currentConnections();
    }

    @Override
    public void close() {
        proxy.close();
    }
}

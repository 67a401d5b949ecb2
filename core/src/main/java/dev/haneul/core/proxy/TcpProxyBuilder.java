package dev.haneul.core.proxy;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.netty.EventLoopRuntime;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Configures and starts a {@link TcpProxy}. Required: {@link #name}, {@link #bindAddress} and
 * {@link #backendSelector}; the rest has defaults.
 */
public final class TcpProxyBuilder {

    /** Longest connect timeout Netty accepts (an {@code int} of milliseconds). */
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    private final EventLoopRuntime runtime;
    private @Nullable String name;
    private @Nullable InetSocketAddress bindAddress;
    private @Nullable BackendSelector selector;
    private Duration connectTimeout = TcpProxy.DEFAULT_CONNECT_TIMEOUT;
    private @Nullable Duration idleTimeout;

    TcpProxyBuilder(EventLoopRuntime runtime) {
        this.runtime = requireNonNull(runtime, "runtime");
    }

    /** The name that prefixes its log lines and errors, for example {@code rds/mycluster/reader}. */
    public TcpProxyBuilder name(String name) {
        requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: not blank)");
        }
        this.name = name;
        return this;
    }

    /** The address to listen on, for example {@code 127.10.0.2:3306}; port 0 picks a free port. */
    public TcpProxyBuilder bindAddress(InetSocketAddress bindAddress) {
        requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isUnresolved()) {
            throw new IllegalArgumentException("bindAddress: " + bindAddress + " (expected: a resolved address)");
        }
        this.bindAddress = bindAddress;
        return this;
    }

    /** Same as {@code bindAddress(new InetSocketAddress(host, port))}; give an IP literal, not a name. */
    public TcpProxyBuilder bindAddress(String host, int port) {
        requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
        return bindAddress(new InetSocketAddress(host, port));
    }

    /** Chooses the backend of each new client connection. */
    public TcpProxyBuilder backendSelector(BackendSelector selector) {
        this.selector = requireNonNull(selector, "selector");
        return this;
    }

    /** How long a backend connect may take before the client is closed; default {@link TcpProxy#DEFAULT_CONNECT_TIMEOUT}. */
    public TcpProxyBuilder connectTimeout(Duration connectTimeout) {
        requirePositive(connectTimeout, "connectTimeout", "> 0 and <= " + MAX_CONNECT_TIMEOUT);
        if (connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
            throw new IllegalArgumentException("connectTimeout: " + connectTimeout + " (expected: > 0 and <= "
                    + MAX_CONNECT_TIMEOUT + ")");
        }
        this.connectTimeout = connectTimeout;
        return this;
    }

    /**
     * Closes a connection after this long without a byte in either direction; default: never (as
     * an NLB keeps idle flows for long and database clients hold idle pooled connections).
     */
    public TcpProxyBuilder idleTimeout(Duration idleTimeout) {
        this.idleTimeout = requirePositive(idleTimeout, "idleTimeout", "> 0");
        return this;
    }

    /**
     * Binds and starts accepting. Blocks until bound, so do not call it from an I/O thread.
     *
     * @throws BindException naming the proxy and the address when the address is in use, not
     *                       assignable on this machine, or otherwise cannot be bound
     * @throws IllegalStateException when a required option is missing or the runtime is shut down
     */
    public TcpProxy start() throws BindException {
        if (name == null) {
            throw new IllegalStateException("name: not set");
        }
        if (bindAddress == null) {
            throw new IllegalStateException(name + " - bindAddress: not set");
        }
        if (selector == null) {
            throw new IllegalStateException(name + " - backendSelector: not set");
        }
        if (runtime.isShutdown()) {
            throw new IllegalStateException(name + " - runtime: " + runtime + " (expected: not shut down)");
        }
        if (runtime.inEventLoop()) {
            throw new IllegalStateException(name + " - start() blocks; do not call it from an I/O thread");
        }
        return TcpProxy.start(this);
    }

    private static Duration requirePositive(Duration value, String name, String expected) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
        }
        return value;
    }

    EventLoopRuntime runtime() {
        return runtime;
    }

    // The required options below are read by TcpProxy.start(this), after start() checked them.

    String name() {
        return requireNonNull(name, "name");
    }

    InetSocketAddress bindAddress() {
        return requireNonNull(bindAddress, "bindAddress");
    }

    BackendSelector selector() {
        return requireNonNull(selector, "selector");
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@code null} for none. */
    @Nullable Duration idleTimeout() {
        return idleTimeout;
    }
}

package dev.haneul.core.proxy;

import io.netty.bootstrap.Bootstrap;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What every connection of one proxy shares: handed from {@link TcpProxy} through the
 * {@link ProxyChannelInitializer} to each connection's handlers.
 *
 * @param name             prefixes log lines
 * @param backendBootstrap template with the backend channel options, cloned per connection onto
 *                         the client channel's event loop
 * @param idleTimeout      {@code null} for none
 */
record ProxySettings(String name, BackendSelector selector, ConnectionTracker tracker, Bootstrap backendBootstrap,
                     @Nullable Duration idleTimeout) {
}

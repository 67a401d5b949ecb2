/**
 * TCP endpoint proxies: a listening address whose every accepted connection is spliced to a
 * backend chosen for that connection, the way Aurora's and ElastiCache's endpoints (and a Network
 * Load Balancer) route a new connection and then stay out of the protocol.
 *
 * <p>Public surface: {@link dev.haneul.core.proxy.TcpProxy} and its
 * {@link dev.haneul.core.proxy.TcpProxyBuilder}, the
 * {@link dev.haneul.core.proxy.BackendSelector} callback and the
 * {@link dev.haneul.core.proxy.TcpProxyStats} view. The Netty handlers behind them are
 * package-private. Everything is non-null unless documented otherwise.
 */
@NullMarked
package dev.haneul.core.proxy;

import org.jspecify.annotations.NullMarked;

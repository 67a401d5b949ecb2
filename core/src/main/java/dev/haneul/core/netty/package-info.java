/**
 * The one Netty runtime of a Haneul server: the event loop group shared by every data plane (the
 * API gateway, ALB listeners, DB and cache endpoint proxies), the transport that matches it
 * (epoll on Linux, NIO elsewhere), preconfigured bootstraps and graceful shutdown.
 *
 * <p>Types in this package expose Netty on purpose: it is the layer other data planes build on.
 * Everything is non-null unless documented otherwise.
 */
@NullMarked
package dev.haneul.core.netty;

import org.jspecify.annotations.NullMarked;

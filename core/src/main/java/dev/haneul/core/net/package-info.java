/**
 * Where endpoints listen: {@link dev.haneul.core.net.AddressAllocator} gives each resource a /24
 * of the loopback range and each endpoint an address on the resource's port (or, in
 * {@code ports} mode, a port of its own on 127.0.0.1), persisted so an endpoint keeps its address
 * across restarts.
 */
@NullMarked
package dev.haneul.core.net;

import org.jspecify.annotations.NullMarked;

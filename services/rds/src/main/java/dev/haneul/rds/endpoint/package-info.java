/**
 * The data plane of an Aurora cluster: one {@link dev.haneul.core.proxy.TcpProxy} per endpoint
 * (cluster, reader, each custom endpoint, each instance), each on its own loopback address and
 * the cluster's port, choosing a DB instance per new connection as Aurora's DNS does.
 *
 * <p>The control plane drives it through two immutable values only: a
 * {@link dev.haneul.rds.endpoint.Topology} (which instance is the writer, which are available,
 * where their engines listen) and, per custom endpoint, a
 * {@link dev.haneul.rds.endpoint.CustomMembership}. Selectors read the latest value on the I/O
 * thread without locks. This package never imports the API layer.
 */
@NullMarked
package dev.haneul.rds.endpoint;

import org.jspecify.annotations.NullMarked;

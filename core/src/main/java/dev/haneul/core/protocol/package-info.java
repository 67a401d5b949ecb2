/**
 * AWS wire protocols, driven by the service models: {@link dev.haneul.core.protocol.ServiceModel}
 * reads a botocore {@code service-2.json}; {@link dev.haneul.core.protocol.ProtocolCodecs} builds the
 * {@link dev.haneul.core.protocol.ProtocolCodec} its {@code metadata.protocol} names (query, ec2,
 * json, rest-xml, rest-json, in the subpackages); {@link dev.haneul.core.protocol.InputValidator}
 * checks a decoded input against the model. Values travel as value trees: maps keyed by member
 * name, lists, and scalars ({@link dev.haneul.core.protocol.Scalars}), a
 * {@link dev.haneul.core.protocol.StreamingBlob} for streaming payloads.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
@NullMarked
package dev.haneul.core.protocol;

import org.jspecify.annotations.NullMarked;

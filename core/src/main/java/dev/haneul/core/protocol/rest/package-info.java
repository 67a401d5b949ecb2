/**
 * The rest protocols ({@code rest-xml}: S3, CloudFront; {@code rest-json}): operations routed by
 * HTTP method and URI template, members bound to labels, query parameters, headers, prefix headers,
 * the status code and the payload. {@link dev.haneul.core.protocol.rest.RestCodec} holds what both
 * share; a service adapts host-style addressing with {@link dev.haneul.core.protocol.rest.HostAddressing}.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
@NullMarked
package dev.haneul.core.protocol.rest;

import org.jspecify.annotations.NullMarked;

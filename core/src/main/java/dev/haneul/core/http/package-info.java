/**
 * The HTTP/1.x proxy core shared by Haneul's HTTP data planes (the ALB now; the CloudFront edge
 * next): {@link dev.haneul.core.http.HttpMessageDecoder} splits a connection into parsed heads
 * ({@link dev.haneul.core.http.HttpHead}: the original bytes plus offsets, edited in place and
 * forwarded without re-encoding) and body slices (never copied), judging requests against
 * smuggling as ALB does; {@link dev.haneul.core.http.HttpInterceptor} is the seam where WAF
 * inspects the head and the first 8 KB of the body before routing;
 * {@link dev.haneul.core.http.HttpResponses} writes a proxy's own small answers.
 *
 * <p>Everything runs on one connection's event loop and is not thread-safe unless documented.
 * Non-null unless documented otherwise.
 */
@NullMarked
package dev.haneul.core.http;

import org.jspecify.annotations.NullMarked;

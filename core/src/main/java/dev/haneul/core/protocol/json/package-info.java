/**
 * The {@code json} protocol (1.0 and 1.1): operations named by {@code X-Amz-Target}, input and
 * output as JSON bodies, errors as {@code {"__type": …}} with {@code x-amzn-ErrorType}, and the
 * query-compatible error header.
 */
@NullMarked
package dev.haneul.core.protocol.json;

import org.jspecify.annotations.NullMarked;

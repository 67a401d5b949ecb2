package dev.haneul.core.http;

/**
 * What {@link HttpMessageDecoder} passes on when the bytes stop making sense: a head it cannot
 * read ({@code inBody} false; answer {@link #status()} if nothing was answered yet) or a malformed
 * chunked body ({@code inBody} true; the message's framing is lost). Either way the decoder reads
 * nothing more from the connection, which has to be closed.
 *
 * @param status the status a load balancer answers (400, 414, 501, 505 for requests; 502 for responses)
 * @param reason what was wrong, in http_desync_guardian's words where it has one
 * @param inBody whether the head had been passed on already
 */
public record HttpDecodeFailure(int status, String reason, boolean inBody) {
}

package dev.haneul.core.http;

/**
 * A head that cannot be read: the connection it came on must answer {@link #status()} (a request)
 * or fail the exchange (a response) and then be closed, since where the next message starts is
 * unknown. Carries no stack trace: it is a verdict on input, thrown on a hot path.
 */
public final class HttpHeadException extends Exception {

    private final int status;
    private final String reason;

    HttpHeadException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    /**
     * The status a load balancer answers a request with: 400 for malformed input and limits of the
     * headers, 414 for a request line over its limit, 501 for an unknown transfer coding, 505 for a
     * version other than HTTP/1.x.
     */
    public int status() {
        return status;
    }

    /** Why, in http_desync_guardian's words where it has one ({@code BadHeader}, {@code MultipleContentLength}, ...). */
    public String reason() {
        return reason;
    }
}

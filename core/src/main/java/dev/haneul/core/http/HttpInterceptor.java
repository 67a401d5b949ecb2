package dev.haneul.core.http;

/**
 * Something that looks at each request before it is routed and may answer it instead: the seam
 * where WAF plugs into the ALB and CloudFront data planes. The data plane calls
 * {@link #inspection} with the parsed head first; for {@link Inspection#HEAD_AND_BODY_PREFIX} it
 * then holds the body until {@value #BODY_PREFIX_LIMIT} bytes (or the whole body, if shorter) have
 * arrived, without reading more from the client, and calls {@link #inspect}. The verdict either lets
 * the request continue (possibly with fields added, as WAF adds its {@code x-amzn-waf-*} labels),
 * answers it (a block, a custom response, a challenge), or is {@linkplain HttpVerdict.Pending pending}
 * (the client is not read until it completes).
 *
 * <p>Both methods run on the connection's event loop and must not block; an interceptor that needs
 * to wait returns a pending verdict. A data plane without an interceptor pays nothing: it never
 * buffers, and never calls anything. Implementations must be thread-safe (every event loop calls
 * the same instance).
 */
public interface HttpInterceptor {

    /** How much of a body WAF inspects on ALB (AWS's fixed limit for regional web ACLs). */
    int BODY_PREFIX_LIMIT = 8 * 1024;

    /** What an interceptor wants to see of one request. */
    enum Inspection {
        /** Nothing: route the request at once. */
        NONE,
        /** The head (method, target, fields) and the client. */
        HEAD,
        /** The head and the first {@value HttpInterceptor#BODY_PREFIX_LIMIT} bytes of the body. */
        HEAD_AND_BODY_PREFIX
    }

    /** Decides from the head what {@link #inspect} needs; called once per request. */
    Inspection inspection(HttpHead head);

    /**
     * Judges the request. Fields added through {@link HttpVerdict.Continue} go to the target after
     * the load balancer's own; the request's buffers are only valid during this call (a pending
     * verdict copies what it keeps).
     */
    HttpVerdict inspect(InspectedRequest request);
}

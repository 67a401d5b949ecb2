package dev.haneul.elbv2.dataplane;

import io.netty.handler.codec.http.HttpContent;

/** The request a client connection is working on: forwarded to a target, or answered by the load balancer. */
interface Exchange {

    /** Whether more of the request's body is expected (its last part not received yet). */
    boolean acceptsBody();

    /** A part of the request's body. */
    void onRequestContent(HttpContent content);

    /** The client's read batch ended: flush what was passed on. */
    void onClientReadComplete();

    /** Whether the client connection should be read now (more body, and room to pass it on). */
    boolean wantsClientRead();

    /** The client connection can take more writes again. */
    void onClientWritable();

    /** The client connection closed or failed before the exchange ended. */
    void onClientClosed();

    /** The client connection idled past the idle timeout; returns whether to close it. */
    boolean onClientIdle();
}

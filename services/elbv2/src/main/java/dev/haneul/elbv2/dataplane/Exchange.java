package dev.haneul.elbv2.dataplane;

import io.netty.buffer.ByteBuf;

/**
 * The request a client connection is working on: forwarded to a target, held for an interceptor,
 * or answered by the load balancer.
 */
interface Exchange {

    /** Whether more of the request's body is expected (its end not received yet). */
    boolean acceptsBody();

    /** A part of the request's body, as received (chunk framing included); the exchange owns it. */
    void onRequestBody(ByteBuf part);

    /** The request's body ended. */
    void onRequestEnd();

    /** The request's chunk framing broke: its end will never be known. */
    void onRequestBroken();

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

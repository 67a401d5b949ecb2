package dev.haneul.elbv2.dataplane;

import io.netty.buffer.ByteBuf;

/**
 * A request the load balancer has already answered itself (fixed response, redirect, one of its
 * errors, an interceptor's answer): the rest of its body is read and dropped so the connection can
 * carry the next request.
 */
final class LocalExchange implements Exchange {

    private final FrontendHandler frontend;
    private boolean complete;

    LocalExchange(FrontendHandler frontend) {
        this.frontend = frontend;
    }

    @Override
    public boolean acceptsBody() {
        return !complete;
    }

    @Override
    public void onRequestBody(ByteBuf part) {
        part.release();
    }

    @Override
    public void onRequestEnd() {
        complete = true;
        frontend.exchangeDone(this, true);
    }

    @Override
    public void onRequestBroken() {
        complete = true;
        frontend.abort();
    }

    @Override
    public void onClientReadComplete() {
    }

    @Override
    public boolean wantsClientRead() {
        return !complete;
    }

    @Override
    public void onClientWritable() {
    }

    @Override
    public void onClientClosed() {
        complete = true;
    }

    @Override
    public boolean onClientIdle() {
        return true;
    }
}

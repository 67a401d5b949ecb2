package dev.haneul.core.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/** Counts the read() calls that pass it towards the head of the pipeline: how backpressure is observed. */
final class ReadCounter extends ChannelOutboundHandlerAdapter {
    int count;

    @Override
    public void read(ChannelHandlerContext ctx) {
        count++;
        ctx.read();
    }
}

package dev.haneul.bench;

import dev.haneul.core.netty.EventLoopRuntime;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;

/**
 * A Netty echo server for benchmarks: echoes every chunk and reads the next once it is written, so
 * that the backend is fast and never the part being measured.
 */
final class EchoBackend implements AutoCloseable {

    private final Channel server;

    EchoBackend(EventLoopRuntime runtime, InetSocketAddress bindAddress) throws InterruptedException {
        server = runtime.serverBootstrap()
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new Echo())
                .bind(bindAddress).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
    }

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg).addListener((ChannelFutureListener) future -> {
                if (future.isSuccess()) {
                    ctx.read();
                } else {
                    future.channel().close();
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

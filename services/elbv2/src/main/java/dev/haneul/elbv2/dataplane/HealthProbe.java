package dev.haneul.elbv2.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * One health check of one target, as ALB makes it: a new connection, then (HTTP) one
 * {@code GET path} with {@code User-Agent: ELB-HealthChecker/2.0} and {@code Connection: close},
 * judged by the status code alone; or (TCP) the connection alone. The connection is closed
 * afterwards. The checker times a probe out; a probe reports success or failure once.
 */
final class HealthProbe {

    /** How a probe ended. */
    interface Listener {
        void done(HealthProbe probe, boolean passed, @Nullable String reason, @Nullable String description);
    }

    final TargetState target;
    /** When it started, by the checker's clock (the schedule). */
    final long startedAt;
    /** When it started, in real time (its timeout: a check takes real time whatever a test's clock says). */
    final long startedNanos = System.nanoTime();
    private final Listener listener;
    private @Nullable Channel channel;
    private boolean finished;

    HealthProbe(TargetState target, long startedAt, Listener listener) {
        this.target = target;
        this.startedAt = startedAt;
        this.listener = listener;
    }

    /** Starts the probe on {@code bootstrap}'s event loop (the checker's). */
    void start(Bootstrap bootstrap, HealthCheckSettings settings) {
        InetSocketAddress address = settings.port().isPresent()
                ? new InetSocketAddress(target.address.getAddress(), settings.port().getAsInt())
                : target.address;
        boolean http = settings.protocol() == HealthCheckSettings.Protocol.HTTP;
        ChannelFuture connect = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, settings.timeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (http) {
                            ch.pipeline().addLast(new HttpClientCodec(), new ResponseHandler(settings));
                        }
                    }
                })
                .connect(address);
        Channel opened = connect.channel();
        channel = opened;
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                finish(false, "Target.FailedHealthChecks", "Health checks failed");
            } else if (!http) {
                finish(true, null, null);
            } else {
                FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, settings.path());
                request.headers().set(HttpHeaderNames.HOST, hostHeader(address));
                request.headers().set(HttpHeaderNames.USER_AGENT, "ELB-HealthChecker/2.0");
                request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.GZIP);
                opened.writeAndFlush(request).addListener(w -> {
                    if (!w.isSuccess()) {
                        finish(false, "Target.FailedHealthChecks", "Health checks failed");
                    }
                });
                opened.closeFuture().addListener(c ->
                        finish(false, "Target.FailedHealthChecks", "Health checks failed"));
            }
        });
    }

    private static String hostHeader(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Ends the probe as timed out. */
    void timeOut() {
        finish(false, "Target.Timeout", "Request timed out");
    }

    boolean finished() {
        return finished;
    }

    private void finish(boolean passed, @Nullable String reason, @Nullable String description) {
        if (finished) {
            return;
        }
        finished = true;
        if (channel != null) {
            channel.close();
        }
        listener.done(this, passed, reason, description);
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
        private final HealthCheckSettings settings;

        ResponseHandler(HealthCheckSettings settings) {
            this.settings = settings;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse response) {
                int code = response.status().code();
                if (msg.decoderResult().isFailure()) {
                    finish(false, "Target.FailedHealthChecks", "Health checks failed");
                } else if (settings.matcher().matches(code)) {
                    finish(true, null, null);
                } else {
                    finish(false, "Target.ResponseCodeMismatch", "Health checks failed with these codes: [" + code + "]");
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(false, "Target.FailedHealthChecks", "Health checks failed");
        }
    }
}

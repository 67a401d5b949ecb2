package dev.haneul.bench;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeadException;
import dev.haneul.core.http.HttpHeadParser;
import dev.haneul.core.http.HttpHeaderNames;
import dev.haneul.core.http.HttpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one proxied request's heads cost, the ALB's way: read the client's request head, make the
 * load balancer's edits (X-Forwarded-*, X-Amzn-Trace-Id, Host, hop-by-hop) and write it for the
 * target; read the target's response head, drop its hop-by-hop fields, add the two stickiness
 * cookies and write it for the client. {@code codec=netty} is the path before the proxy core
 * (Netty's HTTP decoder into {@code DefaultHttpHeaders}, then its encoder), {@code codec=haneul}
 * the proxy core ({@link HttpHeadParser}: original bytes plus offsets, edits, one copy out).
 *
 * <p>Run with the allocation profiler, the steadier figure on a busy machine:
 * <pre>
 *   $JAVA_HOME/bin/java -cp "$CP" org.openjdk.jmh.Main HttpHeadBenchmark -prof gc
 * </pre>
 * ({@code gc.alloc.rate.norm} is bytes allocated per request; see bench/README.md for {@code CP}).
 */
@State(Scope.Thread)
public class HttpHeadBenchmark extends AbstractBenchmark {

    private static final String REQUEST = "GET /api/items?page=2 HTTP/1.1\r\nHost: shop.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n"
            + "Cookie: session=4f1a2b; AWSALB=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG9mcmVk\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n"
            + "Date: Mon, 07 Dec 2026 16:00:00 GMT\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n"
            + "Connection: keep-alive\r\nX-Backend: 1\r\n\r\n" + "x".repeat(100);
    private static final AsciiString XFF = AsciiString.cached("x-forwarded-for");
    private static final AsciiString XFP = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString XFPORT = AsciiString.cached("x-forwarded-port");
    private static final AsciiString TRACE = AsciiString.cached("x-amzn-trace-id");
    private static final AsciiString COOKIE_LINE = AsciiString.of(
            "AWSALB=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG9mcmVk; Expires=Mon, 14 Dec 2026 16:00:00 GMT; Path=/");
    private static final AsciiString CORS_LINE = AsciiString.of("AWSALBCORS=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2F"
            + "ycGx5d2FsZG9mcmVk; Expires=Mon, 14 Dec 2026 16:00:00 GMT; Path=/; SameSite=None; Secure");
    private static final AsciiString CLIENT = AsciiString.cached("127.0.0.1");
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString PORT = AsciiString.cached("80");
    private static final AsciiString TRACE_ID = AsciiString.cached("Root=1-6932a1f0-0123456789abcdef01234567");

    @Param({"netty", "haneul"})
    public String codec;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf request;
    private ByteBuf response;
    private HttpHeadParser requests;
    private HttpHeadParser responses;
    private EmbeddedChannel requestDecoder;
    private EmbeddedChannel requestEncoder;
    private EmbeddedChannel responseDecoder;
    private EmbeddedChannel responseEncoder;

    @Setup
    public void setUp() {
        request = Unpooled.directBuffer().writeBytes(REQUEST.getBytes(StandardCharsets.US_ASCII));
        response = Unpooled.directBuffer().writeBytes(RESPONSE.getBytes(StandardCharsets.US_ASCII));
        requests = HttpHeadParser.forRequests();
        responses = HttpHeadParser.forResponses();
        requestDecoder = new EmbeddedChannel(new HttpRequestDecoder());
        requestEncoder = new EmbeddedChannel(new HttpRequestEncoder());
        responseDecoder = new EmbeddedChannel(new HttpResponseDecoder());
        responseEncoder = new EmbeddedChannel(new HttpResponseEncoder());
    }

    @TearDown
    public void tearDown() {
        request.release();
        response.release();
        requestDecoder.finishAndReleaseAll();
        requestEncoder.finishAndReleaseAll();
        responseDecoder.finishAndReleaseAll();
        responseEncoder.finishAndReleaseAll();
    }

    @Benchmark
    public int requestAndResponse() throws HttpHeadException {
        return codec.equals("netty") ? netty() : haneul();
    }

    private int haneul() throws HttpHeadException {
        HttpHead in = requireNonNull(requests.parse(request.duplicate())); // a whole head
        String existing = in.get(XFF);
        in.set(XFF, existing == null ? CLIENT : existing + ", " + CLIENT);
        in.set(XFP, HTTP);
        in.set(XFPORT, PORT);
        in.set(TRACE, TRACE_ID);
        in.removeAll(HttpHeaderNames.CONNECTION);
        in.version(HttpVersion.HTTP_1_1);
        ByteBuf out = in.encode(alloc);
        int n = out.readableBytes();
        out.release();
        ByteBuf wire = response.duplicate();
        HttpHead back = requireNonNull(responses.parse(wire)); // a whole head
        n += wire.readableBytes();
        back.removeAll(HttpHeaderNames.CONNECTION);
        back.add(HttpHeaderNames.SET_COOKIE, COOKIE_LINE);
        back.add(HttpHeaderNames.SET_COOKIE, CORS_LINE);
        out = back.encode(alloc);
        n += out.readableBytes();  // the body would be a slice of wire, passed on as it is
        out.release();
        return n;
    }

    private int netty() {
        requestDecoder.writeInbound(request.retainedDuplicate());
        HttpRequest in = (HttpRequest) requestDecoder.readInbound();
        Object inEnd = requestDecoder.readInbound();
        HttpHeaders headers = in.headers();
        String existing = headers.get(XFF);
        headers.set(XFF, existing == null ? CLIENT : existing + ", " + CLIENT);
        headers.set(XFP, HTTP);
        headers.set(XFPORT, PORT);
        headers.set(TRACE, TRACE_ID);
        headers.remove(HttpHeaderNames.CONNECTION);
        requestEncoder.writeOutbound(in, inEnd);
        int n = drain(requestEncoder);
        responseDecoder.writeInbound(response.retainedDuplicate());
        HttpResponse back = (HttpResponse) responseDecoder.readInbound();
        Object body = responseDecoder.readInbound();
        back.headers().remove(HttpHeaderNames.CONNECTION);
        back.headers().add(HttpHeaderNames.SET_COOKIE, COOKIE_LINE);
        back.headers().add(HttpHeaderNames.SET_COOKIE, CORS_LINE);
        responseEncoder.writeOutbound(back, body);
        return n + drain(responseEncoder);
    }

    private static int drain(EmbeddedChannel channel) {
        int n = 0;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            n += out.readableBytes();
            out.release();
        }
        return n;
    }
}

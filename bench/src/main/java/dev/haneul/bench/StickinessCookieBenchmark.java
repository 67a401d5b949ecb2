package dev.haneul.bench;

import dev.haneul.elbv2.dataplane.StickinessCookieCodec;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The stickiness cookie codec: sealing a value for a response ({@code encodeCached}: the same
 * target within one second, what a busy listener does; {@code encodeFresh}: a new expiry every
 * time, the cost of one AES block) and opening the value a request brings ({@code decodeCached}:
 * a client sending the same cookie again; {@code decodeFresh}: a value never seen, base64 plus
 * one AES block).
 *
 * <pre>
 * java -cp "$CP" org.openjdk.jmh.Main StickinessCookieBenchmark
 * </pre>
 */
@State(Scope.Thread)
public class StickinessCookieBenchmark extends AbstractBenchmark {

    private StickinessCookieCodec codec;
    private int scope;
    private long subject;
    private long second;
    private String value;
    private String[] fresh;
    private int next;

    @Setup
    public void setUp() {
        codec = new StickinessCookieCodec("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        scope = StickinessCookieCodec.scope("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef");
        subject = StickinessCookieCodec.subject("10.0.0.1:8080");
        second = 1_800_000_000L;
        value = codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, subject, second);
        fresh = new String[4096];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, subject, second + 100 + i);
        }
    }

    @Benchmark
    public String encodeCached() {
        return codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, subject, second);
    }

    @Benchmark
    public String encodeFresh() {
        return codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, subject, second + 10_000 + (next++ & 0xffffff));
    }

    @Benchmark
    public StickinessCookieCodec.@Nullable Opened decodeCached() {
        return codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, value);
    }

    @Benchmark
    public StickinessCookieCodec.@Nullable Opened decodeFresh() {
        return codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, fresh[next++ & (fresh.length - 1)]);
    }
}

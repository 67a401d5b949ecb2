package dev.haneul.bench;

import static java.util.Objects.requireNonNull;

import dev.haneul.elbv2.dataplane.Condition;
import dev.haneul.elbv2.dataplane.ListenerRule;
import dev.haneul.elbv2.dataplane.RuleAction;
import dev.haneul.elbv2.dataplane.RuleMatcher;
import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeadException;
import dev.haneul.core.http.HttpHeadParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ALB rule matcher on every request: a listener with {@code rules} rules (path patterns with
 * wildcards, a host rule, a header rule, a query-string rule), matched against a request that hits
 * the last rule, the default rule, or a rule near the top.
 *
 * <pre>
 * java -cp "$CP" org.openjdk.jmh.Main RuleMatcherBenchmark
 * java -cp "$CP" org.openjdk.jmh.Main RuleMatcherBenchmark -p rules=100 -p request=fallthrough
 * </pre>
 * ({@code CP} as in {@code bench/README.md}.)
 */
@State(Scope.Benchmark)
public class RuleMatcherBenchmark extends AbstractBenchmark {

    /** Rules before the default rule (ALB allows 100 per load balancer). */
    @Param({"10", "100"})
    public int rules;

    /** {@code first}: the first rule matches; {@code last}: the last non-default one; {@code fallthrough}: none. */
    @Param({"first", "last", "fallthrough"})
    public String request;

    private RuleMatcher matcher;
    private HttpHead input;
    private InetAddress client;

    @Setup
    public void setUp() throws UnknownHostException {
        List<ListenerRule> list = new ArrayList<>();
        RuleAction forward = RuleAction.Forward.to("arn:tg");
        for (int i = 1; i <= rules; i++) {
            List<Condition> conditions = switch (i % 4) {
                case 0 -> List.of(new Condition.PathPattern(List.of("/api/v" + i + "/*", "/svc" + i + "/*/items")));
                case 1 -> List.of(new Condition.HostHeader(List.of("app" + i + ".example.com")),
                        new Condition.PathPattern(List.of("/static/*")));
                case 2 -> List.of(new Condition.HttpHeader("User-Agent", List.of("*Bot" + i + "*")));
                default -> List.of(new Condition.QueryString(List.of(new Condition.KeyValue("version", "v" + i + "*"))));
            };
            list.add(new ListenerRule(Integer.toString(i), conditions, forward));
        }
        list.add(ListenerRule.defaultRule(forward));
        matcher = RuleMatcher.compile(list);
        String uri = switch (request) {
            case "first" -> "/static/app.js";
            case "last" -> "/api/v" + rules + "/users?page=2";
            default -> "/nothing/here?version=x";
        };
        input = parse("GET " + uri + " HTTP/1.1\r\nHost: " + (request.equals("first") ? "app1.example.com"
                : "www.example.com") + "\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0\r\n\r\n");
        client = InetAddress.getByName("10.1.2.3");
    }

    @Benchmark
    public int match() {
        return matcher.match(input, client);
    }

    private static HttpHead parse(String wire) {
        ByteBuf in = Unpooled.copiedBuffer(wire, StandardCharsets.ISO_8859_1);
        try {
            return requireNonNull(HttpHeadParser.forRequests().parse(in), "a whole head");
        } catch (HttpHeadException e) {
            throw new IllegalStateException(e.reason(), e);
        } finally {
            in.release();
        }
    }
}

package dev.haneul.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.wafv2.engine.CompiledWebAcl;
import dev.haneul.wafv2.engine.ManagedRuleGroups;
import dev.haneul.wafv2.engine.ReferenceResolver;
import dev.haneul.wafv2.engine.WafDecision;
import dev.haneul.wafv2.engine.WafRequest;
import dev.haneul.wafv2.engine.WebAclCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of judging one request with a web ACL holding AWSManagedRulesCommonRuleSet,
 * AWSManagedRulesSQLiRuleSet and AWSManagedRulesKnownBadInputsRuleSet (1,100 WCUs, 39 rules, what
 * the WAF runs on the ALB's event loop for every request). {@code request}: {@code browse} a
 * browser's GET with a query and cookies (every rule runs), {@code form} a POST of a 1 KB
 * urlencoded form with apostrophes, {@code json} a POST of a 4 KB JSON document, {@code attack} a
 * SQL injection in a query argument (stops at the SQLi group). Target: ≤ 50 µs for a typical request.
 *
 * <pre>
 * java -cp "$CP" org.openjdk.jmh.Main WafEvaluationBenchmark
 * java -cp "$CP" org.openjdk.jmh.Main WafEvaluationBenchmark -p request=browse -prof gc
 * </pre>
 * ({@code CP} as in {@code bench/README.md}.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WafEvaluationBenchmark extends AbstractBenchmark {

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";

    @Param({"browse", "form", "json", "attack"})
    public String request;

    private CompiledWebAcl acl;
    private WafRequest wafRequest;

    @Setup
    public void setUp() throws IOException {
        StringBuilder rules = new StringBuilder();
        String[] groups = {"AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet"};
        for (int i = 0; i < groups.length; i++) {
            rules.append(i > 0 ? "," : "").append("{\"Name\":\"").append(groups[i]).append("\",\"Priority\":").append(i)
                    .append(",\"Statement\":{\"ManagedRuleGroupStatement\":{\"VendorName\":\"AWS\",\"Name\":\"")
                    .append(groups[i]).append("\"}},\"OverrideAction\":{\"None\":{}},\"VisibilityConfig\":")
                    .append("{\"SampledRequestsEnabled\":true,\"CloudWatchMetricsEnabled\":true,\"MetricName\":\"")
                    .append(groups[i]).append("\"}}");
        }
        JsonNode webAcl = new ObjectMapper().readTree("{\"Name\":\"bench\",\"Id\":\"1\",\"ARN\":"
                + "\"arn:aws:wafv2:us-east-1:000000000000:regional/webacl/bench/1\",\"DefaultAction\":{\"Allow\":{}},"
                + "\"Rules\":[" + rules + "],\"VisibilityConfig\":{\"MetricName\":\"bench\"}}");
        acl = new WebAclCompiler(ReferenceResolver.NONE, ManagedRuleGroups.aws()).compile(webAcl);
        String[] headers = {"Host", "127.10.0.5", "User-Agent", UA, "Accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Accept-Language", "en-US,en;q=0.5",
            "Accept-Encoding", "gzip, deflate", "Cookie", "session=3f9a2c1b7d8e4f60; theme=dark; lang=en",
            "Referer", "http://127.10.0.5/board", "Connection", "keep-alive"};
        wafRequest = switch (request) {
            case "browse" -> WafRequest.get("/board/posts?page=2&sort=-created_at&q=hello+world", "127.0.0.1", headers);
            case "form" -> WafRequest.of("POST", "/board/posts", "127.0.0.1", ("title=Hello&author=Jane+O%27Neil&body="
                    + "It%27s+a+great+day%2C+isn%27t+it%3F+".repeat(24)).getBytes(StandardCharsets.US_ASCII), headers);
            case "json" -> WafRequest.of("POST", "/api/v1/posts", "127.0.0.1", ("{\"items\":["
                    + "{\"id\":1,\"title\":\"It's my first post\",\"tags\":[\"intro\",\"hello\"]},".repeat(60)
                    + "{\"id\":0}]}").getBytes(StandardCharsets.US_ASCII), headers);
            case "attack" -> WafRequest.get("/board/posts?id=1%27%20OR%201=1--", "127.0.0.1", headers);
            default -> throw new IllegalArgumentException(request);
        };
        String expected = request.equals("attack") ? "BLOCK" : "ALLOW";
        if (!acl.evaluate(wafRequest, 0).action().equals(expected)) {
            throw new IllegalStateException(request + ": expected " + expected);
        }
    }

    @Benchmark
    public WafDecision evaluate() {
        return acl.evaluate(wafRequest, System.currentTimeMillis());
    }
}

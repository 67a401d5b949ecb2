package dev.haneul.bench;

import dev.haneul.iam.policy.CompiledPolicy;
import dev.haneul.iam.policy.Decision;
import dev.haneul.iam.policy.Evaluator;
import dev.haneul.iam.policy.PolicySet;
import dev.haneul.iam.policy.PolicySource;
import dev.haneul.iam.policy.PolicyType;
import dev.haneul.iam.policy.Principal;
import dev.haneul.iam.policy.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The cost of one IAM authorization decision (the evaluator enforcement runs on every API call):
 * a user with {@code policies} attached policies of AWS-managed-policy size (ten statements each,
 * 5–40 actions per statement with wildcards, ARN patterns, and a few conditions: region, source
 * IP, TLS, a tag compared with a {@code ${aws:PrincipalTag/…}} variable). {@code request}:
 * {@code allowed} is allowed by the last policy only (every statement is scanned),
 * {@code denied} is denied explicitly, {@code implicit} matches nothing. Target: ≤ 20 µs with 10
 * policies. Policies are compiled once in setup, as the IAM store will keep them.
 *
 * <pre>
 * java -cp "$CP" org.openjdk.jmh.Main IamEvaluatorBenchmark
 * java -cp "$CP" org.openjdk.jmh.Main IamEvaluatorBenchmark -p policies=10 -p request=allowed
 * </pre>
 * ({@code CP} as in {@code bench/README.md}.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IamEvaluatorBenchmark extends AbstractBenchmark {

    private static final String ACCOUNT = "000000000000";
    private static final String[] SERVICES = {"ec2", "s3", "elasticache", "elasticloadbalancing", "wafv2", "iam",
        "cloudwatch", "logs", "sns", "sqs"};
    private static final String[] VERBS = {"Describe", "List", "Get", "Create", "Modify", "Delete", "Put", "Tag"};
    private static final String[] NOUNS = {"Instances", "Clusters", "Snapshots", "Groups", "Rules", "Policies",
        "Buckets", "Objects", "Subscriptions", "Parameters"};

    /** Attached policies: 1, 10 (the target), 50 (500 statements). */
    @Param({"1", "10", "50"})
    public int policies;

    @Param({"allowed", "denied", "implicit"})
    public String request;

    private Evaluator evaluator;
    private PolicySet policySet;
    private RequestContext context;

    @Setup
    public void setUp() {
        List<CompiledPolicy> attached = new ArrayList<>();
        for (int p = 0; p < policies; p++) {
            attached.add(CompiledPolicy.parse(document(p, p == policies - 1), PolicyType.IDENTITY,
                    PolicySource.managed("arn:aws:iam::" + ACCOUNT + ":policy/Policy" + p,
                            PolicySource.Type.USER_MANAGED)));
        }
        policySet = PolicySet.of(attached);
        evaluator = new Evaluator();
        Principal dev = Principal.user(ACCOUNT, "/", "dev", "AIDADEV", Map.of("team", "board"));
        String action = switch (request) {
            case "allowed" -> "rds:DeleteDBCluster";
            case "denied" -> "rds:DeleteDBInstance";
            default -> "kms:Decrypt";
        };
        context = RequestContext.builder(dev, action)
                .resource("arn:aws:rds:us-east-1:" + ACCOUNT + ":cluster:board-db")
                .sourceIp("10.1.2.3").secureTransport(true).requestedRegion("us-east-1")
                .currentTime(Instant.parse("2025-06-01T12:00:00Z"))
                .resourceTags(Map.of("team", "board", "env", "dev"), "rds:cluster-tag/")
                .build();
        Decision check = evaluator.evaluate(policySet, context);
        if (!check.decision().wireName().equals(switch (request) {
            case "allowed" -> "allowed";
            case "denied" -> "explicitDeny";
            default -> "implicitDeny";
        })) {
            throw new IllegalStateException("benchmark request " + request + " decided " + check.decision());
        }
    }

    @Benchmark
    public Decision decide() {
        return evaluator.evaluate(policySet, context);
    }

    /** Ten statements of another service's actions; the last policy also holds the RDS grants. */
    static String document(int index, boolean last) {
        StringBuilder json = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int s = 0; s < 10; s++) {
            String service = SERVICES[(index + s) % SERVICES.length];
            if (s > 0) {
                json.append(',');
            }
            json.append("{\"Sid\":\"S").append(s).append("\",\"Effect\":\"Allow\",\"Action\":[");
            int actions = 5 + (index * 7 + s * 3) % 36;
            for (int a = 0; a < actions; a++) {
                json.append(a > 0 ? "," : "").append('"').append(service).append(':')
                        .append(VERBS[a % VERBS.length]).append(NOUNS[(a + s) % NOUNS.length])
                        .append(a % 9 == 0 ? "*" : "").append('"');
            }
            json.append("],\"Resource\":[\"arn:aws:").append(service).append(":*:").append(ACCOUNT)
                    .append(":thing-").append(s).append("/*\",\"arn:aws:").append(service).append(":us-east-1:")
                    .append(ACCOUNT).append(":other/").append(index).append("\"]");
            json.append(switch (s % 5) {
                case 0 -> ",\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":[\"us-east-1\",\"eu-west-1\"]}}";
                case 1 -> ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.0.2.0/24\"]},"
                        + "\"Bool\":{\"aws:SecureTransport\":\"true\"}}";
                case 2 -> ",\"Condition\":{\"StringLike\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}";
                default -> "";
            });
            json.append('}');
        }
        if (last) {
            json.append(",{\"Sid\":\"Rds\",\"Effect\":\"Allow\",\"Action\":[\"rds:Describe*\",\"rds:DeleteDBCluster\","
                    + "\"rds:DeleteDBInstance\"],\"Resource\":\"arn:aws:rds:*:" + ACCOUNT + ":cluster:*\","
                    + "\"Condition\":{\"StringEquals\":{\"rds:cluster-tag/team\":\"${aws:PrincipalTag/team}\"},"
                    + "\"DateGreaterThan\":{\"aws:CurrentTime\":\"2024-01-01T00:00:00Z\"}}}"
                    + ",{\"Sid\":\"NoInstanceDeletes\",\"Effect\":\"Deny\",\"Action\":\"rds:DeleteDBInstance\","
                    + "\"Resource\":\"*\"}");
        }
        return json.append("]}").toString();
    }
}

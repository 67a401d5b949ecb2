package dev.haneul.bench;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.state.ScopedStore;
import dev.haneul.iam.auth.PolicyResolver;
import dev.haneul.iam.policy.Decision;
import dev.haneul.iam.policy.Evaluator;
import dev.haneul.iam.policy.PolicySet;
import dev.haneul.iam.policy.Principal;
import dev.haneul.iam.policy.RequestContext;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
 * One authorization decision as {@code HANEUL_AUTH=iam} makes it on every call: read the IAM
 * state, gather the user's policies (the compiled-policy cache hit for each attached one), decide.
 * The user has {@code policies} customer managed policies attached, the documents of
 * {@link IamEvaluatorBenchmark}; the request is allowed by the last one. Target: ≤ 20 µs with 10.
 *
 * <pre>
 * java -cp "$CP" org.openjdk.jmh.Main IamAuthorizationBenchmark -p policies=10
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IamAuthorizationBenchmark extends AbstractBenchmark {

    private static final String ACCOUNT = "000000000000";

    @Param({"1", "10"})
    public int policies;

    private IamStore store;
    private PolicyResolver resolver;
    private Evaluator evaluator;
    private RequestContext context;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("iam-bench");
        store = new IamStore(ScopedStore.open(dir, "iam", IamState.class, IamState::new), ACCOUNT, Clock.systemUTC());
        store.write(state -> {
            IamState.User user = new IamState.User();
            user.name = "dev";
            user.id = "AIDADEV";
            user.tags.put("team", "board");
            for (int p = 0; p < policies; p++) {
                IamState.ManagedPolicy policy = new IamState.ManagedPolicy();
                policy.name = "Policy" + p;
                policy.arn = store.policyArn("/", policy.name);
                IamState.PolicyVersion v1 = new IamState.PolicyVersion();
                v1.document = IamEvaluatorBenchmark.document(p, p == policies - 1);
                policy.versions.add(v1);
                state.policies.put(policy.arn, policy);
                user.attachedPolicies.add(policy.arn);
            }
            state.users.put("dev", user);
            return state;
        });
        resolver = new PolicyResolver(store);
        evaluator = new Evaluator();
        Principal dev = Principal.user(ACCOUNT, "/", "dev", "AIDADEV", Map.of("team", "board"));
        context = RequestContext.builder(dev, "rds:DeleteDBCluster")
                .resource("arn:aws:rds:us-east-1:" + ACCOUNT + ":cluster:board-db")
                .sourceIp("10.1.2.3").secureTransport(true).requestedRegion("us-east-1")
                .currentTime(Instant.parse("2025-06-01T12:00:00Z"))
                .resourceTags(Map.of("team", "board", "env", "dev"), "rds:cluster-tag/")
                .build();
        if (!decide().allowed()) {
            throw new IllegalStateException("the benchmark request is not allowed");
        }
    }

    @Benchmark
    public Decision decide() {
        return store.read(state -> {
            PolicySet set = resolver.forUser(state, requireNonNull(state.users.get("dev")));
            return evaluator.evaluate(set, context);
        });
    }
}

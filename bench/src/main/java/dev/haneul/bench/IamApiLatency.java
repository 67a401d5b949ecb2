package dev.haneul.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * API latency with and without IAM enforcement, as an SDK user meets it: two running servers, one
 * {@code HANEUL_AUTH=none} and one {@code HANEUL_AUTH=iam} (called with an IAM user's key, so every
 * call is authorized), called in alternating batches so both see the same machine load. Each call
 * is timed alone (one keep-alive connection per client); prints p50/p99 per server and operation
 * and the iam/none ratios. Run by {@code bench/iam-api.sh}, which starts the servers and the user.
 *
 * <pre>
 * IamApiLatency NONE_URL IAM_URL IAM_KEY IAM_SECRET [CALLS] [BATCH]
 * </pre>
 */
public final class IamApiLatency {

    private IamApiLatency() {}

    /** One server as the benchmark calls it. */
    private record Target(String name, StsClient sts, RdsClient rds) {}

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: IamApiLatency NONE_URL IAM_URL IAM_KEY IAM_SECRET [CALLS] [BATCH]");
            System.exit(2);
        }
        int calls = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 100;
        List<Target> targets = List.of(target("none", args[0], "test", "test"), target("iam", args[1], args[2], args[3]));
        Map<String, long[]> samples = new LinkedHashMap<>();
        Map<String, Integer> filled = new LinkedHashMap<>();
        for (Target t : targets) {
            for (String op : List.of("GetCallerIdentity", "DescribeDBClusters")) {
                samples.put(t.name() + " " + op, new long[calls]);
                filled.put(t.name() + " " + op, 0);
            }
        }
        // Warm-up: JIT, connections, caches (compiled policies), not measured.
        for (Target t : targets) {
            for (int i = 0; i < Math.min(500, calls); i++) {
                t.sts().getCallerIdentity();
                t.rds().describeDBClusters();
            }
        }
        for (int round = 0; round * batch < calls; round++) {
            List<Target> order = new ArrayList<>(targets);
            if (round % 2 == 1) {
                order = order.reversed();
            }
            for (Target t : order) {
                for (int i = 0; i < batch && round * batch + i < calls; i++) {
                    record(samples, filled, t.name() + " GetCallerIdentity", () -> t.sts().getCallerIdentity());
                    record(samples, filled, t.name() + " DescribeDBClusters", () -> t.rds().describeDBClusters());
                }
            }
        }
        System.out.println("| operation | mode | calls | p50 (ms) | p99 (ms) | mean (ms) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, long[]> entry : samples.entrySet()) {
            long[] values = Arrays.copyOf(entry.getValue(), filled.getOrDefault(entry.getKey(), 0));
            Arrays.sort(values);
            String[] parts = entry.getKey().split(" ");
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f |%n", parts[1], parts[0], values.length,
                    ms(percentile(values, 50)), ms(percentile(values, 99)), ms((long) Arrays.stream(values).average()
                            .orElse(0)));
        }
        for (String op : List.of("GetCallerIdentity", "DescribeDBClusters")) {
            long[] none = sorted(samples, filled, "none " + op);
            long[] iam = sorted(samples, filled, "iam " + op);
            System.out.printf(Locale.ROOT, "ratio iam/none %s: p50 %.2f×, p99 %.2f×%n", op,
                    (double) percentile(iam, 50) / percentile(none, 50), (double) percentile(iam, 99) / percentile(none, 99));
        }
        targets.forEach(t -> {
            t.sts().close();
            t.rds().close();
        });
    }

    private static long[] sorted(Map<String, long[]> samples, Map<String, Integer> filled, String key) {
        long[] values = Arrays.copyOf(samples.getOrDefault(key, new long[0]), filled.getOrDefault(key, 0));
        Arrays.sort(values);
        return values;
    }

    private static void record(Map<String, long[]> samples, Map<String, Integer> filled, String key, Runnable call) {
        long start = System.nanoTime();
        call.run();
        long took = System.nanoTime() - start;
        int n = filled.getOrDefault(key, 0);
        requireNonNull(samples.get(key), key)[n] = took;
        filled.put(key, n + 1);
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static Target target(String name, String url, String key, String secret) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
        URI endpoint = URI.create(url);
        return new Target(name,
                StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create()).build(),
                RdsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.create()).build());
    }
}

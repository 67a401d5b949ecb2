package dev.haneul.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
        List<String> operations = List.of("GetCallerIdentity", "DescribeDBClusters");
        // samples[target][operation][call], filled[target][operation]
        long[][][] samples = new long[targets.size()][operations.size()][calls];
        int[][] filled = new int[targets.size()][operations.size()];
        // Warm-up: JIT, connections, caches (compiled policies), not measured.
        for (Target t : targets) {
            for (int i = 0; i < Math.min(500, calls); i++) {
                t.sts().getCallerIdentity();
                t.rds().describeDBClusters();
            }
        }
        for (int round = 0; round * batch < calls; round++) {
            // Alternate which server goes first, so neither always follows the other's batch.
            for (int k = 0; k < targets.size(); k++) {
                int index = round % 2 == 0 ? k : targets.size() - 1 - k;
                Target t = targets.get(index);
                for (int i = 0; i < batch && round * batch + i < calls; i++) {
                    record(samples[index][0], filled[index], 0, () -> t.sts().getCallerIdentity());
                    record(samples[index][1], filled[index], 1, () -> t.rds().describeDBClusters());
                }
            }
        }
        System.out.println("| operation | mode | calls | p50 (ms) | p99 (ms) | mean (ms) |");
        System.out.println("|---|---|---|---|---|---|");
        for (int o = 0; o < operations.size(); o++) {
            for (int t = 0; t < targets.size(); t++) {
                long[] values = sorted(samples[t][o], filled[t][o]);
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f |%n", operations.get(o),
                        targets.get(t).name(), values.length, ms(percentile(values, 50)), ms(percentile(values, 99)),
                        Arrays.stream(values).average().orElse(0) / 1_000_000.0);
            }
        }
        for (int o = 0; o < operations.size(); o++) {
            long[] none = sorted(samples[0][o], filled[0][o]);
            long[] iam = sorted(samples[1][o], filled[1][o]);
            System.out.printf(Locale.ROOT, "ratio iam/none %s: p50 %.2f×, p99 %.2f×%n", operations.get(o),
                    (double) percentile(iam, 50) / percentile(none, 50), (double) percentile(iam, 99) / percentile(none, 99));
        }
        targets.forEach(t -> {
            t.sts().close();
            t.rds().close();
        });
    }

    private static long[] sorted(long[] samples, int count) {
        long[] values = Arrays.copyOf(samples, count);
        Arrays.sort(values);
        return values;
    }

    /** Times one call alone into {@code into[counts[slot]++]}. */
    private static void record(long[] into, int[] counts, int slot, Runnable call) {
        long start = System.nanoTime();
        call.run();
        into[counts[slot]++] = System.nanoTime() - start;
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

package dev.haneul.lab;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * What a lab runs against: a Haneul server's AWS endpoint, reached as a user's script reaches it
 * (AWS SDK v2 with an endpoint override and the test credentials), its {@code /_haneul} HTTP API
 * (health, apps), the short-mode switch and the progress output. One per lab run; close it.
 */
public final class LabContext implements AutoCloseable {

    /** The system property that turns short mode on, as {@code --short} does. */
    public static final String SHORT_PROPERTY = "haneul.lab.short";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final boolean shortMode;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final long started = System.nanoTime();
    private String prefix = "lab";
    // Built on first use, closed by close().
    private @Nullable RdsClient rds;
    private @Nullable ElastiCacheClient elasticache;
    private @Nullable ElasticLoadBalancingV2Client elbv2;
    private @Nullable Wafv2Client wafv2;
    private @Nullable S3Client s3;
    private @Nullable Integer sizeMegabytes;

    /**
     * @param endpoint the server's AWS endpoint, such as {@code http://127.0.0.1:4566}
     * @param shortMode fewer users and seconds, for tests
     * @param out where progress lines go
     */
    public LabContext(URI endpoint, boolean shortMode, PrintStream out) {
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.shortMode = shortMode;
        this.out = requireNonNull(out, "out");
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean shortMode() {
        return shortMode;
    }

    /**
     * Sets the data size for labs that take one ({@code --size MB}: the migration lab's database).
     *
     * @return this context
     */
    public LabContext sizeMegabytes(int megabytes) {
        if (megabytes < 1) {
            throw new IllegalArgumentException("size: " + megabytes + " MB (expected: >= 1)");
        }
        this.sizeMegabytes = megabytes;
        return this;
    }

    /** The size set with {@link #sizeMegabytes(int)}, else {@code defaultMegabytes}. */
    int sizeMegabytesOr(int defaultMegabytes) {
        Integer size = sizeMegabytes;
        return size == null ? defaultMegabytes : size;
    }

    /**
     * A progress bar on the progress output, for a step of {@code total} units (an estimate is
     * fine: the bar stops short of full until {@link ProgressBar#finish()}).
     */
    ProgressBar progress(String label, long total, ProgressBar.Unit unit) {
        return new ProgressBar(out, started, prefix, label, total, unit);
    }

    /** {@code full} in a full run, {@code short} in short mode. */
    <T> T pick(T full, T shortValue) {
        return shortMode ? shortValue : full;
    }

    /** Sets the name progress lines start with: the lab's resource prefix. */
    void prefix(String resourcePrefix) {
        this.prefix = requireNonNull(resourcePrefix, "resourcePrefix");
    }

    /** A progress line, prefixed with the seconds since the start and the lab that talks. */
    public void log(String format, @Nullable Object... args) {
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "%6.1fs  %s - %s%n", seconds, prefix, args.length == 0 ? format : String.format(Locale.ROOT, format, args));
        out.flush();
    }

    public synchronized RdsClient rds() {
        if (rds == null) {
            rds = client(RdsClient.builder());
        }
        return rds;
    }

    public synchronized ElastiCacheClient elasticache() {
        if (elasticache == null) {
            elasticache = client(ElastiCacheClient.builder());
        }
        return elasticache;
    }

    public synchronized ElasticLoadBalancingV2Client elbv2() {
        if (elbv2 == null) {
            elbv2 = client(ElasticLoadBalancingV2Client.builder());
        }
        return elbv2;
    }

    public synchronized Wafv2Client wafv2() {
        if (wafv2 == null) {
            wafv2 = client(Wafv2Client.builder());
        }
        return wafv2;
    }

    /** S3 with path-style addressing (the endpoint is an IP address, not a virtual-host name). */
    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = client(S3Client.builder().forcePathStyle(true));
        }
        return s3;
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The server's {@code /_haneul/health} document. */
    public JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/_haneul/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /_haneul/health answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /**
     * S3's request accounting for one bucket, as {@code haneul status} shows it (the S3 service's
     * report in {@code /_haneul/health}): requests in S3's billing classes and payload bytes.
     *
     * @param putCopyPostList PUT, COPY, POST and LIST requests
     * @param get GET and HEAD requests
     * @param other the rest (deletes, aborts)
     */
    public record S3Usage(long putCopyPostList, long get, long other, long bytesIn, long bytesOut) {

        /** What was counted since {@code earlier}. */
        public S3Usage since(S3Usage earlier) {
            return new S3Usage(putCopyPostList - earlier.putCopyPostList, get - earlier.get, other - earlier.other,
                    bytesIn - earlier.bytesIn, bytesOut - earlier.bytesOut);
        }
    }

    /** The accounting of {@code bucket}; zeros when S3 has not counted a request to it. */
    S3Usage s3Usage(String bucket) throws IOException, InterruptedException {
        for (JsonNode row : health().path("services").path("s3").path("report").path("rows")) {
            if (row.path(0).asText().equals(bucket)) {
                return new S3Usage(row.path(1).asLong(), row.path(2).asLong(), row.path(3).asLong(), row.path(4).asLong(),
                        row.path(5).asLong());
            }
        }
        return new S3Usage(0, 0, 0, 0, 0);
    }

    /** The server's data dir (labs write their reports and the session app's jar there). */
    public Path dataDir() throws IOException, InterruptedException {
        return Path.of(health().path("dataDir").asText());
    }

    /** The apps API of the server. */
    AppsApi apps() throws IOException, InterruptedException {
        return new AppsApi(http, endpoint, dataDir());
    }

    /**
     * The pid of a running engine, by the name {@code /_haneul/health} lists it under, such as
     * {@code rds/us-east-1/db-1} or {@code elasticache/sessions-001}.
     */
    long enginePid(String engine) throws IOException, InterruptedException {
        for (JsonNode e : health().path("engines")) {
            if (e.path("name").asText().equals(engine) && e.has("pid")) {
                return e.path("pid").asLong();
            }
        }
        throw new IOException("no running engine named " + engine + " in /_haneul/health");
    }

    /** SIGKILL to an engine, as a crash; returns once the process is gone. */
    long killEngine(String engine) throws IOException, InterruptedException {
        return killEngine(engine, enginePid(engine));
    }

    /** SIGKILL to engine {@code engine}'s process {@code pid} (from {@link #enginePid}). */
    long killEngine(String engine, long pid) throws IOException, InterruptedException {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IOException("engine " + engine + " (pid "
                + pid + ") is not running"));
        process.destroyForcibly();
        Waits.until("engine " + engine + " (pid " + pid + ") to exit", Duration.ofSeconds(10), () -> !process.isAlive());
        return pid;
    }

    @Override
    public synchronized void close() {
        for (@Nullable AutoCloseable client : new @Nullable AutoCloseable[] {rds, elasticache, elbv2, wafv2, s3}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    log("could not close an AWS client: %s", e.getMessage());
                }
            }
        }
        http.close();
    }
}

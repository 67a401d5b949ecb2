package dev.haneul.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;

/**
 * Provisions the reference architecture on a running Haneul, or removes it, the way a user's
 * script would: the AWS API through the AWS SDK for Java v2, and the app processes through
 * Haneul's apps API.
 *
 * <pre>
 *  up:   create what is missing ─┬─ Aurora: cluster, 3 instances (the first is the writer), custom endpoint ──▶ wait available
 *        (nothing is created     ├─ ElastiCache: replication group, 2 nodes ──▶ wait available ─┐
 *         twice: every resource  └─ ALB: target group, load balancer, listener                  │
 *         is looked up first)       board-1..3 started in parallel (PUT /_haneul/api/apps/NAME)  ◀┘
 *                                   with the cluster, reader and primary endpoints; each is registered
 *                                   as a target once healthy ──▶ wait until every target is healthy
 *  down: load balancer and target group ─▶ apps ─▶ Aurora and ElastiCache in parallel, waiting until gone
 * </pre>
 *
 * The board starts without its database (it answers {@code /health} and retries its schema), so the
 * instances start while the replicas are still being seeded: the slowest parts overlap. Every wait
 * has a deadline ({@link #READY_TIMEOUT}) and names what it waited for when it gives up; it gives up
 * at once, naming the resource and its last event, when a resource it needs has failed or gone.
 *
 * <p>Not thread-safe: one {@code up} or {@code down} at a time.
 */
public final class Demo implements AutoCloseable {

    /** How long {@link #up} and {@link #down} may take in all (bundled engines on a busy machine are slow). */
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(8);
    /** The board's kind in the server's app catalogue (which knows its jar and JVM options). */
    static final String BOARD_KIND = "board";

    private final URI haneul;
    private final DemoArchitecture architecture;
    private final StateReporter states;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final RdsClient rds;
    private final ElastiCacheClient elasticache;
    private final ElasticLoadBalancingV2Client elbv2;
    private final AppsClient apps;
    private final AuroraSetup aurora;
    private final CacheSetup cache;
    private final LoadBalancerSetup loadBalancer;

    /**
     * @param haneul the server's URL ({@code http://127.0.0.1:4566})
     * @param accessKeyId an access key the server accepts
     * @param secretAccessKey its secret (checked when the server verifies signatures)
     */
    public Demo(URI haneul, String accessKeyId, String secretAccessKey, DemoArchitecture architecture, Progress progress) {
        this.haneul = requireNonNull(haneul, "haneul");
        this.architecture = requireNonNull(architecture, "architecture");
        this.states = new StateReporter(requireNonNull(progress, "progress"));
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        this.rds = client(RdsClient.builder(), credentials);
        this.elasticache = client(ElastiCacheClient.builder(), credentials);
        this.elbv2 = client(ElasticLoadBalancingV2Client.builder(), credentials);
        this.apps = new AppsClient(haneul);
        this.aurora = new AuroraSetup(rds, architecture, states);
        this.cache = new CacheSetup(elasticache, architecture, states);
        this.loadBalancer = new LoadBalancerSetup(elbv2, architecture, states);
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(
            B builder, StaticCredentialsProvider credentials) {
        return builder.endpointOverride(haneul).region(Region.of(architecture.region())).credentialsProvider(credentials)
                .httpClient(http).build();
    }

    /**
     * Creates what is missing, starts the board instances (the server runs the board's jar, which
     * must be built: {@link BoardJar#ensure}), and returns once everything is available and every
     * target healthy.
     */
    public DemoSummary up() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        aurora.ensure();
        cache.ensure();
        loadBalancer.ensure();
        Map<String, Integer> ports = appPorts();
        ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CompletionService<Void> done = new ExecutorCompletionService<>(tasks);
            done.submit(() -> {
                aurora.awaitAvailable(deadline);
                return null;
            });
            done.submit(() -> {
                Endpoint redis = cache.awaitAvailable(deadline);
                DBCluster cluster = aurora.requireCluster();
                List<Future<?>> started = new ArrayList<>();
                ports.forEach((name, port) -> started.add(tasks.submit(() -> {
                    startApp(name, port, cluster, redis);
                    loadBalancer.register(port);
                    return null;
                })));
                for (Future<?> app : started) {
                    join(app);
                }
                loadBalancer.awaitHealthy(List.copyOf(ports.values()), deadline);
                return null;
            });
            // The first failure ends the wait: the apps wait on a database that failed no longer;
            // and so does the deadline, whatever a single step (an app's start) would allow.
            for (int i = 0; i < 2; i++) {
                Future<Void> next = done.poll(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()),
                        TimeUnit.MILLISECONDS);
                if (next == null) {
                    throw new IOException("gave up after " + READY_TIMEOUT.toMinutes()
                            + " minutes waiting for the demo to be ready");
                }
                join(next);
            }
        } finally {
            tasks.shutdownNow();
        }
        return summary();
    }

    /** Removes every resource of the demo and its app instances; waits until they are gone. */
    public void down() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        loadBalancer.delete(deadline);
        for (String app : architecture.apps()) {
            if (apps.get(app).isPresent()) {
                apps.remove(app);
                states.report("app " + app, "removed");
            }
        }
        try (ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> database = tasks.submit(() -> {
                aurora.delete(deadline);
                return null;
            });
            cache.delete(deadline);
            join(database);
        }
    }

    /** What runs now: the URLs and every endpoint, as the APIs describe them. */
    public DemoSummary summary() throws IOException, InterruptedException {
        List<DemoSummary.Endpoint> endpoints = new ArrayList<>(loadBalancer.endpoints());
        endpoints.addAll(aurora.endpoints());
        endpoints.addAll(cache.endpoints());
        List<AppStatus> instances = apps.list().stream().filter(a -> architecture.apps().contains(a.name())).toList();
        return new DemoSummary(loadBalancer.applicationUrl().orElse(""), haneul.resolve("/_haneul/").toString(),
                endpoints, instances);
    }

    private void startApp(String name, int port, DBCluster cluster, Endpoint redis)
            throws IOException, InterruptedException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("dbWriterHost", cluster.endpoint());
        parameters.put("dbReaderHost", cluster.readerEndpoint());
        parameters.put("dbPort", cluster.port().toString());
        parameters.put("dbName", architecture.databaseName());
        parameters.put("dbUser", architecture.masterUsername());
        parameters.put("dbPassword", architecture.masterPassword());
        parameters.put("redisHost", redis.address());
        parameters.put("redisPort", redis.port().toString());
        states.report("app " + name, "starting on http://127.0.0.1:" + port);
        AppStatus status = apps.put(name, new AppsClient.AppDefinition(BOARD_KIND, port, parameters));
        states.report("app " + name, status.state() + " (pid " + status.pid() + ")");
    }

    /**
     * Each app's port: the one it is registered with, else {@code firstAppPort + i} when free, else
     * any free port. Chosen before any starts, so two never pick the same.
     */
    private Map<String, Integer> appPorts() throws IOException, InterruptedException {
        Map<String, Integer> registered = new LinkedHashMap<>();
        apps.list().forEach(app -> registered.put(app.name(), app.port()));
        Set<Integer> taken = new HashSet<>(registered.values());
        Map<String, Integer> ports = new LinkedHashMap<>();
        int candidate = architecture.firstAppPort();
        for (String name : architecture.apps()) {
            Integer port = registered.get(name);
            if (port == null) {
                while (taken.contains(candidate) || !free(candidate)) {
                    candidate++;
                }
                port = candidate;
            }
            taken.add(port);
            ports.put(name, port);
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void join(Future<?> task) throws IOException, InterruptedException {
        try {
            task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public void close() {
        rds.close();
        elasticache.close();
        elbv2.close();
        http.close();
    }
}

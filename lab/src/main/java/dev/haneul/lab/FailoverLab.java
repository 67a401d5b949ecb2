package dev.haneul.lab;

import dev.haneul.lab.report.Chart;
import dev.haneul.lab.report.Table;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticache.model.NodeGroupMember;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.rds.model.DBCluster;

/**
 * The writer, then the cache primary, killed with SIGKILL under a steady write load. For each: the
 * time from the kill to the first acknowledged write, the writes acknowledged versus the writes
 * present afterwards, and the throughput per half second around the kill.
 *
 * <p>Aurora: an INSERT per write through the cluster endpoint, autocommit; a failed write is
 * retried as a new write on a new connection (its outcome is unknown: "in doubt"). ElastiCache:
 * {@code SET} then {@code WAIT 1} through the primary endpoint with Lettuce; a write counts as
 * acknowledged when a replica confirmed it, as an application that must not lose it would do.
 */
public final class FailoverLab implements Lab {

    static final String CLUSTER = "lab-failover";
    static final String GROUP = "lab-failover-cache";
    private static final int WRITERS = 2;
    private static final double BUCKET_SECONDS = 0.5;

    /**
     * @param dbKilledWriter the Aurora instance killed
     * @param dbNewWriter the writer afterwards
     * @param dbRecoveryMillis kill → first write acknowledged through the cluster endpoint
     * @param dbAcknowledged writes acknowledged (committed) to the client
     * @param dbPresent of those, present afterwards
     * @param dbLostAcknowledged acknowledged but missing (must be 0)
     * @param dbInDoubt present although the client saw an error (the commit's answer was lost)
     * @param dbAcknowledgedEqualsPresent the verdict: every acknowledged write is there
     * @param cacheKilledPrimary the ElastiCache node killed
     * @param cacheNewPrimary the primary afterwards
     * @param cacheRecoveryMillis kill → first write acknowledged through the primary endpoint
     * @param cacheAcknowledged writes acknowledged by the primary and a replica ({@code WAIT 1})
     * @param cachePresent of those, present afterwards
     * @param cacheLostAcknowledged acknowledged but missing (must be 0)
     * @param cacheUnconfirmed writes the primary took but no replica confirmed in time
     * @param cacheAcknowledgedEqualsPresent the verdict
     * @param dbWritesPerSecondBefore median throughput before the kill
     * @param cacheWritesPerSecondBefore median throughput before the kill
     */
    public record Verdict(String dbKilledWriter, String dbNewWriter, long dbRecoveryMillis, int dbAcknowledged, int dbPresent,
                   int dbLostAcknowledged, int dbInDoubt, boolean dbAcknowledgedEqualsPresent,
                   String cacheKilledPrimary, String cacheNewPrimary, long cacheRecoveryMillis, int cacheAcknowledged,
                   int cachePresent, int cacheLostAcknowledged, int cacheUnconfirmed,
                   boolean cacheAcknowledgedEqualsPresent, double dbWritesPerSecondBefore,
                   double cacheWritesPerSecondBefore) {}

    @Override
    public String name() {
        return "failover";
    }

    @Override
    public String question() {
        return "When the Aurora writer or the ElastiCache primary dies under write load: how long until writes succeed "
                + "again, and is any acknowledged write lost?";
    }

    /** What one half of the lab measured. */
    private record Run(String killed, String promoted, long recoveryMillis, int acknowledged, int present, int lost,
                       int extra, Chart.Series throughput, double before) {}

    @Override
    public LabResult run(LabContext context) throws Exception {
        double warmSeconds = context.pick(5.0, 2.0);
        double afterSeconds = context.pick(10.0, 3.0);
        context.log("creating replication group %s (3 nodes, automatic failover) while the cluster starts", GROUP);
        context.elasticache().createReplicationGroup(r -> r.replicationGroupId(GROUP)
                .replicationGroupDescription("haneul lab failover").numCacheClusters(3).automaticFailoverEnabled(true));
        DBCluster cluster = Aurora.create(context, CLUSTER, List.of(CLUSTER + "-1", CLUSTER + "-2"));
        Run db = database(context, cluster, warmSeconds, afterSeconds);
        Run cache = cache(context, warmSeconds, afterSeconds);

        Verdict verdict = new Verdict(db.killed(), db.promoted(), db.recoveryMillis(), db.acknowledged(), db.present(),
                db.lost(), db.extra(), db.lost() == 0, cache.killed(), cache.promoted(), cache.recoveryMillis(),
                cache.acknowledged(), cache.present(), cache.lost(), cache.extra(), cache.lost() == 0, db.before(),
                cache.before());
        Table table = Table.builder("Writer / primary killed under load", "", "Aurora MySQL", "ElastiCache")
                .row("killed", db.killed(), cache.killed())
                .row("promoted", db.promoted(), cache.promoted())
                .row("recovery (kill → first acknowledged write)", db.recoveryMillis() + " ms", cache.recoveryMillis() + " ms")
                .row("writes/s before the kill (median)", round(db.before()), round(cache.before()))
                .row("acknowledged", db.acknowledged(), cache.acknowledged())
                .row("present afterwards (of those)", db.present(), cache.present())
                .row("acknowledged but lost", db.lost(), cache.lost())
                .row("in doubt (error seen, row present) / unconfirmed", db.extra(), cache.extra())
                .build();
        List<String> conclusions = List.of(
                String.format(Locale.ROOT, "Aurora: writer %s killed; %s took over and writes succeeded again after %d ms. "
                        + "%d writes acknowledged, %d present afterwards%s.", db.killed(), db.promoted(),
                        db.recoveryMillis(), db.acknowledged(), db.present(), db.lost() == 0 ? " — none lost"
                                : " — " + db.lost() + " LOST"),
                String.format(Locale.ROOT, "ElastiCache: primary %s killed; %s took over and writes succeeded again after "
                        + "%d ms. %d writes acknowledged by a replica, %d present afterwards%s.", cache.killed(),
                        cache.promoted(), cache.recoveryMillis(), cache.acknowledged(), cache.present(),
                        cache.lost() == 0 ? " — none lost" : " — " + cache.lost() + " LOST"));
        Chart chart = new Chart.Line("Acknowledged writes per second around the kill", "seconds since the kill",
                "writes / s", List.of(db.throughput(), cache.throughput()), List.of(new Chart.Marker(0, "kill -9")));
        return new LabResult(verdict, conclusions, List.of(table), List.of(chart), List.of(
                String.format(Locale.ROOT, "%d writer threads for %.0f s before and %.0f s after each kill; one kill "
                        + "(SIGKILL of the engine process) each.", WRITERS, warmSeconds, afterSeconds),
                "Aurora writes: autocommit INSERTs through the cluster endpoint (MariaDB Connector/J). A write whose "
                        + "connection broke is retried as a new write; if its row exists anyway it is counted as in doubt.",
                "ElastiCache writes: SET then WAIT 1 (Lettuce) through the primary endpoint. Replication is "
                        + "asynchronous: a plain SET acknowledged by the primary in its last milliseconds can be lost in "
                        + "a failover; WAIT 1 makes the acknowledgement mean a replica has it.",
                "Throughput is counted in half-second buckets, aligned on each kill."));
    }

    private Run database(LabContext context, DBCluster cluster, double warmSeconds, double afterSeconds)
            throws Exception {
        String host = cluster.endpoint();
        int port = cluster.port();
        try (Connection connection = Aurora.connect(host, port, Duration.ofSeconds(5))) {
            Aurora.execute(connection, "CREATE TABLE IF NOT EXISTS writes (id BIGINT PRIMARY KEY, writer INT)");
        }
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong ids = new AtomicLong();
        Load load = new Load();
        context.log("writing through the cluster endpoint with %d connections", WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            load.start(() -> {
                Connection connection = null;
                while (load.running()) {
                    long id = ids.incrementAndGet();
                    try {
                        if (connection == null) {
                            connection = Aurora.connect(host, port, Duration.ofSeconds(1));
                        }
                        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO writes VALUES (?, ?)")) {
                            insert.setLong(1, id);
                            insert.setInt(2, writer);
                            insert.executeUpdate();
                        }
                        acknowledged.add(id);
                        load.acknowledged("db");
                    } catch (SQLException e) {
                        closeQuietly(connection);
                        connection = null;
                        load.failed();
                    }
                }
                closeQuietly(connection);
            });
        }
        String killed = Aurora.writer(context, CLUSTER);
        long killedAt = load.killAfter(context, warmSeconds, "rds/us-east-1/" + killed);
        long recovered = load.awaitRecovery(killedAt, Duration.ofSeconds(30));
        context.log("writes succeed again %d ms after the kill", (recovered - killedAt) / 1_000_000);
        load.runFor(afterSeconds);
        load.stop();
        Aurora.awaitAvailable(context, CLUSTER, List.of());
        String promoted = Aurora.writer(context, CLUSTER);
        Set<Long> present = new HashSet<>();
        try (Connection connection = Aurora.connect(host, port, Duration.ofSeconds(5));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM writes")) {
            while (rows.next()) {
                present.add(rows.getLong(1));
            }
        }
        int presentOfAcknowledged = (int) acknowledged.stream().filter(present::contains).count();
        int inDoubt = (int) present.stream().filter(id -> !acknowledged.contains(id)).count();
        context.log("%d writes acknowledged, %d of them present, %d rows in doubt; %d failed attempts", acknowledged.size(),
                presentOfAcknowledged, inDoubt, load.failures());
        return new Run(killed, promoted, (recovered - killedAt) / 1_000_000, acknowledged.size(), presentOfAcknowledged,
                acknowledged.size() - presentOfAcknowledged, inDoubt,
                load.timeline().rate("db", "Aurora MySQL", killedAt, BUCKET_SECONDS, -warmSeconds, afterSeconds),
                load.medianRate("db", killedAt, warmSeconds));
    }

    private Run cache(LabContext context, double warmSeconds, double afterSeconds) throws Exception {
        ReplicationGroup group = Caches.awaitAvailable(context, GROUP);
        var endpoint = group.nodeGroups().getFirst().primaryEndpoint();
        String killed = primaryOf(group);
        RedisClient redis = RedisClient.create(RedisURI.builder().withHost(endpoint.address()).withPort(endpoint.port())
                .withTimeout(Duration.ofSeconds(2)).build());
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
        AtomicLong ids = new AtomicLong();
        Load load = new Load();
        try {
            context.log("writing through the primary endpoint %s:%d with %d Lettuce connections", endpoint.address(),
                    endpoint.port(), WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                StatefulRedisConnection<String, String> connection = redis.connect();
                load.start(() -> {
                    RedisCommands<String, String> commands = connection.sync();
                    while (load.running()) {
                        String key = "lab:write:" + ids.incrementAndGet();
                        try {
                            commands.set(key, "1");
                            if (commands.waitForReplication(1, 1000) >= 1) {
                                acknowledged.add(key);
                                load.acknowledged("cache");
                            } else {
                                unconfirmed.add(key);
                            }
                        } catch (RuntimeException e) {
                            load.failed();
                        }
                    }
                    connection.close();
                });
            }
            long killedAt = load.killAfter(context, warmSeconds, "elasticache/" + killed);
            long recovered = load.awaitRecovery(killedAt, Duration.ofSeconds(30));
            context.log("writes succeed again %d ms after the kill", (recovered - killedAt) / 1_000_000);
            load.runFor(afterSeconds);
            load.stop();
            String promoted = primaryOf(Caches.describe(context, GROUP));
            int present = 0;
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                List<String> keys = new ArrayList<>(acknowledged);
                for (int i = 0; i < keys.size(); i += 500) {
                    present += (int) (long) connection.sync().exists(keys.subList(i, Math.min(keys.size(), i + 500))
                            .toArray(String[]::new));
                }
            }
            context.log("%d writes acknowledged, %d of them present, %d unconfirmed; %d failed attempts",
                    acknowledged.size(), present, unconfirmed.size(), load.failures());
            return new Run(killed, promoted, (recovered - killedAt) / 1_000_000, acknowledged.size(), present,
                    acknowledged.size() - present, unconfirmed.size(),
                    load.timeline().rate("cache", "ElastiCache", killedAt, BUCKET_SECONDS, -warmSeconds, afterSeconds),
                    load.medianRate("cache", killedAt, warmSeconds));
        } finally {
            load.stop();
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static String primaryOf(ReplicationGroup group) {
        return group.nodeGroups().getFirst().nodeGroupMembers().stream().filter(m -> "primary".equals(m.currentRole()))
                .map(NodeGroupMember::cacheClusterId).findFirst()
                .orElseThrow(() -> new IllegalStateException("replication group " + group.replicationGroupId()
                        + " has no primary"));
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // a broken connection: nothing to close
            }
        }
    }

    private static String round(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** Writer threads, the acknowledgements they count, and the kill in the middle. */
    private static final class Load {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final Timeline timeline = new Timeline();
        private final AtomicLong lastAcknowledged = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();

        void start(Runnable writer) {
            threads.add(Thread.ofPlatform().daemon().name("lab-failover-writer-" + threads.size()).start(writer));
        }

        boolean running() {
            return running.get();
        }

        void acknowledged(String series) {
            timeline.record(series);
            lastAcknowledged.set(System.nanoTime());
        }

        void failed() {
            failures.incrementAndGet();
        }

        long failures() {
            return failures.get();
        }

        Timeline timeline() {
            return timeline;
        }

        /** Lets the load run, then SIGKILLs the engine; returns when it was killed. */
        long killAfter(LabContext context, double seconds, String engine) throws Exception {
            runFor(seconds);
            if (lastAcknowledged.get() == 0) {
                throw new IllegalStateException("no write succeeded before the kill (" + failures.get() + " failed)");
            }
            long pid = context.enginePid(engine);
            long killedAt = System.nanoTime();
            context.killEngine(engine, pid);
            context.log("killed %s (pid %d) with SIGKILL", engine, pid);
            return killedAt;
        }

        /** How long writes must flow again before the pause before them counts as the outage. */
        private static final long PAUSE_SETTLED = Duration.ofMillis(500).toNanos();

        /** Waits until writes flow again after the kill; returns when the first write after the outage was acknowledged. */
        long awaitRecovery(long killedAt, Duration timeout) throws InterruptedException {
            Waits.until("a write to succeed after the kill", timeout, () -> lastAcknowledged.get() > System.nanoTime() - PAUSE_SETTLED / 5
                    && timeline.endOfLongestPauseAfter(killedAt, timeout.toNanos()) < System.nanoTime() - PAUSE_SETTLED);
            return timeline.endOfLongestPauseAfter(killedAt, timeout.toNanos());
        }

        void runFor(double seconds) throws InterruptedException {
            Waits.elapse("the writers to run", System.nanoTime(), seconds);
        }

        double medianRate(String series, long zero, double seconds) {
            List<Double> rates = new ArrayList<>();
            for (Chart.Point p : timeline.rate(series, series, zero, 1.0, -Math.floor(seconds), 0).points()) {
                rates.add(p.y());
            }
            rates.sort(null);
            return rates.isEmpty() ? 0 : rates.get(rates.size() / 2);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(10));
            }
        }
    }
}

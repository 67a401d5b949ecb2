package dev.haneul.rds.engine;

import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.DbCluster;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a running cluster once a {@link #MONITOR_INTERVAL}: whether the writer's commits wait
 * for a replica (an event on every change), and whether a replica's replication broke (it is
 * then rebuilt from the writer by {@link InstanceLifecycle#repair}).
 *
 * <p>Concurrency: the monitor only reads (the store, the rotation, the engines) without the
 * cluster's lock, so a long seed or failover never delays it; what it finds broken becomes a task
 * that takes the lock ({@link InstanceLifecycle#repair}) and checks again under it first.
 */
final class ReplicaMonitor {

    private static final Logger log = LoggerFactory.getLogger(ReplicaMonitor.class);

    /** How often the monitor looks at semi-synchronous state and replication health. */
    static final Duration MONITOR_INTERVAL = Duration.ofSeconds(1);

    private final String name;
    private final ClusterRecords records;
    private final ClusterTasks tasks;
    private final Rotation rotation;
    private final InstanceLifecycle lifecycle;
    private final Map<String, String> reportedProblems = new ConcurrentHashMap<>();
    private volatile String semiSyncState = "";
    private @Nullable Thread monitor;

    ReplicaMonitor(ClusterContext cluster, InstanceLifecycle lifecycle) {
        this.name = cluster.name();
        this.records = cluster.records();
        this.tasks = cluster.tasks();
        this.rotation = cluster.rotation();
        this.lifecycle = lifecycle;
    }

    /** Starts watching, unless it already does or the runtime is closed. Called with the lock held. */
    void start() {
        if (monitor != null || tasks.closed()) {
            return;
        }
        monitor = Thread.ofVirtual().name(name + "-monitor").start(() -> {
            while (!tasks.closed()) {
                try {
                    Thread.sleep(MONITOR_INTERVAL);
                    checkOnce();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.warn("{} - monitor: {}", name, e.toString());
                }
            }
        });
    }

    void stop() {
        Thread current = monitor;
        if (current != null && current != Thread.currentThread()) {
            current.interrupt();
        }
    }

    /**
     * One look at the cluster: whether the writer's commits wait for a replica (an event on every
     * change), and whether a replica's replication broke (it is then rebuilt from the writer).
     */
    private void checkOnce() {
        Optional<DbCluster> cluster = records.cluster();
        if (cluster.isEmpty() || !cluster.get().status().equals(ClusterStatus.AVAILABLE) || !cluster.get().hasWriter()) {
            return;
        }
        String writerId = cluster.get().writer();
        InstanceEngine writer = rotation.engine(writerId);
        if (writer != null && rotation.contains(writerId)) {
            try {
                InstanceEngine.SemiSync semiSync = writer.semiSync();
                String state = writerId + (semiSync.on() ? ":on" : ":off");
                if (!state.equals(semiSyncState)) {
                    semiSyncState = state;
                    records.instanceEvent(writerId, semiSync.on()
                            ? "Semi-synchronous replication on: " + semiSync.clients()
                                    + " replica(s) acknowledge each commit before it returns"
                            : "Semi-synchronous replication off: no replica acknowledges commits, the writer commits "
                                    + "asynchronously until one does", "notification");
                }
            } catch (SQLException e) {
                log.debug("{} - monitor cannot ask writer {}: {}", name, writerId, e.getMessage());
            }
        }
        for (String replicaId : rotation.members()) {
            InstanceEngine replica = rotation.engine(replicaId);
            if (replica == null || replicaId.equals(writerId)) {
                continue;
            }
            try {
                ReplicaStatus status = replica.replicaStatus();
                if (status.broken() && reportedProblems.putIfAbsent(replicaId, status.problem()) == null) {
                    log.warn("{} - replication of {} broke: {}; rebuilding it", name, replicaId, status.problem());
                    tasks.task("rebuild-" + replicaId, () -> rebuildBroken(replicaId, status.problem()));
                }
            } catch (SQLException e) {
                log.debug("{} - monitor cannot ask {}: {}", name, replicaId, e.getMessage());
            }
        }
    }

    private void rebuildBroken(String replicaId, String problem) throws Exception {
        try {
            InstanceEngine replica = rotation.engine(replicaId);
            DbCluster cluster = records.cluster().orElseThrow();
            if (tasks.closed() || replica == null || replicaId.equals(cluster.writer())
                    || !replica.replicaStatus().broken()) {
                return;
            }
            lifecycle.repair(replicaId, "replication stopped (" + problem + ")");
        } finally {
            reportedProblems.remove(replicaId);
        }
    }
}

package dev.haneul.rds.engine;

import static dev.haneul.rds.engine.ClusterTasks.firstLine;

import dev.haneul.core.process.ProcessSupervisor;
import dev.haneul.rds.endpoint.ClusterEndpoints;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.EndpointStatus;
import dev.haneul.rds.model.InstanceStatus;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a cluster back after a Haneul restart, converging on the persisted state: reopens every
 * endpoint at once, brings every engine back (adopting those still running), and finishes or
 * rolls back whatever was in progress when Haneul stopped (a deletion, a stop, a creation, a
 * password change).
 *
 * <p>Every instance comes back on its own: the writer is published the moment it takes writes,
 * each replica the moment it has caught up, so one slow or broken instance never holds the
 * others' endpoints. What needs more work (a replica whose seed was interrupted, that diverged or
 * whose replication broke) is repaired afterwards by its own task; an instance still being created
 * is created again. When recovery stops half-way, every instance not serving is {@code failed}
 * ({@link #failed}), never left {@code available} with no engine behind it.
 *
 * <p>Concurrency: the endpoints reopen under the cluster's lock, then one task holds the lock for
 * the whole recovery except the instances' own starts, which run in parallel; the coordinator's
 * operations it finishes (deleting an instance or the cluster, a password change) are called with
 * the lock held, as they would be from their own tasks.
 */
final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private static final Duration ORPHAN_STOP = Duration.ofSeconds(30);

    private final ClusterContext cluster;
    private final String name;
    private final ClusterRecords records;
    private final ClusterTasks tasks;
    private final Rotation rotation;
    private final ClusterEndpoints endpoints;
    private final Function<String, Path> engineDirs;
    private final InstanceLifecycle lifecycle;
    private final Failover failover;
    private final ReplicaMonitor monitor;
    private final ClusterRuntime coordinator;
    private final AtomicBoolean recovering = new AtomicBoolean();
    private volatile @Nullable String failure;

    Recovery(ClusterContext cluster, InstanceLifecycle lifecycle, Failover failover, ReplicaMonitor monitor,
             ClusterRuntime coordinator) {
        this.cluster = cluster;
        this.name = cluster.name();
        this.records = cluster.records();
        this.tasks = cluster.tasks();
        this.rotation = cluster.rotation();
        this.endpoints = cluster.endpoints();
        this.engineDirs = cluster.engineDirs();
        this.lifecycle = lifecycle;
        this.failover = failover;
        this.monitor = monitor;
        this.coordinator = coordinator;
    }

    /** Whether engines are still coming back after a Haneul restart. */
    boolean recovering() {
        return recovering.get();
    }

    /** Why bringing this cluster back after a Haneul restart failed; empty if it did not. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Reopens every endpoint now, then brings the engines back on a task. */
    void recover() throws BindException {
        recovering.set(true);
        tasks.lock();
        try {
            DbCluster current = records.cluster().orElseThrow();
            endpoints.openCluster(current.port());
            endpoints.openReader(records.cluster().orElseThrow().port());
            for (DbInstance instance : records.instances()) {
                endpoints.openInstance(instance.identifier(), records.cluster().orElseThrow().port());
            }
            for (CustomEndpoint endpoint : records.endpoints()) {
                if (endpoint.status().equals(EndpointStatus.DELETING)) {
                    endpoints.close(ClusterEndpoints.custom(endpoint.identifier()));
                    records.removeEndpoint(endpoint.identifier());
                } else {
                    endpoints.openCustom(endpoint.identifier(), ClusterContext.membership(endpoint),
                            records.cluster().orElseThrow().port());
                    records.updateEndpoint(endpoint.identifier(), e -> e.withStatus(EndpointStatus.AVAILABLE));
                }
            }
            rotation.publish();
            monitor.start();
        } catch (BindException | RuntimeException e) {
            recovering.set(false);
            throw e;
        } finally {
            tasks.unlock();
        }
        tasks.task("recover", () -> {
            try {
                tasks.lock();
                try {
                    recoverLocked();
                } catch (Exception e) {
                    failed(firstLine(e));
                    throw e;
                } finally {
                    tasks.unlock();
                }
            } finally {
                recovering.set(false);
            }
        });
    }

    /**
     * Recovery stopped half-way: every instance not serving is {@code failed} (AWS's status for an
     * instance it cannot recover), never left {@code available} with no engine behind it.
     */
    void failed(String reason) {
        failure = reason;
        log.error("{} - could not be brought back: {}", name, reason);
        for (DbInstance instance : records.instances()) {
            if (!rotation.contains(instance.identifier()) && !instance.status().equals(InstanceStatus.DELETING)) {
                try {
                    records.updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.FAILED));
                    records.instanceEvent(instance.identifier(), "DB instance could not be recovered: " + reason,
                            "failure");
                } catch (RuntimeException e) {
                    log.error("{} - cannot mark {} failed: {}", name, instance.identifier(), e.getMessage());
                }
            }
        }
    }

    /**
     * Finishes or rolls back what a killed Haneul left half-done, and brings every engine back.
     * Healthy instances serve again within seconds: each one is published to the endpoints as
     * soon as it is ready, the writer first, never waiting for another instance. What needs more
     * work (a replica whose seed was interrupted, that diverged or whose replication broke) is
     * repaired afterwards by its own task; an instance still being created is created again.
     */
    private void recoverLocked() throws Exception {
        DbCluster current = records.cluster().orElseThrow();
        for (DbInstance instance : records.instances()) {
            try {
                Seeder.removeLeftovers(engineDirs.apply(instance.identifier()));
            } catch (IOException e) {
                log.warn("{} - cannot remove the seed files of {}: {}", name, instance.identifier(), e.toString());
            }
        }
        for (DbInstance instance : records.instances()) {
            // The writer's deletion is finished below, once a replica can take over properly.
            if (instance.status().equals(InstanceStatus.DELETING) && !instance.identifier().equals(current.writer())) {
                ProcessSupervisor.stopOrphans(engineDirs.apply(instance.identifier()), ORPHAN_STOP);
                coordinator.deleteInstanceLocked(instance.identifier());
            }
        }
        List<DbInstance> instances = records.instances();
        switch (current.status()) {
            case STOPPED, STOPPING -> {
                for (DbInstance instance : instances) {
                    ProcessSupervisor.stopOrphans(engineDirs.apply(instance.identifier()), ORPHAN_STOP);
                    records.updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.STOPPED));
                }
                records.updateCluster(c -> c.withStatus(ClusterStatus.STOPPED));
                return;
            }
            case DELETING -> {
                coordinator.deleteCluster();
                return;
            }
            default -> { }
        }
        List<DbInstance> creating = instances.stream().filter(i -> i.status().equals(InstanceStatus.CREATING)).toList();
        List<DbInstance> existing = instances.stream().filter(i -> !i.status().equals(InstanceStatus.CREATING)).toList();
        Map<String, String> repairs = recoverExisting(existing);
        DbCluster now = records.cluster().orElseThrow();
        if (records.instance(now.writer()).filter(i -> i.status().equals(InstanceStatus.DELETING)).isPresent()) {
            coordinator.deleteInstanceLocked(now.writer()); // fails over first, as the deletion would have
        } else if (now.hasWriter() && !rotation.contains(now.writer()) && records.instance(now.writer()).isPresent()
                && creating.stream().noneMatch(i -> i.identifier().equals(now.writer()))) {
            if (!failover.failOver(null, "the writer's engine did not come back", true, true)) {
                log.error("{} - writer {} did not come back and no replica can take over", name, now.writer());
            }
        }
        for (DbInstance instance : creating) {
            String id = instance.identifier();
            boolean writer = id.equals(current.writer());
            tasks.task("create-" + id, () -> {
                if (!writer) {
                    // A replica seeds again from the start; its old engine is stopped first, after
                    // the healthy instances are back (stopping it takes a second or two).
                    ProcessSupervisor.stopOrphans(engineDirs.apply(id), ORPHAN_STOP);
                    rotation.engine(instance).wipeData();
                    Seeder.removeMarker(engineDirs.apply(id));
                }
                lifecycle.create(id);
            });
        }
        repairs.forEach((id, reason) -> tasks.task("repair-" + id, () -> lifecycle.repair(id, reason)));
        if (records.cluster().orElseThrow().status().equals(ClusterStatus.RESETTING_MASTER_CREDENTIALS)) {
            coordinator.masterPasswordChanged(); // the new password was recorded but maybe not applied
        } else {
            records.updateCluster(c -> List.of(ClusterStatus.AVAILABLE, ClusterStatus.STOPPED).contains(c.status()) ? c
                    : c.withStatus(ClusterStatus.AVAILABLE));
        }
        log.info("{} - recovered: writer {}, routable {}", name, records.cluster().orElseThrow().writer(),
                rotation.members());
    }

    /**
     * Starts (or adopts) the engines of instances that existed before the restart, all at once:
     * the writer takes writes and is published as soon as its engine answers; each replica, once
     * its engine answers and the writer is up, follows it and is published on its own. Returns
     * the replicas that need a rebuild, with the reason.
     */
    private Map<String, String> recoverExisting(List<DbInstance> existing) throws InterruptedException {
        Map<String, String> repairs = new ConcurrentHashMap<>();
        DbCluster current = records.cluster().orElseThrow();
        CountDownLatch writerReady = new CountDownLatch(1);
        if (existing.stream().noneMatch(i -> i.identifier().equals(current.writer()))) {
            writerReady.countDown();
        }
        List<Thread> threads = new ArrayList<>();
        for (DbInstance instance : existing) {
            String id = instance.identifier();
            threads.add(Thread.ofVirtual().name(name + "-recover-" + id).start(() -> {
                boolean writer = id.equals(current.writer());
                try {
                    InstanceEngine engine = rotation.engine(instance);
                    engine.start(cluster.exitListener(id));
                    if (writer) {
                        engine.makeWriter();
                        rotation.inService(id);
                    } else {
                        writerReady.await();
                        recoverReplica(id, engine, current).ifPresent(reason -> repairs.put(id, reason));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (SQLException | IOException | RuntimeException e) {
                    log.warn("{} - {} did not come back: {}", name, id, e.toString());
                    if (!writer) {
                        repairs.put(id, "its engine did not come back after a restart (" + firstLine(e) + ")");
                    }
                } finally {
                    if (writer) {
                        writerReady.countDown();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return repairs;
    }

    /**
     * A replica after a restart, its engine running: follows the writer and is published once
     * caught up. Returns why it must be rebuilt instead, if it must.
     */
    private Optional<String> recoverReplica(String id, InstanceEngine engine, DbCluster current) throws SQLException {
        if (Seeder.interrupted(engine.dir())) {
            return Optional.of("its seed from the writer was interrupted by a restart");
        }
        InstanceEngine writer = rotation.engine(current.writer());
        if (writer == null || !writer.running() || !rotation.contains(current.writer())) {
            rotation.inService(id); // it follows whichever replica the failover promotes
            return Optional.empty();
        }
        if (engine.divergedSince(GtidPosition.parse(current.lastPromotion()))) {
            return Optional.of("it had transactions the writer never received");
        }
        try {
            if (!engine.replicatesFrom(writer)) {
                engine.replicateFrom(writer);
            }
            GtidPosition target = writer.currentPosition();
            if (!engine.awaitApplied(target, InstanceLifecycle.CATCH_UP)) {
                return Optional.of("it did not reach the writer's position " + target + " within "
                        + InstanceLifecycle.CATCH_UP);
            }
        } catch (SQLException e) {
            return Optional.of(firstLine(e));
        }
        rotation.inService(id);
        return Optional.empty();
    }
}

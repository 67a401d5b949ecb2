package dev.haneul.rds.engine;

import static dev.haneul.rds.engine.ClusterTasks.firstLine;

import dev.haneul.rds.endpoint.ClusterEndpoints;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.InstanceStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one DB instance's engine: creation (the first instance becomes the writer and
 * initialises the cluster, later ones are seeded from the writer, with retries), reboot and
 * restart in its role, repair and rebuild, start and stop with the cluster, removal, and the
 * cluster volume (the data a cluster keeps while it has no instance).
 *
 * <p>Concurrency: {@link #create} starts the engine outside the cluster's lock (several instances
 * start in parallel) and takes the lock for everything after; {@link #repair} takes the lock
 * itself; every other method runs with the lock held by its caller (a {@link ClusterTasks#lockedTask}
 * or another part that holds it), and says so.
 */
final class InstanceLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceLifecycle.class);

    /** Upper bound for a replica to catch up with its writer before it serves reads. */
    static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** Starting an engine, and seeding a replica, is tried this often before the instance is {@code failed}. */
    static final int SEED_ATTEMPTS = 5;
    /** The pause before the second attempt; it doubles after each (1 + 2 + 4 + 8 s in all). */
    private static final Duration SEED_RETRY_FIRST = Duration.ofSeconds(1);

    private final ClusterContext cluster;
    private final String name;
    private final ClusterRecords records;
    private final ClusterTasks tasks;
    private final Rotation rotation;
    private final ClusterEndpoints endpoints;

    InstanceLifecycle(ClusterContext cluster) {
        this.cluster = cluster;
        this.name = cluster.name();
        this.records = cluster.records();
        this.tasks = cluster.tasks();
        this.rotation = cluster.rotation();
        this.endpoints = cluster.endpoints();
    }

    /**
     * Creates an instance recorded {@code creating}: opens its endpoint, starts its engine (with
     * retries, outside the lock), then under the lock sets it up as the writer or seeds it from the
     * writer (waiting for one), and puts it in the rotation.
     */
    void create(String instanceId) throws Exception {
        Optional<DbInstance> created = records.instance(instanceId);
        if (created.isEmpty()) {
            return;
        }
        InstanceEngine engine = rotation.engine(created.get());
        tasks.lock();
        try {
            endpoints.openInstance(instanceId, records.cluster().orElseThrow().port());
            if (records.cluster().orElseThrow().writer().equals(instanceId)) {
                takeVolume(engine);
            }
        } finally {
            tasks.unlock();
        }
        Duration pause = SEED_RETRY_FIRST;
        for (int attempt = 1; ; attempt++) {
            try {
                engine.start(cluster.exitListener(instanceId));
                break;
            } catch (IOException | SQLException | RuntimeException e) {
                if (attempt >= SEED_ATTEMPTS) {
                    log.error("{} - DB instance {} could not start", name, instanceId, e);
                    records.updateInstance(instanceId, i -> i.withStatus(InstanceStatus.FAILED));
                    records.instanceEvent(instanceId, "DB instance failed to start: " + firstLine(e), "failure");
                    return;
                }
                log.warn("{} - {} did not start (attempt {} of {}), retrying in {}: {}", name, instanceId, attempt,
                        SEED_ATTEMPTS, pause, firstLine(e));
                records.instanceEvent(instanceId, "DB instance engine did not start (attempt " + attempt + " of "
                        + SEED_ATTEMPTS + "): " + firstLine(e) + "; retrying in " + pause.toSeconds() + " s",
                        "notification");
            }
            Thread.sleep(pause);
            pause = pause.multipliedBy(2);
            if (tasks.closed()
                    || records.instance(instanceId).map(i -> i.status().equals(InstanceStatus.DELETING)).orElse(true)) {
                return;
            }
        }
        tasks.lock();
        try {
            while (true) {
                if (tasks.closed()) {
                    return;
                }
                Optional<DbInstance> instance = records.instance(instanceId);
                if (instance.isEmpty() || instance.get().status().equals(InstanceStatus.DELETING)) {
                    return;
                }
                DbCluster current = records.cluster().orElseThrow();
                if (current.writer().equals(instanceId)) {
                    if (takeVolume(engine)) {
                        engine.start(cluster.exitListener(instanceId));
                    }
                    engine.makeWriter();
                    engine.initializeCluster(current.spec().masterUsername(), current.spec().masterPasswordHash(),
                            current.spec().databaseName());
                    break;
                }
                if (rotation.engine(current.writer()) != null && rotation.contains(current.writer())) {
                    if (!seedFromWriter(instanceId, engine)) {
                        return;
                    }
                    break;
                }
                tasks.awaitChange(500);
            }
            rotation.add(instanceId);
            records.updateInstance(instanceId, i -> i.withStatus(InstanceStatus.AVAILABLE));
            rotation.publish();
            records.instanceEvent(instanceId, "DB instance created", "creation");
        } catch (SQLException | IOException e) {
            log.error("{} - DB instance {} could not be set up", name, instanceId, e);
            records.updateInstance(instanceId, i -> i.withStatus(InstanceStatus.FAILED));
            records.instanceEvent(instanceId, "DB instance failed: " + firstLine(e), "failure");
        } finally {
            tasks.unlock();
        }
    }

    /**
     * Seeds {@code engine} from the current writer and starts replication, trying again after a
     * growing pause when that fails: a seed can fail for reasons that pass (the writer fails over
     * or restarts, a replica's engine dies). A retry starts the replica from an empty data dir, so
     * nothing of a half-done load remains. Runs under the lock, which it releases while pausing.
     *
     * @return false, having done nothing more, when the instance is deleted or the runtime closed
     *     meanwhile
     * @throws SQLException or IOException of the last attempt when all {@value #SEED_ATTEMPTS} failed
     */
    private boolean seedFromWriter(String instanceId, InstanceEngine engine) throws Exception {
        Duration pause = SEED_RETRY_FIRST;
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                engine.wipeData();
                engine.start(cluster.exitListener(instanceId));
            }
            DbCluster current = records.cluster().orElseThrow();
            InstanceEngine writer = rotation.engine(current.writer());
            try {
                if (writer == null || writer == engine || !rotation.contains(current.writer())) {
                    throw new IOException("no writer takes connections to seed " + instanceId + " from");
                }
                joinAsReplica(engine, writer, true);
                return true;
            } catch (SQLException | IOException e) {
                if (attempt >= SEED_ATTEMPTS) {
                    throw e;
                }
                log.warn("{} - seeding {} failed (attempt {} of {}), retrying in {}: {}", name, instanceId, attempt,
                        SEED_ATTEMPTS, pause, firstLine(e));
                records.instanceEvent(instanceId, "Seeding from the writer failed (attempt " + attempt + " of "
                        + SEED_ATTEMPTS + "): " + firstLine(e) + "; retrying in " + pause.toSeconds() + " s",
                        "notification");
            }
            tasks.pause(pause);
            pause = pause.multipliedBy(2);
            Optional<DbInstance> instance = records.instance(instanceId);
            if (tasks.closed() || instance.isEmpty() || instance.get().status().equals(InstanceStatus.DELETING)) {
                return false;
            }
        }
    }

    /**
     * Seeds (when {@code seed}) and starts replication from {@code writer}, then waits until the
     * replica has what the writer had when it started, so its first reads are current.
     */
    private void joinAsReplica(InstanceEngine replica, InstanceEngine writer, boolean seed)
            throws SQLException, IOException, InterruptedException {
        if (seed) {
            GtidPosition position = Seeder.seed(writer, replica);
            log.info("{} - {} seeded from {} at {}", name, replica.id(), writer.id(), position);
        }
        replica.replicateFrom(writer);
        GtidPosition target = writer.currentPosition();
        if (!replica.awaitApplied(target, CATCH_UP)) {
            throw new SQLException(replica.id() + " did not reach " + target + " within " + CATCH_UP);
        }
    }

    /** Restarts an instance's engine in its role (the lock held). */
    void reboot(String instanceId) throws Exception {
        InstanceEngine engine = rotation.engine(instanceId);
        if (engine == null || records.instance(instanceId).isEmpty()) {
            return;
        }
        rotation.leave(instanceId);
        engine.stop();
        InetSocketAddress backend = engine.backend();
        if (backend != null) {
            endpoints.dropConnectionsTo(backend);
        }
        restart(instanceId, engine);
    }

    /** Starts an instance's engine again in its role, back in the rotation (the lock held). */
    void restart(String instanceId, InstanceEngine engine) throws Exception {
        engine.start(cluster.exitListener(instanceId));
        setUpRole(instanceId, engine);
        rotation.add(instanceId);
        records.updateInstance(instanceId, i -> i.withStatus(InstanceStatus.AVAILABLE));
        rotation.publish();
        records.instanceEvent(instanceId, "DB instance restarted", "availability");
    }

    /**
     * After a (re)start: the writer takes writes again and its replicas follow it; a replica
     * follows the writer (the lock held).
     */
    void setUpRole(String instanceId, InstanceEngine engine) throws Exception {
        DbCluster current = records.cluster().orElseThrow();
        if (current.writer().equals(instanceId)) {
            engine.makeWriter();
            for (String replicaId : rotation.members()) {
                InstanceEngine replica = rotation.engine(replicaId);
                if (replica != null && !replicaId.equals(instanceId) && !replica.replicatesFrom(engine)) {
                    replica.replicateFrom(engine);
                }
            }
            return;
        }
        InstanceEngine writer = rotation.engine(current.writer());
        if (writer == null || !writer.running()) {
            return; // it follows the writer once there is one again (failover or writer restart)
        }
        if (engine.divergedSince(GtidPosition.parse(current.lastPromotion()))) {
            records.instanceEvent(instanceId, "DB instance rebuilt from writer " + writer.id()
                    + ": it had transactions the writer never received", "recovery");
            rebuild(instanceId, engine);
        } else if (engine.replicatesFrom(writer)) {
            engine.awaitApplied(writer.currentPosition(), CATCH_UP);
        } else {
            joinAsReplica(engine, writer, false);
        }
    }

    /** Wipes a replica and seeds it again from the writer. */
    private void rebuild(String instanceId, InstanceEngine engine) throws Exception {
        engine.wipeData();
        engine.start(cluster.exitListener(instanceId));
        if (!seedFromWriter(instanceId, engine)) {
            throw new IOException(instanceId + " was deleted while it was being rebuilt");
        }
    }

    /**
     * Brings an instance back into service whatever state it is in: a replica is rebuilt from the
     * writer (with retries), the writer is started and set up again. It is {@code failed} only
     * when that fails too; the event says why. Takes the lock.
     */
    void repair(String instanceId, String reason) throws Exception {
        tasks.lock();
        try {
            Optional<DbInstance> instance = records.instance(instanceId);
            if (tasks.closed() || instance.isEmpty() || instance.get().status().equals(InstanceStatus.DELETING)) {
                return;
            }
            rotation.leave(instanceId);
            records.updateInstance(instanceId, i -> i.withStatus(InstanceStatus.REBOOTING));
            InstanceEngine engine = rotation.engine(instance.get());
            DbCluster current = records.cluster().orElseThrow();
            try {
                if (current.writer().equals(instanceId)) {
                    engine.start(cluster.exitListener(instanceId));
                    engine.makeWriter();
                    engine.initializeCluster(current.spec().masterUsername(), current.spec().masterPasswordHash(),
                            current.spec().databaseName());
                    records.instanceEvent(instanceId, "DB instance repaired: " + reason, "recovery");
                } else {
                    records.instanceEvent(instanceId, "DB instance rebuilt from the writer: " + reason, "recovery");
                    rebuild(instanceId, engine);
                }
            } catch (SQLException | IOException e) {
                log.error("{} - {} could not be repaired", name, instanceId, e);
                records.updateInstance(instanceId, i -> i.withStatus(InstanceStatus.FAILED));
                records.instanceEvent(instanceId, "DB instance failed: " + firstLine(e), "failure");
                return;
            }
            rotation.add(instanceId);
            records.updateInstance(instanceId, i -> i.withStatus(InstanceStatus.AVAILABLE));
            rotation.publish();
        } finally {
            tasks.unlock();
        }
    }

    /**
     * The writer is being deleted and no replica could take over: the next instance (if any)
     * becomes the writer when it is created. Returns whether the deleted writer's data is to be
     * kept as the cluster volume: nobody else holds the cluster's data (the lock held).
     */
    boolean writerLeavesWithoutFailover(String instanceId) {
        List<DbInstance> others = records.instances().stream()
                .filter(i -> !i.identifier().equals(instanceId) && !i.status().equals(InstanceStatus.DELETING))
                .toList();
        // Nobody holds the cluster's data but this instance: keep it as the cluster volume,
        // for whichever instance becomes the writer next.
        boolean keepAsVolume = Files.isDirectory(cluster.engineDirs().apply(instanceId).resolve("data"))
                && others.stream().allMatch(i -> i.status().equals(InstanceStatus.CREATING));
        String next = others.isEmpty() ? "" : others.getFirst().identifier();
        records.updateCluster(c -> c.withWriter(next).withStatus(ClusterStatus.AVAILABLE));
        return keepAsVolume;
    }

    /**
     * Removes an instance that left the rotation (and, as the writer, handed its role over):
     * closes its endpoint, stops its engine, keeps its data as the cluster volume when asked,
     * deletes its directory and record, and takes it out of custom endpoints (the lock held).
     */
    void remove(String instanceId, boolean keepAsVolume) throws IOException {
        Path dir = cluster.engineDirs().apply(instanceId);
        InstanceEngine engine = rotation.engine(instanceId);
        endpoints.close(ClusterEndpoints.instance(instanceId));
        if (engine != null) {
            InetSocketAddress backend = engine.backend();
            engine.stop();
            if (backend != null) {
                endpoints.dropConnectionsTo(backend);
            }
        }
        Path volumeDir = cluster.volumeDir();
        if (keepAsVolume) {
            InstanceEngine.deleteRecursively(volumeDir);
            Files.createDirectories(volumeDir);
            Files.move(dir.resolve("data"), volumeDir.resolve("data"), StandardCopyOption.ATOMIC_MOVE);
            log.info("{} - kept the data of {} as the cluster volume", name, instanceId);
        }
        InstanceEngine.deleteRecursively(dir);
        rotation.forget(instanceId);
        List<CustomEndpoint> changedEndpoints = records.write(s -> {
            s.removeInstance(instanceId);
            List<CustomEndpoint> updated = new ArrayList<>();
            for (CustomEndpoint e : s.endpointsOf(cluster.clusterId())) {
                CustomEndpoint without = e.without(instanceId);
                if (!without.equals(e)) {
                    s.put(without);
                    updated.add(without);
                }
            }
            s.add(records.instanceEventRecord(instanceId, "DB instance deleted", "deletion"));
            return updated;
        });
        for (CustomEndpoint e : changedEndpoints) {
            if (endpoints.endpoint(ClusterEndpoints.custom(e.identifier())).isPresent()) {
                endpoints.updateCustom(e.identifier(), ClusterContext.membership(e));
            }
        }
        rotation.publish();
    }

    /**
     * Moves the cluster volume (data kept when the last instance was deleted) into a new writer's
     * directory, replacing the template copy it may have started with. Returns whether it did.
     */
    private boolean takeVolume(InstanceEngine engine) throws IOException {
        Path volumeDir = cluster.volumeDir();
        Path volumeData = volumeDir.resolve("data");
        if (!Files.isDirectory(volumeData)) {
            return false;
        }
        engine.wipeData();
        Files.createDirectories(engine.dir());
        Files.move(volumeData, engine.dataDir(), StandardCopyOption.ATOMIC_MOVE);
        InstanceEngine.deleteRecursively(volumeDir);
        log.info("{} - {} takes over the cluster volume", name, engine.id());
        return true;
    }

    /** Stops every engine of the cluster at once; each instance is then {@code stopped} (the lock held). */
    void stopAll() throws Exception {
        rotation.clear();
        rotation.publish();
        tasks.parallel(records.instances(), instance -> {
            InstanceEngine engine = rotation.engine(instance.identifier());
            if (engine != null) {
                engine.stop();
            }
            records.updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.STOPPED));
        });
    }

    /**
     * Starts every engine of the cluster at once, then sets up the writer and each replica in its
     * role; an instance whose engine does not start is {@code failed} (the lock held).
     */
    void startAll() throws Exception {
        List<DbInstance> instances = records.instances();
        for (DbInstance instance : instances) {
            records.updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.STARTING));
        }
        tasks.parallel(instances, instance -> rotation.engine(instance).start(cluster.exitListener(instance.identifier())));
        DbCluster current = records.cluster().orElseThrow();
        InstanceEngine writer = rotation.engine(current.writer());
        if (writer != null && writer.running()) {
            writer.makeWriter();
            rotation.add(writer.id());
        }
        for (DbInstance instance : instances) {
            InstanceEngine engine = rotation.engine(instance.identifier());
            if (engine == null || !engine.running()) {
                records.updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.FAILED));
                continue;
            }
            if (!instance.identifier().equals(current.writer())) {
                setUpRole(instance.identifier(), engine);
                rotation.add(instance.identifier());
            }
            records.updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.AVAILABLE));
        }
        rotation.publish();
    }
}

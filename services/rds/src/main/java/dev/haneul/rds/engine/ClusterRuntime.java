package dev.haneul.rds.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.net.Endpoint;
import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.proxy.TcpProxyStats;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.rds.endpoint.ClusterEndpoints;
import dev.haneul.rds.endpoint.CustomMembership;
import dev.haneul.rds.endpoint.Topology;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.EndpointStatus;
import dev.haneul.rds.model.InstanceStatus;
import dev.haneul.rds.model.RdsState;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Aurora cluster: its engines, its replication and its endpoints, converging them to
 * the persisted state, as {@link ClusterControl} describes: the API changes the state (statuses
 * such as {@code creating} or {@code rebooting}) and hands {@link #apply} what changed; the work
 * runs on a virtual thread and ends by writing the final status.
 *
 * <p>This class is the coordinator: it turns each {@link ClusterChange} into a task, does the
 * cluster-wide work itself (creation, stop, start, deletion, the master password, custom
 * endpoints), orchestrates what spans several concerns (deleting an instance, which may fail the
 * writer role over first; an engine that exits on its own), and answers the API's views. The
 * concerns are its parts, made here and sharing one {@link ClusterContext}:
 * <ul>
 *   <li>{@link ClusterTasks}: the lock and the task threads (the concurrency contract below);</li>
 *   <li>{@link ClusterRecords}: the cluster's records and events in the store;</li>
 *   <li>{@link Rotation}: the engines, which of them take connections, the published topology;</li>
 *   <li>{@link InstanceLifecycle}: create, seed, reboot, repair, start/stop, remove, the volume;</li>
 *   <li>{@link Failover}: planner use, promotion, the old writer's rejoin;</li>
 *   <li>{@link Recovery}: converging on the persisted state after a Haneul restart;</li>
 *   <li>{@link ReplicaMonitor}: semi-synchronous state and broken replication.</li>
 * </ul>
 *
 * <h2>Concurrency</h2>
 * One lock per cluster ({@link ClusterTasks}) serialises everything that changes roles or
 * routing: becoming the writer, seeding, failover, reboots, deletions, endpoint changes. Only the
 * slow start of a new instance's engine runs outside it, so several instances start in parallel.
 * A task waiting for something (a replica waiting for its writer) waits on the lock's condition,
 * which every change of routing signals. Lock order: this lock, then the store's; the API never
 * holds the store's lock while calling in here. Each part's class comment says which of its
 * methods take the lock and which expect it held.
 *
 * <h2>Why change records, not a desired-state loop</h2>
 * The API's {@link ClusterChange} is more than a nudge to re-read the state: failover and reboot
 * are actions, not states (see docs/architecture.md, "RDS: why change records"). The runtime does
 * converge on the persisted state where a state is all there is: after a Haneul restart
 * ({@link #recover}), every transitional status left in the store is finished from the store alone.
 */
public final class ClusterRuntime implements ClusterControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterRuntime.class);

    /** How long a cluster deletion waits for the deletion of its instances. */
    private static final Duration INSTANCES_GONE = Duration.ofMinutes(5);

    private final String clusterId;
    private final String name;
    private final Scope scope;
    private final Path volumeDir;
    private final ClusterEndpoints endpoints;
    private final Runnable onDeleted;
    private final ClusterRecords records;
    private final ClusterTasks tasks;
    private final Rotation rotation;
    private final InstanceLifecycle lifecycle;
    private final Failover failover;
    private final ReplicaMonitor monitor;
    private final Recovery recovery;

    /**
     * @param engineDirs the engine directory of a DB instance (claimed from the environment)
     * @param volumeDir where the cluster's data waits while the cluster has no instance, as
     *     Aurora keeps a cluster volume with no instance attached
     * @param endpointsFactory builds the cluster's endpoints given the callback that records a
     *     port move
     * @param onDeleted told once the cluster is deleted, to forget this runtime
     */
    public ClusterRuntime(String clusterId, Scope scope, ScopedStore<RdsState> store, EngineHost host,
                          Function<String, Path> engineDirs, Path volumeDir, Clock clock,
                          Function<IntConsumer, ClusterEndpoints> endpointsFactory,
                          Runnable onDeleted) {
        this.clusterId = requireNonNull(clusterId, "clusterId");
        this.name = "rds/" + clusterId;
        this.scope = requireNonNull(scope, "scope");
        this.volumeDir = requireNonNull(volumeDir, "volumeDir");
        this.onDeleted = requireNonNull(onDeleted, "onDeleted");
        this.records = new ClusterRecords(clusterId, scope, requireNonNull(store, "store"),
                requireNonNull(clock, "clock"));
        this.endpoints = endpointsFactory.apply(this::portMoved);
        this.tasks = new ClusterTasks(name);
        this.rotation = new Rotation(scope.region(), requireNonNull(engineDirs, "engineDirs"),
                requireNonNull(host, "host"), records, endpoints, tasks);
        ClusterContext context = new ClusterContext(clusterId, name, records, tasks, rotation, endpoints, engineDirs,
                volumeDir, this::engineExited);
        this.lifecycle = new InstanceLifecycle(context);
        this.failover = new Failover(context, lifecycle);
        this.monitor = new ReplicaMonitor(context, lifecycle);
        this.recovery = new Recovery(context, lifecycle, failover, monitor, this);
    }

    public String clusterId() {
        return clusterId;
    }

    public Scope scope() {
        return scope;
    }

    // ---- views ----

    /** The routing now, as the endpoints see it. */
    public Topology topology() {
        return endpoints.topology();
    }

    /**
     * The open endpoints' addresses by name ({@code cluster}, {@code reader}, {@code custom/x},
     * {@code instance/x}); does not wait for the cluster's lock.
     */
    public Map<String, Endpoint> endpointAddresses() {
        return endpoints.endpoints();
    }

    /** The open endpoints' live counters by name; does not wait for the cluster's lock. */
    public Map<String, TcpProxyStats> endpointStats() {
        return endpoints.stats();
    }

    /** Whether engines are still coming back after a Haneul restart. */
    public boolean recovering() {
        return recovery.recovering();
    }

    /** Whether an instance takes connections through the endpoints now: its engine runs and it is in the rotation. */
    public boolean serving(String instanceId) {
        return rotation.serving(instanceId);
    }

    /**
     * The status the API shows for {@code instance}: its recorded one, except that an instance
     * recorded {@code available} that does not serve (its engine is not answering, or it is out of
     * the rotation while Haneul repairs it) shows {@code starting} while Haneul recovers after a
     * restart and {@code rebooting} otherwise. {@code available} always means "connect and it answers".
     */
    @Override
    public InstanceStatus shownStatus(DbInstance instance) {
        if (!instance.status().equals(InstanceStatus.AVAILABLE) || serving(instance.identifier())) {
            return instance.status();
        }
        return recovery.recovering() ? InstanceStatus.STARTING : InstanceStatus.REBOOTING;
    }

    /**
     * The status the API shows for {@code cluster}: {@code available} only while its writer (if
     * it has one that was created) serves; {@code starting} otherwise.
     */
    @Override
    public ClusterStatus shownStatus(DbCluster cluster) {
        if (!cluster.status().equals(ClusterStatus.AVAILABLE) || !cluster.hasWriter() || serving(cluster.writer())) {
            return cluster.status();
        }
        boolean writerCreated = records.instance(cluster.writer()).map(i -> !i.status().equals(InstanceStatus.CREATING)
                && !i.status().equals(InstanceStatus.FAILED)).orElse(false);
        return writerCreated ? ClusterStatus.STARTING : cluster.status();
    }

    /** The supervised process of an instance's engine, for tests that simulate crashes. */
    public Optional<ManagedProcess> process(String instanceId) {
        InstanceEngine engine = rotation.engine(instanceId);
        return engine == null ? Optional.empty() : Optional.ofNullable(engine.process());
    }

    // ---- synchronous ----

    /**
     * Opens the cluster and reader endpoints now (a new cluster: the API returns the bound
     * port) and starts the monitor. Idempotent.
     */
    public void openBuiltInEndpoints() throws BindException {
        tasks.lock();
        try {
            DbCluster cluster = records.cluster().orElseThrow();
            Endpoint writer = endpoints.openCluster(cluster.port());
            if (writer.port() != records.cluster().orElseThrow().port()) {
                portMoved(writer.port());
            }
            endpoints.openReader(records.cluster().orElseThrow().port());
            rotation.publish();
            monitor.start();
        } finally {
            tasks.unlock();
        }
    }

    /**
     * After a Haneul restart: reopens every endpoint and brings every engine back (adopting those
     * still running), finishing whatever was in progress when Haneul stopped ({@link Recovery}).
     */
    public void recover() throws BindException {
        recovery.recover();
    }

    /** Why bringing this cluster back after a Haneul restart failed; empty if it did not. */
    public Optional<String> recoveryFailure() {
        return recovery.failure();
    }

    /**
     * Recovery stopped half-way: every instance not serving is {@code failed} (AWS's status for an
     * instance it cannot recover), never left {@code available} with no engine behind it. Also
     * called by the API when the endpoints could not even be reopened.
     */
    public void recoveryFailed(String reason) {
        recovery.failed(reason);
    }

    // ---- asynchronous operations, called by the API after it changed the state ----

    @Override
    public void apply(ClusterChange change) {
        switch (change) {
            case ClusterChange.ClusterCreated c -> clusterCreated();
            case ClusterChange.ClusterDeleted c -> deleteCluster();
            case ClusterChange.ClusterStopped c -> stopCluster();
            case ClusterChange.ClusterStarted c -> startCluster();
            case ClusterChange.MasterPasswordChanged c -> masterPasswordChanged();
            case ClusterChange.FailoverRequested f -> failover(f.target(), f.reason());
            case ClusterChange.InstanceCreated i -> tasks.task("create-" + i.instanceId(),
                    () -> lifecycle.create(i.instanceId()));
            case ClusterChange.InstanceRebooted i -> rebootInstance(i.instanceId(), i.repair());
            case ClusterChange.InstanceDeleted i -> tasks.lockedTask("delete-" + i.instanceId(),
                    () -> deleteInstanceLocked(i.instanceId()));
            case ClusterChange.EndpointCreated e -> customEndpointChanged(e.endpointId(), (id, membership) ->
                    endpoints.openCustom(id, membership, records.cluster().orElseThrow().port()));
            case ClusterChange.EndpointModified e -> customEndpointChanged(e.endpointId(), endpoints::updateCustom);
            case ClusterChange.EndpointDeleted e -> customEndpointDeleted(e.endpointId());
        }
    }

    private void clusterCreated() {
        tasks.task("create", () -> {
            records.updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            records.clusterEvent("DB cluster created", "creation");
        });
    }

    /**
     * Restarts an instance's engine; one that had {@code failed} ({@code repair}) is rebuilt
     * instead: a replica seeded again from the writer, a writer set up again.
     */
    private void rebootInstance(String instanceId, boolean repair) {
        if (repair) {
            tasks.task("repair-" + instanceId, () -> lifecycle.repair(instanceId, "rebooted after it failed"));
        } else {
            tasks.lockedTask("reboot-" + instanceId, () -> lifecycle.reboot(instanceId));
        }
    }

    /** Fails over to {@code targetId}, or to the best replica when {@code null}. */
    private void failover(@Nullable String targetId, String reason) {
        tasks.lockedTask("failover", () -> {
            if (!failover.failOver(targetId, reason, false, true)) {
                records.updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            }
        });
    }

    private void stopCluster() {
        tasks.lockedTask("stop", () -> {
            lifecycle.stopAll();
            records.updateCluster(c -> c.withStatus(ClusterStatus.STOPPED));
            records.clusterEvent("DB cluster stopped", "notification");
        });
    }

    private void startCluster() {
        tasks.lockedTask("start", () -> {
            lifecycle.startAll();
            records.updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            records.clusterEvent("DB cluster started", "notification");
        });
    }

    @FunctionalInterface
    private interface MembershipChange {
        void apply(String endpointId, CustomMembership membership) throws BindException;
    }

    /** Applies a custom endpoint's lists from the state to its proxy; the endpoint is then available. */
    private void customEndpointChanged(String endpointId, MembershipChange change) {
        tasks.lockedTask("endpoint-" + endpointId, () -> {
            Optional<CustomEndpoint> endpoint = records.endpoint(endpointId);
            if (endpoint.isPresent()) {
                change.apply(endpointId, ClusterContext.membership(endpoint.get()));
                records.updateEndpoint(endpointId, e -> e.withStatus(EndpointStatus.AVAILABLE));
            }
        });
    }

    private void customEndpointDeleted(String endpointId) {
        tasks.lockedTask("endpoint-" + endpointId, () -> {
            endpoints.close(ClusterEndpoints.custom(endpointId));
            records.removeEndpoint(endpointId);
        });
    }

    /** Applies the master password in the state to the writer (and so, by replication, everywhere). */
    void masterPasswordChanged() {
        tasks.lockedTask("master-password", () -> {
            DbCluster cluster = records.cluster().orElseThrow();
            InstanceEngine writer = rotation.engine(cluster.writer());
            if (cluster.hasWriter() && writer != null && rotation.contains(cluster.writer())) {
                writer.resetMasterUser(cluster.spec().masterUsername(), cluster.spec().masterPasswordHash());
            }
            // Without a writer, the next one to initialise the cluster uses the stored hash.
            records.updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            records.clusterEvent("Reset master credentials", "configuration change");
        });
    }

    /**
     * Deletes an instance (the lock held): it leaves the rotation; as the writer, a replica takes
     * over first, or, with none, the next instance to be created becomes the writer (and inherits
     * the data as the cluster volume when nobody else holds it); then the instance is removed.
     */
    void deleteInstanceLocked(String instanceId) throws Exception {
        if (records.instance(instanceId).isEmpty()) {
            return;
        }
        rotation.leave(instanceId);
        boolean keepAsVolume = false;
        if (records.cluster().orElseThrow().writer().equals(instanceId)) {
            boolean failedOver = failover.failOver(null, "the writer DB instance " + instanceId + " is being deleted",
                    false, false);
            if (!failedOver) {
                keepAsVolume = lifecycle.writerLeavesWithoutFailover(instanceId);
            }
        }
        lifecycle.remove(instanceId, keepAsVolume);
    }

    /** A crash: the writer's is a failover (or an in-place restart without replicas); a replica's a restart. */
    private void engineExited(String instanceId, ManagedProcess process) throws Exception {
        tasks.lock();
        try {
            InstanceEngine engine = rotation.engine(instanceId);
            Optional<DbInstance> instance = records.instance(instanceId);
            if (tasks.closed() || engine == null || engine.process() != process || instance.isEmpty()
                    || List.of(InstanceStatus.DELETING, InstanceStatus.STOPPING, InstanceStatus.STOPPED)
                            .contains(instance.get().status())) {
                return;
            }
            rotation.leave(instanceId);
            records.instanceEvent(instanceId, "DB instance engine exited unexpectedly", "failure");
            DbCluster cluster = records.cluster().orElseThrow();
            if (cluster.writer().equals(instanceId)
                    && failover.failOver(null, "the writer's engine exited unexpectedly", true, true)) {
                return;
            }
            records.updateInstance(instanceId, i -> i.withStatus(InstanceStatus.REBOOTING));
            lifecycle.restart(instanceId, engine);
        } finally {
            tasks.unlock();
        }
    }

    /**
     * Deletes the cluster once its last instance is gone (the API lets a cluster be deleted while
     * its instances are being deleted), then tells the owner.
     */
    void deleteCluster() {
        tasks.task("delete", () -> {
            tasks.lock();
            try {
                long deadline = System.nanoTime() + INSTANCES_GONE.toNanos();
                while (!records.instances().isEmpty() && System.nanoTime() < deadline) {
                    tasks.awaitChange(500);
                }
                if (!records.instances().isEmpty()) {
                    log.error("{} - instances {} still there after {}; deleting the cluster anyway", name,
                            records.instances().stream().map(DbInstance::identifier).toList(), INSTANCES_GONE);
                }
                tasks.markClosed();
                monitor.stop();
                for (String endpointName : List.copyOf(endpoints.endpoints().keySet())) {
                    endpoints.close(endpointName);
                }
                endpoints.close();
                InstanceEngine.deleteRecursively(volumeDir);
                records.write(s -> {
                    s.endpointsOf(clusterId).forEach(e -> s.removeEndpoint(e.identifier()));
                    s.removeCluster(clusterId);
                    s.add(records.clusterEventRecord("DB cluster deleted", "deletion"));
                    return null;
                });
                log.info("{} - deleted", name);
            } finally {
                tasks.unlock();
                onDeleted.run();
            }
        }, true);
    }

    private void portMoved(int port) {
        records.updateCluster(c -> c.withPort(port));
        records.clusterEvent("DB cluster endpoints moved to port " + port + ": the port was taken", "notification");
    }

    /** Stops the monitor and every task, and closes the endpoints; engines stay for the supervisor to stop. */
    @Override
    public void close() {
        tasks.markClosed();
        monitor.stop();
        tasks.interruptAll();
        tasks.lock();
        try {
            endpoints.close();
        } finally {
            tasks.unlock();
        }
    }
}

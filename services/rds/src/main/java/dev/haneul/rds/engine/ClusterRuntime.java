package dev.haneul.rds.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.net.Endpoint;
import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.process.ProcessExit;
import dev.haneul.core.process.ProcessListener;
import dev.haneul.core.process.ProcessSupervisor;
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
import dev.haneul.rds.model.RdsEvents;
import dev.haneul.rds.model.RdsState;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Aurora cluster: its engines, its replication and its endpoints, converging them to
 * the persisted state, as {@link ClusterControl} describes: the API changes the state (statuses
 * such as {@code creating} or {@code rebooting}) and hands {@link #apply} what changed; the work
 * runs on a virtual thread and ends by writing the final status.
 *
 * <h2>Concurrency</h2>
 * One lock per cluster serialises everything that changes roles or routing: becoming the writer,
 * seeding, failover, reboots, deletions, endpoint changes. Only the slow start of a new
 * instance's engine runs outside it, so several instances start in parallel. A task waiting for
 * something (a replica waiting for its writer) waits on the lock's condition, which every change
 * of routing signals. Lock order: this lock, then the store's; the API never holds the store's
 * lock while calling in here.
 *
 * <h2>Routing</h2>
 * An instance takes new connections ("routable") once its engine runs and its role is set up:
 * the writer after {@code read_only=OFF}, a replica once seeded and caught up. It leaves the
 * rotation before anything disturbs it (reboot, failover, deletion, crash). Every change is
 * published to the endpoints as a new {@link Topology}.
 *
 * <h2>Failover</h2>
 * See {@link #failoverLocked}: the old writer leaves the rotation (the cluster endpoint refuses
 * connections), every replica drains what it received, the target is chosen by
 * {@link FailoverPlanner} and first catches up from whichever replica received the most (with
 * semi-synchronous replication every acknowledged commit reached at least one replica), then is
 * promoted, the other replicas follow it, connections to the old and new writer are dropped, and
 * the old writer rejoins as a replica, rebuilt from the new writer if it committed anything the
 * new writer never received.
 *
 * <h2>Recovery and repair</h2>
 * After a Haneul restart ({@link #recover}) every instance comes back on its own: the writer is
 * published the moment it takes writes, each replica the moment it has caught up, so one slow or
 * broken instance never holds the others' endpoints. Nothing Haneul can fix itself ends
 * {@code failed}: a seed is retried with backoff, a replica whose replication broke or whose
 * seed was interrupted is rebuilt ({@link #repair}), and a {@code failed} instance is repaired by
 * a reboot. The API shows {@code available} only for what serves ({@link #shownStatus}).
 *
 * <p>Over 500 lines: roles, failover, recovery and repair all change the same rotation under the
 * same lock, and splitting them would spread that invariant over several classes.
 */
public final class ClusterRuntime implements ClusterControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterRuntime.class);

    /** How often the monitor looks at semi-synchronous state and replication health. */
    static final Duration MONITOR_INTERVAL = Duration.ofSeconds(1);
    /** Upper bound for a replica to catch up with its writer before it serves reads. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration ORPHAN_STOP = Duration.ofSeconds(30);
    /** How long a cluster deletion waits for the deletion of its instances. */
    private static final Duration INSTANCES_GONE = Duration.ofMinutes(5);
    /** Starting an engine, and seeding a replica, is tried this often before the instance is {@code failed}. */
    static final int SEED_ATTEMPTS = 5;
    /** The pause before the second attempt; it doubles after each (1 + 2 + 4 + 8 s in all). */
    private static final Duration SEED_RETRY_FIRST = Duration.ofSeconds(1);

    private final String clusterId;
    private final String name;
    private final Scope scope;
    private final ScopedStore<RdsState> store;
    private final EngineHost host;
    private final Function<String, Path> engineDirs;
    private final Path volumeDir;
    private final Clock clock;
    private final ClusterEndpoints endpoints;
    private final Runnable onDeleted;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, InstanceEngine> engines = new ConcurrentHashMap<>();
    private final Set<String> routable = ConcurrentHashMap.newKeySet();
    private final Set<Thread> tasks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean recovering = new AtomicBoolean();
    private final Map<String, String> reportedProblems = new ConcurrentHashMap<>();
    /** Makes computing and publishing a topology one step, so the last one published is the newest. */
    private final Object publishing = new Object();
    private volatile boolean closed;
    private volatile String semiSyncState = "";
    private volatile @Nullable String recoveryFailure;
    private @Nullable Thread monitor;

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
        this.store = requireNonNull(store, "store");
        this.host = requireNonNull(host, "host");
        this.engineDirs = requireNonNull(engineDirs, "engineDirs");
        this.volumeDir = requireNonNull(volumeDir, "volumeDir");
        this.clock = requireNonNull(clock, "clock");
        this.endpoints = endpointsFactory.apply(this::portMoved);
        this.onDeleted = requireNonNull(onDeleted, "onDeleted");
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
        return recovering.get();
    }

    /** Whether an instance takes connections through the endpoints now: its engine runs and it is in the rotation. */
    public boolean serving(String instanceId) {
        InstanceEngine engine = engines.get(instanceId);
        return engine != null && engine.running() && routable.contains(instanceId);
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
        return recovering.get() ? InstanceStatus.STARTING : InstanceStatus.REBOOTING;
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
        boolean writerCreated = instance(cluster.writer()).map(i -> !i.status().equals(InstanceStatus.CREATING)
                && !i.status().equals(InstanceStatus.FAILED)).orElse(false);
        return writerCreated ? ClusterStatus.STARTING : cluster.status();
    }

    /** The supervised process of an instance's engine, for tests that simulate crashes. */
    public Optional<ManagedProcess> process(String instanceId) {
        InstanceEngine engine = engines.get(instanceId);
        return engine == null ? Optional.empty() : Optional.ofNullable(engine.process());
    }

    // ---- synchronous ----

    /**
     * Opens the cluster and reader endpoints now (a new cluster: the API returns the bound
     * port) and starts the monitor. Idempotent.
     */
    public void openBuiltInEndpoints() throws BindException {
        lock.lock();
        try {
            DbCluster cluster = cluster().orElseThrow();
            Endpoint writer = endpoints.openCluster(cluster.port());
            if (writer.port() != cluster().orElseThrow().port()) {
                portMoved(writer.port());
            }
            endpoints.openReader(cluster().orElseThrow().port());
            publish();
            startMonitor();
        } finally {
            lock.unlock();
        }
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
            case ClusterChange.InstanceCreated i -> instanceCreated(i.instanceId());
            case ClusterChange.InstanceRebooted i -> rebootInstance(i.instanceId(), i.repair());
            case ClusterChange.InstanceDeleted i -> deleteInstance(i.instanceId());
            case ClusterChange.EndpointCreated e -> customEndpointCreated(e.endpointId());
            case ClusterChange.EndpointModified e -> customEndpointModified(e.endpointId());
            case ClusterChange.EndpointDeleted e -> customEndpointDeleted(e.endpointId());
        }
    }

    private void clusterCreated() {
        task("create", () -> {
            updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            clusterEvent("DB cluster created", "creation");
        });
    }

    private void instanceCreated(String instanceId) {
        task("create-" + instanceId, () -> createInstance(instanceId));
    }

    private void deleteInstance(String instanceId) {
        lockedTask("delete-" + instanceId, () -> deleteInstanceLocked(instanceId));
    }

    /**
     * Restarts an instance's engine; one that had {@code failed} ({@code repair}) is rebuilt
     * instead: a replica seeded again from the writer, a writer set up again.
     */
    private void rebootInstance(String instanceId, boolean repair) {
        if (repair) {
            task("repair-" + instanceId, () -> repair(instanceId, "rebooted after it failed"));
        } else {
            lockedTask("reboot-" + instanceId, () -> rebootLocked(instanceId));
        }
    }

    /** Fails over to {@code targetId}, or to the best replica when {@code null}. */
    private void failover(@Nullable String targetId, String reason) {
        lockedTask("failover", () -> {
            if (!failoverLocked(targetId, reason, false, true)) {
                updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            }
        });
    }

    private void stopCluster() {
        lockedTask("stop", () -> {
            routable.clear();
            publish();
            List<DbInstance> instances = instances();
            parallel(instances, instance -> {
                InstanceEngine engine = engines.get(instance.identifier());
                if (engine != null) {
                    engine.stop();
                }
                updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.STOPPED));
            });
            updateCluster(c -> c.withStatus(ClusterStatus.STOPPED));
            clusterEvent("DB cluster stopped", "notification");
        });
    }

    private void startCluster() {
        lockedTask("start", () -> {
            startAllLocked();
            updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            clusterEvent("DB cluster started", "notification");
        });
    }

    private void customEndpointCreated(String endpointId) {
        customEndpointChanged(endpointId, (id, membership) ->
                endpoints.openCustom(id, membership, cluster().orElseThrow().port()));
    }

    private void customEndpointModified(String endpointId) {
        customEndpointChanged(endpointId, endpoints::updateCustom);
    }

    @FunctionalInterface
    private interface MembershipChange {
        void apply(String endpointId, CustomMembership membership) throws BindException;
    }

    /** Applies a custom endpoint's lists from the state to its proxy; the endpoint is then available. */
    private void customEndpointChanged(String endpointId, MembershipChange change) {
        lockedTask("endpoint-" + endpointId, () -> {
            Optional<CustomEndpoint> endpoint = read(s -> s.endpoint(endpointId));
            if (endpoint.isPresent()) {
                change.apply(endpointId, membership(endpoint.get()));
                updateEndpoint(endpointId, e -> e.withStatus(EndpointStatus.AVAILABLE));
            }
        });
    }

    private void customEndpointDeleted(String endpointId) {
        lockedTask("endpoint-" + endpointId, () -> {
            endpoints.close(ClusterEndpoints.custom(endpointId));
            store.write(scope, s -> {
                s.removeEndpoint(endpointId);
                return null;
            });
        });
    }

    /** Applies the master password in the state to the writer (and so, by replication, everywhere). */
    private void masterPasswordChanged() {
        lockedTask("master-password", () -> {
            DbCluster cluster = cluster().orElseThrow();
            InstanceEngine writer = engines.get(cluster.writer());
            if (cluster.hasWriter() && writer != null && routable.contains(cluster.writer())) {
                writer.resetMasterUser(cluster.spec().masterUsername(), cluster.spec().masterPasswordHash());
            }
            // Without a writer, the next one to initialise the cluster uses the stored hash.
            updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            clusterEvent("Reset master credentials", "configuration change");
        });
    }

    /**
     * Deletes the cluster once its last instance is gone (the API lets a cluster be deleted while
     * its instances are being deleted), then tells the owner.
     */
    private void deleteCluster() {
        task("delete", () -> {
            lock.lock();
            try {
                long deadline = System.nanoTime() + INSTANCES_GONE.toNanos();
                while (!instances().isEmpty() && System.nanoTime() < deadline) {
                    changed.await(500, TimeUnit.MILLISECONDS);
                }
                if (!instances().isEmpty()) {
                    log.error("{} - instances {} still there after {}; deleting the cluster anyway", name,
                            instances().stream().map(DbInstance::identifier).toList(), INSTANCES_GONE);
                }
                closed = true;
                stopMonitor();
                for (String endpointName : List.copyOf(endpoints.endpoints().keySet())) {
                    endpoints.close(endpointName);
                }
                endpoints.close();
                InstanceEngine.deleteRecursively(volumeDir);
                store.write(scope, s -> {
                    s.endpointsOf(clusterId).forEach(e -> s.removeEndpoint(e.identifier()));
                    s.removeCluster(clusterId);
                    s.add(RdsEvents.cluster(scope, clusterId, "DB cluster deleted", "deletion", clock.instant()));
                    return null;
                });
                log.info("{} - deleted", name);
            } finally {
                lock.unlock();
                onDeleted.run();
            }
        }, true);
    }

    /**
     * After a Haneul restart: reopens every endpoint and brings every engine back (adopting those
     * still running), finishing whatever was in progress when Haneul stopped.
     */
    public void recover() throws BindException {
        recovering.set(true);
        lock.lock();
        try {
            DbCluster cluster = cluster().orElseThrow();
            endpoints.openCluster(cluster.port());
            endpoints.openReader(cluster().orElseThrow().port());
            for (DbInstance instance : instances()) {
                endpoints.openInstance(instance.identifier(), cluster().orElseThrow().port());
            }
            for (CustomEndpoint endpoint : read(s -> s.endpointsOf(clusterId))) {
                if (endpoint.status().equals(EndpointStatus.DELETING)) {
                    endpoints.close(ClusterEndpoints.custom(endpoint.identifier()));
                    store.write(scope, s -> {
                        s.removeEndpoint(endpoint.identifier());
                        return null;
                    });
                } else {
                    endpoints.openCustom(endpoint.identifier(), membership(endpoint), cluster().orElseThrow().port());
                    updateEndpoint(endpoint.identifier(), e -> e.withStatus(EndpointStatus.AVAILABLE));
                }
            }
            publish();
            startMonitor();
        } catch (BindException | RuntimeException e) {
            recovering.set(false);
            throw e;
        } finally {
            lock.unlock();
        }
        task("recover", () -> {
            try {
                lock.lock();
                try {
                    recoverLocked();
                } catch (Exception e) {
                    recoveryFailed(firstLine(e));
                    throw e;
                } finally {
                    lock.unlock();
                }
            } finally {
                recovering.set(false);
            }
        });
    }

    /** Why bringing this cluster back after a Haneul restart failed; empty if it did not. */
    public Optional<String> recoveryFailure() {
        return Optional.ofNullable(recoveryFailure);
    }

    /**
     * Recovery stopped half-way: every instance not serving is {@code failed} (AWS's status for an
     * instance it cannot recover), never left {@code available} with no engine behind it. Also
     * called by the API when the endpoints could not even be reopened.
     */
    public void recoveryFailed(String reason) {
        recoveryFailure = reason;
        log.error("{} - could not be brought back: {}", name, reason);
        for (DbInstance instance : instances()) {
            if (!routable.contains(instance.identifier()) && !instance.status().equals(InstanceStatus.DELETING)) {
                try {
                    updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.FAILED));
                    instanceEvent(instance.identifier(), "DB instance could not be recovered: " + reason, "failure");
                } catch (RuntimeException e) {
                    log.error("{} - cannot mark {} failed: {}", name, instance.identifier(), e.getMessage());
                }
            }
        }
    }

    // ---- workflows ----

    private void createInstance(String instanceId) throws Exception {
        Optional<DbInstance> created = instance(instanceId);
        if (created.isEmpty()) {
            return;
        }
        InstanceEngine engine = engine(created.get());
        lock.lock();
        try {
            endpoints.openInstance(instanceId, cluster().orElseThrow().port());
            if (cluster().orElseThrow().writer().equals(instanceId)) {
                takeVolume(engine);
            }
        } finally {
            lock.unlock();
        }
        Duration pause = SEED_RETRY_FIRST;
        for (int attempt = 1; ; attempt++) {
            try {
                engine.start(exitListener(instanceId));
                break;
            } catch (IOException | SQLException | RuntimeException e) {
                if (attempt >= SEED_ATTEMPTS) {
                    log.error("{} - DB instance {} could not start", name, instanceId, e);
                    updateInstance(instanceId, i -> i.withStatus(InstanceStatus.FAILED));
                    instanceEvent(instanceId, "DB instance failed to start: " + firstLine(e), "failure");
                    return;
                }
                log.warn("{} - {} did not start (attempt {} of {}), retrying in {}: {}", name, instanceId, attempt,
                        SEED_ATTEMPTS, pause, firstLine(e));
                instanceEvent(instanceId, "DB instance engine did not start (attempt " + attempt + " of " + SEED_ATTEMPTS
                        + "): " + firstLine(e) + "; retrying in " + pause.toSeconds() + " s", "notification");
            }
            Thread.sleep(pause);
            pause = pause.multipliedBy(2);
            if (closed || instance(instanceId).map(i -> i.status().equals(InstanceStatus.DELETING)).orElse(true)) {
                return;
            }
        }
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return;
                }
                Optional<DbInstance> instance = instance(instanceId);
                if (instance.isEmpty() || instance.get().status().equals(InstanceStatus.DELETING)) {
                    return;
                }
                DbCluster cluster = cluster().orElseThrow();
                if (cluster.writer().equals(instanceId)) {
                    if (takeVolume(engine)) {
                        engine.start(exitListener(instanceId));
                    }
                    engine.makeWriter();
                    engine.initializeCluster(cluster.spec().masterUsername(), cluster.spec().masterPasswordHash(),
                            cluster.spec().databaseName());
                    break;
                }
                if (engines.get(cluster.writer()) != null && routable.contains(cluster.writer())) {
                    if (!seedFromWriter(instanceId, engine)) {
                        return;
                    }
                    break;
                }
                changed.await(500, TimeUnit.MILLISECONDS);
            }
            routable.add(instanceId);
            updateInstance(instanceId, i -> i.withStatus(InstanceStatus.AVAILABLE));
            publish();
            instanceEvent(instanceId, "DB instance created", "creation");
        } catch (SQLException | IOException e) {
            log.error("{} - DB instance {} could not be set up", name, instanceId, e);
            updateInstance(instanceId, i -> i.withStatus(InstanceStatus.FAILED));
            instanceEvent(instanceId, "DB instance failed: " + firstLine(e), "failure");
        } finally {
            lock.unlock();
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
                engine.start(exitListener(instanceId));
            }
            DbCluster cluster = cluster().orElseThrow();
            InstanceEngine writer = engines.get(cluster.writer());
            try {
                if (writer == null || writer == engine || !routable.contains(cluster.writer())) {
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
                instanceEvent(instanceId, "Seeding from the writer failed (attempt " + attempt + " of " + SEED_ATTEMPTS
                        + "): " + firstLine(e) + "; retrying in " + pause.toSeconds() + " s", "notification");
            }
            pause(pause);
            pause = pause.multipliedBy(2);
            Optional<DbInstance> instance = instance(instanceId);
            if (closed || instance.isEmpty() || instance.get().status().equals(InstanceStatus.DELETING)) {
                return false;
            }
        }
    }

    /** Waits {@code duration}; with the lock held, on its condition (so others may go on meanwhile). */
    private void pause(Duration duration) throws InterruptedException {
        if (!lock.isHeldByCurrentThread()) {
            Thread.sleep(duration);
            return;
        }
        long remaining = duration.toNanos();
        while (remaining > 0) {
            remaining = changed.awaitNanos(remaining);
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

    private void rebootLocked(String instanceId) throws Exception {
        InstanceEngine engine = engines.get(instanceId);
        if (engine == null || instance(instanceId).isEmpty()) {
            return;
        }
        leaveRotation(instanceId);
        engine.stop();
        InetSocketAddress backend = engine.backend();
        if (backend != null) {
            endpoints.dropConnectionsTo(backend);
        }
        restart(instanceId, engine);
    }

    /** Starts an instance's engine again in its role, back in the rotation. */
    private void restart(String instanceId, InstanceEngine engine) throws Exception {
        engine.start(exitListener(instanceId));
        setUpRole(instanceId, engine);
        routable.add(instanceId);
        updateInstance(instanceId, i -> i.withStatus(InstanceStatus.AVAILABLE));
        publish();
        instanceEvent(instanceId, "DB instance restarted", "availability");
    }

    /** After a (re)start: the writer takes writes again and its replicas follow it; a replica follows the writer. */
    private void setUpRole(String instanceId, InstanceEngine engine) throws Exception {
        DbCluster cluster = cluster().orElseThrow();
        if (cluster.writer().equals(instanceId)) {
            engine.makeWriter();
            for (String replicaId : routable) {
                InstanceEngine replica = engines.get(replicaId);
                if (replica != null && !replicaId.equals(instanceId) && !replica.replicatesFrom(engine)) {
                    replica.replicateFrom(engine);
                }
            }
            return;
        }
        InstanceEngine writer = engines.get(cluster.writer());
        if (writer == null || !writer.running()) {
            return; // it follows the writer once there is one again (failover or writer restart)
        }
        if (engine.divergedSince(GtidPosition.parse(cluster.lastPromotion()))) {
            instanceEvent(instanceId, "DB instance rebuilt from writer " + writer.id()
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
        engine.start(exitListener(instanceId));
        if (!seedFromWriter(instanceId, engine)) {
            throw new IOException(instanceId + " was deleted while it was being rebuilt");
        }
    }

    /**
     * Brings an instance back into service whatever state it is in: a replica is rebuilt from the
     * writer (with retries), the writer is started and set up again. It is {@code failed} only
     * when that fails too; the event says why. Takes the lock.
     */
    private void repair(String instanceId, String reason) throws Exception {
        lock.lock();
        try {
            Optional<DbInstance> instance = instance(instanceId);
            if (closed || instance.isEmpty() || instance.get().status().equals(InstanceStatus.DELETING)) {
                return;
            }
            leaveRotation(instanceId);
            updateInstance(instanceId, i -> i.withStatus(InstanceStatus.REBOOTING));
            InstanceEngine engine = engine(instance.get());
            DbCluster cluster = cluster().orElseThrow();
            try {
                if (cluster.writer().equals(instanceId)) {
                    engine.start(exitListener(instanceId));
                    engine.makeWriter();
                    engine.initializeCluster(cluster.spec().masterUsername(), cluster.spec().masterPasswordHash(),
                            cluster.spec().databaseName());
                    instanceEvent(instanceId, "DB instance repaired: " + reason, "recovery");
                } else {
                    instanceEvent(instanceId, "DB instance rebuilt from the writer: " + reason, "recovery");
                    rebuild(instanceId, engine);
                }
            } catch (SQLException | IOException e) {
                log.error("{} - {} could not be repaired", name, instanceId, e);
                updateInstance(instanceId, i -> i.withStatus(InstanceStatus.FAILED));
                instanceEvent(instanceId, "DB instance failed: " + firstLine(e), "failure");
                return;
            }
            routable.add(instanceId);
            updateInstance(instanceId, i -> i.withStatus(InstanceStatus.AVAILABLE));
            publish();
        } finally {
            lock.unlock();
        }
    }

    private void deleteInstanceLocked(String instanceId) throws Exception {
        Optional<DbInstance> instance = instance(instanceId);
        if (instance.isEmpty()) {
            return;
        }
        InstanceEngine engine = engines.get(instanceId);
        leaveRotation(instanceId);
        DbCluster cluster = cluster().orElseThrow();
        Path dir = engineDirs.apply(instanceId);
        boolean keepAsVolume = false;
        if (cluster.writer().equals(instanceId)) {
            boolean failedOver = failoverLocked(null, "the writer DB instance " + instanceId + " is being deleted",
                    false, false);
            if (!failedOver) {
                List<DbInstance> others = instances().stream()
                        .filter(i -> !i.identifier().equals(instanceId) && !i.status().equals(InstanceStatus.DELETING))
                        .toList();
                // Nobody holds the cluster's data but this instance: keep it as the cluster volume,
                // for whichever instance becomes the writer next.
                keepAsVolume = Files.isDirectory(dir.resolve("data"))
                        && others.stream().allMatch(i -> i.status().equals(InstanceStatus.CREATING));
                String next = others.isEmpty() ? "" : others.getFirst().identifier();
                updateCluster(c -> c.withWriter(next).withStatus(ClusterStatus.AVAILABLE));
            }
        }
        endpoints.close(ClusterEndpoints.instance(instanceId));
        if (engine != null) {
            InetSocketAddress backend = engine.backend();
            engine.stop();
            if (backend != null) {
                endpoints.dropConnectionsTo(backend);
            }
        }
        if (keepAsVolume) {
            InstanceEngine.deleteRecursively(volumeDir);
            Files.createDirectories(volumeDir);
            Files.move(dir.resolve("data"), volumeDir.resolve("data"), StandardCopyOption.ATOMIC_MOVE);
            log.info("{} - kept the data of {} as the cluster volume", name, instanceId);
        }
        InstanceEngine.deleteRecursively(dir);
        engines.remove(instanceId);
        List<CustomEndpoint> changedEndpoints = store.write(scope, s -> {
            s.removeInstance(instanceId);
            List<CustomEndpoint> updated = new ArrayList<>();
            for (CustomEndpoint e : s.endpointsOf(clusterId)) {
                CustomEndpoint without = e.without(instanceId);
                if (!without.equals(e)) {
                    s.put(without);
                    updated.add(without);
                }
            }
            s.add(RdsEvents.instance(scope, instanceId, "DB instance deleted", "deletion", clock.instant()));
            return updated;
        });
        for (CustomEndpoint e : changedEndpoints) {
            if (endpoints.endpoint(ClusterEndpoints.custom(e.identifier())).isPresent()) {
                endpoints.updateCustom(e.identifier(), membership(e));
            }
        }
        publish();
    }

    /**
     * Moves the cluster volume (data kept when the last instance was deleted) into a new writer's
     * directory, replacing the template copy it may have started with. Returns whether it did.
     */
    private boolean takeVolume(InstanceEngine engine) throws IOException {
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

    /**
     * The failover itself; see the class comment. Returns false, changing nothing, when there is
     * no replica to promote.
     *
     * @param targetId the replica to promote, or {@code null} for the planner's choice
     * @param crashed whether the old writer's engine died (nothing to ask it)
     * @param rejoinOld whether the old writer comes back as a replica (not when it is being deleted)
     */
    private boolean failoverLocked(@Nullable String targetId, String reason, boolean crashed, boolean rejoinOld)
            throws Exception {
        long start = System.nanoTime();
        DbCluster cluster = cluster().orElseThrow();
        String oldId = cluster.writer();
        InstanceEngine old = engines.get(oldId);
        List<InstanceEngine> replicas = new ArrayList<>();
        for (DbInstance instance : instances()) {
            InstanceEngine engine = engines.get(instance.identifier());
            if (!instance.identifier().equals(oldId) && engine != null && engine.running()
                    && routable.contains(instance.identifier())) {
                replicas.add(engine);
            }
        }
        if (replicas.isEmpty() || (targetId != null && replicas.stream().noneMatch(r -> r.id().equals(targetId)))) {
            return false;
        }
        updateCluster(c -> c.withStatus(ClusterStatus.FAILING_OVER));
        clusterEvent("Started failover of the DB cluster: " + reason, "failover");
        log.info("{} - failing over from {}: {}", name, oldId, reason);
        leaveRotation(oldId);
        InetSocketAddress oldBackend = old == null ? null : old.backend();

        boolean oldAnswers = !crashed && old != null && old.running();
        GtidPosition oldPosition = GtidPosition.EMPTY;
        if (oldAnswers && old != null) {
            try {
                old.setReadOnly();
                oldPosition = old.binlogPosition();
            } catch (SQLException e) {
                log.warn("{} - old writer {} does not answer ({}); failing over without it", name, oldId, e.getMessage());
                oldAnswers = false;
            }
        }
        Map<String, InstanceEngine> byId = new LinkedHashMap<>();
        List<FailoverPlanner.Candidate> candidates = new ArrayList<>();
        for (InstanceEngine replica : replicas) {
            try {
                GtidPosition applied;
                if (oldAnswers) {
                    replica.awaitApplied(oldPosition, DRAIN);
                    applied = replica.drain(DRAIN);
                } else {
                    applied = replica.drain(DRAIN);
                }
                DbInstance instance = instance(replica.id()).orElseThrow();
                candidates.add(new FailoverPlanner.Candidate(replica.id(), instance.promotionTier(),
                        instance.sequence(), applied));
                byId.put(replica.id(), replica);
            } catch (SQLException e) {
                log.warn("{} - replica {} does not answer ({}); not a failover candidate", name, replica.id(),
                        e.getMessage());
            }
        }
        Optional<FailoverPlanner.Candidate> chosen = targetId != null
                ? candidates.stream().filter(c -> c.id().equals(targetId)).findFirst()
                : FailoverPlanner.choose(candidates);
        if (chosen.isEmpty()) {
            log.error("{} - no replica can take over from {}", name, oldId);
            if (oldAnswers && old != null) {
                old.makeWriter();
                routable.add(oldId);
            }
            for (InstanceEngine replica : byId.values()) {
                resumeQuietly(replica, old);
            }
            publish();
            updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            clusterEvent("Failover failed: no replica could take over", "failover");
            return false;
        }
        FailoverPlanner.Candidate target = chosen.get();
        InstanceEngine newWriter = requireNonNull(byId.get(target.id()), "the chosen candidate's engine");
        FailoverPlanner.Candidate most = FailoverPlanner.mostAdvanced(candidates).orElseThrow();
        if (!target.applied().covers(most.applied())) {
            log.info("{} - {} catches up from {} ({} < {}) before promotion", name, target.id(), most.id(),
                    target.applied(), most.applied());
            newWriter.replicateFrom(requireNonNull(byId.get(most.id()), "the most advanced candidate's engine"));
            if (!newWriter.awaitApplied(most.applied(), DRAIN)) {
                log.warn("{} - {} did not catch up with {} in {}", name, target.id(), most.id(), DRAIN);
            }
        }
        leaveRotation(target.id());
        GtidPosition promotion = newWriter.promote();
        if (newWriter.backend() != null) {
            endpoints.dropConnectionsTo(newWriter.backend());
        }
        if (oldBackend != null) {
            endpoints.dropConnectionsTo(oldBackend);
        }
        updateCluster(c -> c.withPromotion(target.id(), promotion.toString()).withStatus(ClusterStatus.AVAILABLE));
        routable.add(target.id());
        publish();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        log.info("{} - failed over from {} to {} in {} ms (position {})", name, oldId, target.id(), millis, promotion);
        clusterEvent("Completed failover to DB instance: " + target.id() + " in " + millis + " ms", "failover");
        for (InstanceEngine replica : byId.values()) {
            if (!replica.id().equals(target.id())) {
                try {
                    replica.replicateFrom(newWriter);
                } catch (SQLException e) {
                    log.warn("{} - {} could not follow the new writer {}: {}", name, replica.id(), target.id(),
                            e.getMessage());
                }
            }
        }
        if (rejoinOld && old != null && instance(oldId).isPresent()) {
            updateInstance(oldId, i -> i.withStatus(InstanceStatus.REBOOTING));
            task("rejoin-" + oldId, () -> rejoin(oldId));
        }
        return true;
    }

    private void resumeQuietly(InstanceEngine replica, @Nullable InstanceEngine master) {
        if (master == null || !master.running()) {
            return;
        }
        try {
            replica.replicateFrom(master);
        } catch (SQLException e) {
            log.warn("{} - {} could not resume replication: {}", name, replica.id(), e.getMessage());
        }
    }

    /** The old writer of a failover comes back as a replica of the new one. */
    private void rejoin(String instanceId) throws Exception {
        lock.lock();
        try {
            Optional<DbInstance> instance = instance(instanceId);
            InstanceEngine engine = engines.get(instanceId);
            if (closed || instance.isEmpty() || engine == null || instance.get().status().equals(InstanceStatus.DELETING)) {
                return;
            }
            if (!engine.running()) {
                engine.start(exitListener(instanceId));
            }
            setUpRole(instanceId, engine);
            routable.add(instanceId);
            updateInstance(instanceId, i -> i.withStatus(InstanceStatus.AVAILABLE));
            publish();
            instanceEvent(instanceId, "DB instance restarted as a reader of " + cluster().orElseThrow().writer(),
                    "availability");
        } finally {
            lock.unlock();
        }
    }

    /** A crash: the writer's is a failover (or an in-place restart without replicas); a replica's a restart. */
    private void engineExited(String instanceId, ManagedProcess process) throws Exception {
        lock.lock();
        try {
            InstanceEngine engine = engines.get(instanceId);
            Optional<DbInstance> instance = instance(instanceId);
            if (closed || engine == null || engine.process() != process || instance.isEmpty()
                    || List.of(InstanceStatus.DELETING, InstanceStatus.STOPPING, InstanceStatus.STOPPED).contains(instance.get().status())) {
                return;
            }
            leaveRotation(instanceId);
            instanceEvent(instanceId, "DB instance engine exited unexpectedly", "failure");
            DbCluster cluster = cluster().orElseThrow();
            if (cluster.writer().equals(instanceId)
                    && failoverLocked(null, "the writer's engine exited unexpectedly", true, true)) {
                return;
            }
            updateInstance(instanceId, i -> i.withStatus(InstanceStatus.REBOOTING));
            restart(instanceId, engine);
        } finally {
            lock.unlock();
        }
    }

    private void startAllLocked() throws Exception {
        List<DbInstance> instances = instances();
        for (DbInstance instance : instances) {
            updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.STARTING));
        }
        parallel(instances, instance -> engine(instance).start(exitListener(instance.identifier())));
        DbCluster cluster = cluster().orElseThrow();
        InstanceEngine writer = engines.get(cluster.writer());
        if (writer != null && writer.running()) {
            writer.makeWriter();
            routable.add(writer.id());
        }
        for (DbInstance instance : instances) {
            InstanceEngine engine = engines.get(instance.identifier());
            if (engine == null || !engine.running()) {
                updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.FAILED));
                continue;
            }
            if (!instance.identifier().equals(cluster.writer())) {
                setUpRole(instance.identifier(), engine);
                routable.add(instance.identifier());
            }
            updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.AVAILABLE));
        }
        publish();
    }

    /**
     * Finishes or rolls back what a killed Haneul left half-done, and brings every engine back.
     * Healthy instances serve again within seconds: each one is published to the endpoints as
     * soon as it is ready, the writer first, never waiting for another instance. What needs more
     * work (a replica whose seed was interrupted, that diverged or whose replication broke) is
     * repaired afterwards by its own task; an instance still being created is created again.
     */
    private void recoverLocked() throws Exception {
        DbCluster cluster = cluster().orElseThrow();
        for (DbInstance instance : instances()) {
            try {
                Seeder.removeLeftovers(engineDirs.apply(instance.identifier()));
            } catch (IOException e) {
                log.warn("{} - cannot remove the seed files of {}: {}", name, instance.identifier(), e.toString());
            }
        }
        for (DbInstance instance : instances()) {
            // The writer's deletion is finished below, once a replica can take over properly.
            if (instance.status().equals(InstanceStatus.DELETING) && !instance.identifier().equals(cluster.writer())) {
                ProcessSupervisor.stopOrphans(engineDirs.apply(instance.identifier()), ORPHAN_STOP);
                deleteInstanceLocked(instance.identifier());
            }
        }
        List<DbInstance> instances = instances();
        switch (cluster.status()) {
            case STOPPED, STOPPING -> {
                for (DbInstance instance : instances) {
                    ProcessSupervisor.stopOrphans(engineDirs.apply(instance.identifier()), ORPHAN_STOP);
                    updateInstance(instance.identifier(), i -> i.withStatus(InstanceStatus.STOPPED));
                }
                updateCluster(c -> c.withStatus(ClusterStatus.STOPPED));
                return;
            }
            case DELETING -> {
                deleteCluster();
                return;
            }
            default -> { }
        }
        List<DbInstance> creating = instances.stream().filter(i -> i.status().equals(InstanceStatus.CREATING)).toList();
        List<DbInstance> existing = instances.stream().filter(i -> !i.status().equals(InstanceStatus.CREATING)).toList();
        Map<String, String> repairs = recoverExisting(existing);
        DbCluster now = cluster().orElseThrow();
        if (instance(now.writer()).filter(i -> i.status().equals(InstanceStatus.DELETING)).isPresent()) {
            deleteInstanceLocked(now.writer()); // fails over first, as the deletion would have
        } else if (now.hasWriter() && !routable.contains(now.writer()) && instance(now.writer()).isPresent()
                && creating.stream().noneMatch(i -> i.identifier().equals(now.writer()))) {
            if (!failoverLocked(null, "the writer's engine did not come back", true, true)) {
                log.error("{} - writer {} did not come back and no replica can take over", name, now.writer());
            }
        }
        for (DbInstance instance : creating) {
            String id = instance.identifier();
            boolean writer = id.equals(cluster.writer());
            task("create-" + id, () -> {
                if (!writer) {
                    // A replica seeds again from the start; its old engine is stopped first, after
                    // the healthy instances are back (stopping it takes a second or two).
                    ProcessSupervisor.stopOrphans(engineDirs.apply(id), ORPHAN_STOP);
                    engine(instance).wipeData();
                    Seeder.removeMarker(engineDirs.apply(id));
                }
                createInstance(id);
            });
        }
        repairs.forEach((id, reason) -> task("repair-" + id, () -> repair(id, reason)));
        if (cluster().orElseThrow().status().equals(ClusterStatus.RESETTING_MASTER_CREDENTIALS)) {
            masterPasswordChanged(); // the new password was recorded but maybe not applied
        } else {
            updateCluster(c -> List.of(ClusterStatus.AVAILABLE, ClusterStatus.STOPPED).contains(c.status()) ? c
                    : c.withStatus(ClusterStatus.AVAILABLE));
        }
        log.info("{} - recovered: writer {}, routable {}", name, cluster().orElseThrow().writer(), routable);
    }

    /**
     * Starts (or adopts) the engines of instances that existed before the restart, all at once:
     * the writer takes writes and is published as soon as its engine answers; each replica, once
     * its engine answers and the writer is up, follows it and is published on its own. Returns
     * the replicas that need a rebuild, with the reason.
     */
    private Map<String, String> recoverExisting(List<DbInstance> existing) throws InterruptedException {
        Map<String, String> repairs = new ConcurrentHashMap<>();
        DbCluster cluster = cluster().orElseThrow();
        CountDownLatch writerReady = new CountDownLatch(1);
        if (existing.stream().noneMatch(i -> i.identifier().equals(cluster.writer()))) {
            writerReady.countDown();
        }
        List<Thread> threads = new ArrayList<>();
        for (DbInstance instance : existing) {
            String id = instance.identifier();
            threads.add(Thread.ofVirtual().name(name + "-recover-" + id).start(() -> {
                boolean writer = id.equals(cluster.writer());
                try {
                    InstanceEngine engine = engine(instance);
                    engine.start(exitListener(id));
                    if (writer) {
                        engine.makeWriter();
                        inService(id);
                    } else {
                        writerReady.await();
                        recoverReplica(id, engine, cluster).ifPresent(reason -> repairs.put(id, reason));
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
    private Optional<String> recoverReplica(String id, InstanceEngine engine, DbCluster cluster) throws SQLException {
        if (Seeder.interrupted(engine.dir())) {
            return Optional.of("its seed from the writer was interrupted by a restart");
        }
        InstanceEngine writer = engines.get(cluster.writer());
        if (writer == null || !writer.running() || !routable.contains(cluster.writer())) {
            inService(id); // it follows whichever replica the failover promotes
            return Optional.empty();
        }
        if (engine.divergedSince(GtidPosition.parse(cluster.lastPromotion()))) {
            return Optional.of("it had transactions the writer never received");
        }
        try {
            if (!engine.replicatesFrom(writer)) {
                engine.replicateFrom(writer);
            }
            GtidPosition target = writer.currentPosition();
            if (!engine.awaitApplied(target, CATCH_UP)) {
                return Optional.of("it did not reach the writer's position " + target + " within " + CATCH_UP);
            }
        } catch (SQLException e) {
            return Optional.of(firstLine(e));
        }
        inService(id);
        return Optional.empty();
    }

    /**
     * Puts an instance whose engine is ready into the rotation, records it available (unless it is
     * being deleted) and publishes.
     */
    private void inService(String instanceId) {
        routable.add(instanceId);
        updateInstance(instanceId, i -> i.status().equals(InstanceStatus.DELETING) ? i : i.withStatus(InstanceStatus.AVAILABLE));
        publish();
    }

    // ---- monitoring ----

    private void startMonitor() {
        if (monitor != null || closed) {
            return;
        }
        monitor = Thread.ofVirtual().name(name + "-monitor").start(() -> {
            while (!closed) {
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

    private void stopMonitor() {
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
        Optional<DbCluster> cluster = cluster();
        if (cluster.isEmpty() || !cluster.get().status().equals(ClusterStatus.AVAILABLE) || !cluster.get().hasWriter()) {
            return;
        }
        String writerId = cluster.get().writer();
        InstanceEngine writer = engines.get(writerId);
        if (writer != null && routable.contains(writerId)) {
            try {
                InstanceEngine.SemiSync semiSync = writer.semiSync();
                String state = writerId + (semiSync.on() ? ":on" : ":off");
                if (!state.equals(semiSyncState)) {
                    semiSyncState = state;
                    instanceEvent(writerId, semiSync.on()
                            ? "Semi-synchronous replication on: " + semiSync.clients()
                                    + " replica(s) acknowledge each commit before it returns"
                            : "Semi-synchronous replication off: no replica acknowledges commits, the writer commits "
                                    + "asynchronously until one does", "notification");
                }
            } catch (SQLException e) {
                log.debug("{} - monitor cannot ask writer {}: {}", name, writerId, e.getMessage());
            }
        }
        for (String replicaId : routable) {
            InstanceEngine replica = engines.get(replicaId);
            if (replica == null || replicaId.equals(writerId)) {
                continue;
            }
            try {
                ReplicaStatus status = replica.replicaStatus();
                if (status.broken() && reportedProblems.putIfAbsent(replicaId, status.problem()) == null) {
                    log.warn("{} - replication of {} broke: {}; rebuilding it", name, replicaId, status.problem());
                    task("rebuild-" + replicaId, () -> rebuildBroken(replicaId, status.problem()));
                }
            } catch (SQLException e) {
                log.debug("{} - monitor cannot ask {}: {}", name, replicaId, e.getMessage());
            }
        }
    }

    private void rebuildBroken(String replicaId, String problem) throws Exception {
        try {
            InstanceEngine replica = engines.get(replicaId);
            DbCluster cluster = cluster().orElseThrow();
            if (closed || replica == null || replicaId.equals(cluster.writer()) || !replica.replicaStatus().broken()) {
                return;
            }
            repair(replicaId, "replication stopped (" + problem + ")");
        } finally {
            reportedProblems.remove(replicaId);
        }
    }

    // ---- helpers ----

    private InstanceEngine engine(DbInstance instance) {
        return engines.computeIfAbsent(instance.identifier(), id -> new InstanceEngine("rds/" + id,
                "rds/" + scope.region() + "/" + id, id, instance.serverId(), engineDirs.apply(id),
                cluster().orElseThrow().spec().adminPassword(), host));
    }

    private ProcessListener exitListener(String instanceId) {
        return new ProcessListener() {
            @Override
            public void onExit(ManagedProcess process, ProcessExit exit) {
                if (!exit.expected() && !closed) {
                    log.warn("{} - engine of {} exited: {}", name, instanceId, exit);
                    task("crash-" + instanceId, () -> engineExited(instanceId, process));
                }
            }
        };
    }

    private void leaveRotation(String instanceId) {
        if (routable.remove(instanceId)) {
            publish();
        }
    }

    /** Publishes the routing computed from the state, the engines and the rotation; wakes waiting tasks. */
    private void publish() {
        synchronized (publishing) {
            Optional<DbCluster> cluster = cluster();
            if (cluster.isEmpty()) {
                return;
            }
            Map<String, Topology.Member> members = new LinkedHashMap<>();
            for (DbInstance instance : instances()) {
                InstanceEngine engine = engines.get(instance.identifier());
                members.put(instance.identifier(), new Topology.Member(instance.identifier(),
                        engine == null ? null : engine.backend(),
                        routable.contains(instance.identifier()) && engine != null && engine.running()));
            }
            endpoints.publish(new Topology(cluster.get().writer(), members));
        }
        if (lock.isHeldByCurrentThread()) {
            changed.signalAll();
        }
    }

    private CustomMembership membership(CustomEndpoint endpoint) {
        return CustomMembership.of(endpoint.type(), endpoint.staticMembers(), endpoint.excludedMembers());
    }

    private void portMoved(int port) {
        updateCluster(c -> c.withPort(port));
        clusterEvent("DB cluster endpoints moved to port " + port + ": the port was taken", "notification");
    }

    private Optional<DbCluster> cluster() {
        return read(s -> s.cluster(clusterId));
    }

    private Optional<DbInstance> instance(String id) {
        return read(s -> s.instance(id).filter(i -> i.clusterIdentifier().equals(clusterId)));
    }

    private List<DbInstance> instances() {
        return read(s -> s.instancesOf(clusterId));
    }

    private <R> R read(Function<RdsState, R> reader) {
        return store.read(scope, reader);
    }

    private void updateCluster(UnaryOperator<DbCluster> change) {
        store.write(scope, s -> {
            s.cluster(clusterId).ifPresent(c -> s.put(change.apply(c)));
            return null;
        });
    }

    private void updateInstance(String id, UnaryOperator<DbInstance> change) {
        store.write(scope, s -> {
            s.instance(id).ifPresent(i -> s.put(change.apply(i)));
            return null;
        });
    }

    private void updateEndpoint(String id, UnaryOperator<CustomEndpoint> change) {
        store.write(scope, s -> {
            s.endpoint(id).ifPresent(e -> s.put(change.apply(e)));
            return null;
        });
    }

    private void clusterEvent(String message, String category) {
        store.write(scope, s -> {
            s.add(RdsEvents.cluster(scope, clusterId, message, category, clock.instant()));
            return null;
        });
    }

    private void instanceEvent(String instanceId, String message, String category) {
        store.write(scope, s -> {
            s.add(RdsEvents.instance(scope, instanceId, message, category, clock.instant()));
            return null;
        });
    }

    /** Work that may throw anything; it is logged with the cluster's name. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface InstanceWork {
        void run(DbInstance instance) throws Exception;
    }

    private void task(String what, Work work) {
        task(what, work, false);
    }

    /** A task that runs under the cluster's lock. */
    private void lockedTask(String what, Work work) {
        task(what, () -> {
            lock.lock();
            try {
                work.run();
            } finally {
                lock.unlock();
            }
        });
    }

    private void task(String what, Work work, boolean evenIfClosed) {
        if (closed && !evenIfClosed) {
            return;
        }
        Thread thread = Thread.ofVirtual().name(name + "-" + what).unstarted(() -> {
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.info("{} - {} interrupted", name, what);
            } catch (Exception e) {
                log.error("{} - {} failed", name, what, e);
            } finally {
                tasks.remove(Thread.currentThread());
            }
        });
        tasks.add(thread);
        thread.start();
    }

    /** Runs {@code work} for every instance at once, and waits for all; the first failure is rethrown. */
    private void parallel(List<DbInstance> instances, InstanceWork work) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        for (DbInstance instance : instances) {
            threads.add(Thread.ofVirtual().name(name + "-" + instance.identifier()).start(() -> {
                try {
                    work.run(instance);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(e);
                } catch (Exception e) {
                    log.error("{} - {}: {}", name, instance.identifier(), e.toString());
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failures.stream().anyMatch(InterruptedException.class::isInstance)) {
            throw new InterruptedException(name + " - interrupted");
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Stops the monitor and every task, and closes the endpoints; engines stay for the supervisor to stop. */
    @Override
    public void close() {
        closed = true;
        stopMonitor();
        for (Thread task : tasks) {
            task.interrupt();
        }
        for (Thread task : tasks) {
            try {
                task.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lock.lock();
        try {
            endpoints.close();
        } finally {
            lock.unlock();
        }
    }
}

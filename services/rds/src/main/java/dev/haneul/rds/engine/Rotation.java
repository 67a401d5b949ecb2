package dev.haneul.rds.engine;

import dev.haneul.rds.endpoint.ClusterEndpoints;
import dev.haneul.rds.endpoint.Topology;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.InstanceStatus;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The cluster's engines and its rotation: which instance has an engine, which of them take new
 * connections ("routable"), and the {@link Topology} the endpoints route by.
 *
 * <p>An instance takes new connections once its engine runs and its role is set up: the writer
 * after {@code read_only=OFF}, a replica once seeded and caught up. It leaves the rotation before
 * anything disturbs it (reboot, failover, deletion, crash). Every change is published to the
 * endpoints as a new {@link Topology}.
 *
 * <p>Concurrency: the maps are concurrent so the API's views ({@link #serving}) never wait; the
 * changes are made under the cluster's lock ({@link ClusterTasks}) by whichever part holds it, and
 * {@link #publish} wakes that lock's waiters. Publishing itself is one step (computing and
 * handing over a topology), so the last topology published is the newest.
 */
final class Rotation {

    private final String region;
    private final Function<String, Path> engineDirs;
    private final EngineHost host;
    private final ClusterRecords records;
    private final ClusterEndpoints endpoints;
    private final ClusterTasks tasks;
    private final Map<String, InstanceEngine> engines = new ConcurrentHashMap<>();
    private final Set<String> routable = ConcurrentHashMap.newKeySet();
    private final Object publishing = new Object();

    Rotation(String region, Function<String, Path> engineDirs, EngineHost host, ClusterRecords records,
             ClusterEndpoints endpoints, ClusterTasks tasks) {
        this.region = region;
        this.engineDirs = engineDirs;
        this.host = host;
        this.records = records;
        this.endpoints = endpoints;
        this.tasks = tasks;
    }

    /** The engine of an instance, made (not started) on first use. */
    InstanceEngine engine(DbInstance instance) {
        return engines.computeIfAbsent(instance.identifier(), id -> new InstanceEngine("rds/" + id,
                "rds/" + region + "/" + id, id, instance.serverId(), engineDirs.apply(id),
                records.cluster().orElseThrow().spec().adminPassword(), host));
    }

    /** The engine of an instance, if it has one. */
    @Nullable InstanceEngine engine(String instanceId) {
        return engines.get(instanceId);
    }

    void forget(String instanceId) {
        engines.remove(instanceId);
    }

    /** Whether an instance is in the rotation (it may still have stopped answering since). */
    boolean contains(String instanceId) {
        return routable.contains(instanceId);
    }

    /** The instances in the rotation, a live view. */
    Set<String> members() {
        return Collections.unmodifiableSet(routable);
    }

    /** Whether an instance takes connections through the endpoints now: its engine runs and it is in the rotation. */
    boolean serving(String instanceId) {
        InstanceEngine engine = engines.get(instanceId);
        return engine != null && engine.running() && routable.contains(instanceId);
    }

    /** Puts an instance into the rotation, without publishing (the caller publishes once it is done). */
    void add(String instanceId) {
        routable.add(instanceId);
    }

    /** Takes every instance out of the rotation, without publishing. */
    void clear() {
        routable.clear();
    }

    /** Takes an instance out of the rotation and publishes, if it was in. */
    void leave(String instanceId) {
        if (routable.remove(instanceId)) {
            publish();
        }
    }

    /**
     * Puts an instance whose engine is ready into the rotation, records it available (unless it is
     * being deleted) and publishes.
     */
    void inService(String instanceId) {
        routable.add(instanceId);
        records.updateInstance(instanceId,
                i -> i.status().equals(InstanceStatus.DELETING) ? i : i.withStatus(InstanceStatus.AVAILABLE));
        publish();
    }

    /** Publishes the routing computed from the state, the engines and the rotation; wakes waiting tasks. */
    void publish() {
        synchronized (publishing) {
            Optional<DbCluster> cluster = records.cluster();
            if (cluster.isEmpty()) {
                return;
            }
            Map<String, Topology.Member> members = new LinkedHashMap<>();
            for (DbInstance instance : records.instances()) {
                InstanceEngine engine = engines.get(instance.identifier());
                members.put(instance.identifier(), new Topology.Member(instance.identifier(),
                        engine == null ? null : engine.backend(),
                        routable.contains(instance.identifier()) && engine != null && engine.running()));
            }
            endpoints.publish(new Topology(cluster.get().writer(), members));
        }
        tasks.signalChange();
    }
}

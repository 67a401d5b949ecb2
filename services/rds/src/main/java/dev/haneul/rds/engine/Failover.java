package dev.haneul.rds.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.rds.endpoint.ClusterEndpoints;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.InstanceStatus;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failover of the cluster's writer role to a replica, and the old writer's return.
 *
 * <p>The old writer leaves the rotation (the cluster endpoint refuses connections), every replica
 * drains what it received, the target is chosen by {@link FailoverPlanner} and first catches up
 * from whichever replica received the most (with semi-synchronous replication every acknowledged
 * commit reached at least one replica), then is promoted, the other replicas follow it,
 * connections to the old and new writer are dropped, and the old writer rejoins as a replica
 * ({@link #rejoin}), rebuilt from the new writer if it committed anything the new writer never
 * received.
 *
 * <p>Concurrency: {@link #failOver} runs with the cluster's lock held by its caller (a requested
 * failover's task, a crash, the deletion of the writer, recovery) from the first look at the
 * replicas to the publish of the new writer, so no reboot, seed or endpoint change interleaves;
 * {@link #rejoin} is a task of its own that takes the lock.
 */
final class Failover {

    private static final Logger log = LoggerFactory.getLogger(Failover.class);

    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final String name;
    private final ClusterContext cluster;
    private final ClusterRecords records;
    private final ClusterTasks tasks;
    private final Rotation rotation;
    private final ClusterEndpoints endpoints;
    private final InstanceLifecycle lifecycle;

    Failover(ClusterContext cluster, InstanceLifecycle lifecycle) {
        this.name = cluster.name();
        this.cluster = cluster;
        this.records = cluster.records();
        this.tasks = cluster.tasks();
        this.rotation = cluster.rotation();
        this.endpoints = cluster.endpoints();
        this.lifecycle = lifecycle;
    }

    /**
     * The failover itself; see the class comment. Returns false, changing nothing, when there is
     * no replica to promote.
     *
     * @param targetId the replica to promote, or {@code null} for the planner's choice
     * @param crashed whether the old writer's engine died (nothing to ask it)
     * @param rejoinOld whether the old writer comes back as a replica (not when it is being deleted)
     */
    boolean failOver(@Nullable String targetId, String reason, boolean crashed, boolean rejoinOld)
            throws Exception {
        long start = System.nanoTime();
        DbCluster current = records.cluster().orElseThrow();
        String oldId = current.writer();
        InstanceEngine old = rotation.engine(oldId);
        List<InstanceEngine> replicas = new ArrayList<>();
        for (DbInstance instance : records.instances()) {
            InstanceEngine engine = rotation.engine(instance.identifier());
            if (!instance.identifier().equals(oldId) && engine != null && engine.running()
                    && rotation.contains(instance.identifier())) {
                replicas.add(engine);
            }
        }
        if (replicas.isEmpty() || (targetId != null && replicas.stream().noneMatch(r -> r.id().equals(targetId)))) {
            return false;
        }
        records.updateCluster(c -> c.withStatus(ClusterStatus.FAILING_OVER));
        records.clusterEvent("Started failover of the DB cluster: " + reason, "failover");
        log.info("{} - failing over from {}: {}", name, oldId, reason);
        rotation.leave(oldId);
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
                DbInstance instance = records.instance(replica.id()).orElseThrow();
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
                rotation.add(oldId);
            }
            for (InstanceEngine replica : byId.values()) {
                resumeQuietly(replica, old);
            }
            rotation.publish();
            records.updateCluster(c -> c.withStatus(ClusterStatus.AVAILABLE));
            records.clusterEvent("Failover failed: no replica could take over", "failover");
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
        rotation.leave(target.id());
        GtidPosition promotion = newWriter.promote();
        if (newWriter.backend() != null) {
            endpoints.dropConnectionsTo(newWriter.backend());
        }
        if (oldBackend != null) {
            endpoints.dropConnectionsTo(oldBackend);
        }
        records.updateCluster(c -> c.withPromotion(target.id(), promotion.toString()).withStatus(ClusterStatus.AVAILABLE));
        rotation.add(target.id());
        rotation.publish();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        log.info("{} - failed over from {} to {} in {} ms (position {})", name, oldId, target.id(), millis, promotion);
        records.clusterEvent("Completed failover to DB instance: " + target.id() + " in " + millis + " ms", "failover");
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
        if (rejoinOld && old != null && records.instance(oldId).isPresent()) {
            records.updateInstance(oldId, i -> i.withStatus(InstanceStatus.REBOOTING));
            tasks.task("rejoin-" + oldId, () -> rejoin(oldId));
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

    /** The old writer of a failover comes back as a replica of the new one. Takes the lock. */
    private void rejoin(String instanceId) throws Exception {
        tasks.lock();
        try {
            Optional<DbInstance> instance = records.instance(instanceId);
            InstanceEngine engine = rotation.engine(instanceId);
            if (tasks.closed() || instance.isEmpty() || engine == null
                    || instance.get().status().equals(InstanceStatus.DELETING)) {
                return;
            }
            if (!engine.running()) {
                engine.start(cluster.exitListener(instanceId));
            }
            lifecycle.setUpRole(instanceId, engine);
            rotation.add(instanceId);
            records.updateInstance(instanceId, i -> i.withStatus(InstanceStatus.AVAILABLE));
            rotation.publish();
            records.instanceEvent(instanceId, "DB instance restarted as a reader of "
                    + records.cluster().orElseThrow().writer(), "availability");
        } finally {
            tasks.unlock();
        }
    }
}

package dev.haneul.elasticache.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.model.CacheClusterRecord;
import dev.haneul.elasticache.model.GroupStatus;
import dev.haneul.elasticache.model.MemberRecord;
import dev.haneul.elasticache.model.NodeStatus;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import dev.haneul.elasticache.runtime.CacheKey;
import dev.haneul.elasticache.runtime.CacheRuntime;
import dev.haneul.elasticache.runtime.CacheRuntime.Outcome;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bringing every resource back when Haneul starts (adopting the engines a killed Haneul left
 * running), finishing interrupted deletions, and the service's health: which resources are still
 * coming back and which could not be.
 */
final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final CacheStore store;
    private final CacheRuntime runtime;
    private final ReplicationGroups groups;
    private final CacheClusters clusters;
    private final Set<CacheKey> starting = ConcurrentHashMap.newKeySet();
    /** Why a resource could not be brought back after a Haneul restart. */
    private final Map<CacheKey, String> failures = new ConcurrentHashMap<>();

    Recovery(CacheStore store, CacheRuntime runtime, ReplicationGroups groups, CacheClusters clusters) {
        this.store = requireNonNull(store, "store");
        this.runtime = requireNonNull(runtime, "runtime");
        this.groups = requireNonNull(groups, "groups");
        this.clusters = requireNonNull(clusters, "clusters");
    }

    /**
     * Claims every node's engine directory, then has the runtime bring every resource back in
     * the background; resources that were being deleted are deleted.
     */
    void start() {
        List<Runnable> resumes = new ArrayList<>();
        store.forEach((scope, state) -> {
            state.replicationGroups().values().forEach(group -> {
                CacheKey key = CacheKey.group(scope, group.id());
                runtime.claim(key, group.memberIds());
                resumes.add(() -> resume(key, group));
            });
            state.cacheClusters().values().forEach(cluster -> {
                CacheKey key = CacheKey.cluster(scope, cluster.id());
                runtime.claim(key, List.of(cluster.id()));
                resumes.add(() -> resume(key, cluster));
            });
        });
        resumes.forEach(Runnable::run);
        if (!resumes.isEmpty()) {
            log.info("elasticache - bringing back {} replication group(s) and cache cluster(s)", resumes.size());
        }
    }

    private void resume(CacheKey key, ReplicationGroupRecord group) {
        Scope scope = key.scope();
        starting.add(key);
        if (group.status() == GroupStatus.DELETING) {
            groups.remove(scope, group, outcome -> failed(key, outcome));
            starting.remove(key);
            return;
        }
        // Members being added or removed when Haneul stopped: drop them; their engines are orphans.
        List<String> half = group.members().stream().filter(m -> m.status() != NodeStatus.AVAILABLE
                        && group.status() != GroupStatus.CREATING && !m.cacheClusterId().equals(group.primaryId()))
                .map(MemberRecord::cacheClusterId).toList();
        ReplicationGroupRecord kept = half.isEmpty() ? group
                : store.updateGroup(scope, group.id(), g -> g.withMembers(g.members().stream()
                        .filter(m -> !half.contains(m.cacheClusterId())).toList())).orElse(group);
        runtime.apply(Configs.group(scope, kept, null, half), outcome -> {
            if (outcome.ok()) {
                store.updateGroup(scope, group.id(), g -> g.withStatus(GroupStatus.AVAILABLE)
                        .withMemberStatus(NodeStatus.AVAILABLE).settled());
            } else {
                failed(key, outcome);
            }
            starting.remove(key);
        });
    }

    private void resume(CacheKey key, CacheClusterRecord cluster) {
        Scope scope = key.scope();
        starting.add(key);
        if (cluster.status() == NodeStatus.DELETING) {
            clusters.remove(scope, cluster, outcome -> failed(key, outcome));
            starting.remove(key);
            return;
        }
        runtime.apply(Configs.cluster(scope, cluster), outcome -> {
            if (outcome.ok()) {
                store.updateCluster(scope, cluster.id(), c -> c.withStatus(NodeStatus.AVAILABLE));
            } else {
                failed(key, outcome);
            }
            starting.remove(key);
        });
    }

    /**
     * A group or cluster that could not be brought back never stays {@code available} with no
     * engine behind it: its nodes become {@code restore-failed} (ElastiCache's status for a node
     * it could not restore from its data) and a group {@code create-failed}, the only failure
     * status a replication group has, from which it can be deleted; an event and the health
     * route say why.
     */
    private void failed(CacheKey key, Outcome outcome) {
        Exception e = outcome.failure();
        String message = outcome.reason();
        // A file system exception's message is only the path: say what happened to it.
        String reason = e instanceof FileSystemException ? e.getClass().getSimpleName() + ": " + message : message;
        failures.put(key, reason);
        log.error("{} - could not be brought back: {}", key.name(), reason);
        try {
            if (key.kind() == CacheKey.Kind.GROUP) {
                store.updateGroup(key.scope(), key.id(), g -> g.withStatus(GroupStatus.CREATE_FAILED)
                        .withMemberStatus(NodeStatus.RESTORE_FAILED));
            } else {
                store.updateCluster(key.scope(), key.id(), c -> c.withStatus(NodeStatus.RESTORE_FAILED));
            }
            store.event(key.scope(), key.kind().sourceType(), key.id(),
                    "Could not bring " + key.id() + " back after Haneul restarted: " + reason);
        } catch (RuntimeException failure) {
            log.error("{} - cannot record the failure: {}", key.name(), failure.getMessage());
        }
    }

    /** Resource counts; degraded while a resource could not be brought back, starting while one comes back. */
    ServiceHealth health() {
        int[] counts = new int[3];
        store.forEach((scope, state) -> {
            counts[0] += state.replicationGroups().size();
            counts[1] += state.cacheClusters().size();
            counts[2] += state.cacheClusters().size()
                    + state.replicationGroups().values().stream().mapToInt(g -> g.members().size()).sum();
        });
        Map<String, Integer> resources = new LinkedHashMap<>();
        resources.put("replicationGroups", counts[0]);
        resources.put("cacheClusters", counts[1]);
        resources.put("nodes", counts[2]);
        List<String> unrecovered = failures.entrySet().stream().filter(f -> exists(f.getKey()))
                .map(f -> f.getKey().id() + " could not be brought back (" + f.getValue() + ")").sorted().toList();
        if (!unrecovered.isEmpty()) {
            return ServiceHealth.degraded(String.join("; ", unrecovered), resources);
        }
        if (!starting.isEmpty()) {
            return ServiceHealth.starting(starting.size() + " replication group(s) or cache cluster(s) coming back",
                    resources);
        }
        return ServiceHealth.running(resources);
    }

    private boolean exists(CacheKey key) {
        return store.read(key.scope(), state -> key.kind() == CacheKey.Kind.GROUP
                ? state.replicationGroups().containsKey(key.id()) : state.cacheClusters().containsKey(key.id()));
    }
}

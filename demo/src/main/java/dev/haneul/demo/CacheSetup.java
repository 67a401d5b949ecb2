package dev.haneul.demo;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/** The demo's ElastiCache replication group: a primary and one replica, automatic failover on. */
final class CacheSetup {

    static final String NODE_TYPE = "cache.t4g.micro";
    static final int NODES = 2;

    private final ElastiCacheClient elasticache;
    private final DemoArchitecture architecture;
    private final StateReporter states;
    private final String label;

    CacheSetup(ElastiCacheClient elasticache, DemoArchitecture architecture, StateReporter states) {
        this.elasticache = elasticache;
        this.architecture = architecture;
        this.states = states;
        this.label = "ElastiCache replication group " + architecture.replicationGroupId();
    }

    void ensure() {
        if (group().isEmpty()) {
            elasticache.createReplicationGroup(r -> r.replicationGroupId(architecture.replicationGroupId())
                    .replicationGroupDescription("board sessions (Spring Session)").engine("redis")
                    .cacheNodeType(NODE_TYPE).numCacheClusters(NODES).automaticFailoverEnabled(true));
            states.report(label, "creating");
        }
    }

    /**
     * Waits until the group is available; returns its primary endpoint. Stops at once, naming
     * the group and its last event, when it is gone or its creation failed.
     */
    Endpoint awaitAvailable(Instant deadline) throws IOException, InterruptedException {
        Poll.until(label + " to be available", deadline, () -> {
            String status = group().map(ReplicationGroup::status).orElse("missing");
            states.report(label, status);
            if (status.equals("missing") || status.endsWith("-failed")) {
                String event = elasticache.describeEvents(r -> r.sourceIdentifier(architecture.replicationGroupId())
                                .sourceType(SourceType.REPLICATION_GROUP).duration(24 * 60)).events().stream()
                        .map(Event::message).reduce((first, second) -> second).orElse("no event");
                throw new IOException(label + " is " + status + ": " + event);
            }
            return status.equals("available");
        });
        return nodeGroup().map(NodeGroup::primaryEndpoint)
                .orElseThrow(() -> new IOException(label + " is available but has no primary endpoint"));
    }

    List<DemoSummary.Endpoint> endpoints() {
        List<DemoSummary.Endpoint> out = new ArrayList<>();
        nodeGroup().ifPresent(group -> {
            out.add(new DemoSummary.Endpoint(label, "primary endpoint", address(group.primaryEndpoint())));
            out.add(new DemoSummary.Endpoint(label, "reader endpoint", address(group.readerEndpoint())));
            group.nodeGroupMembers().forEach(member -> out.add(new DemoSummary.Endpoint(label,
                    "node " + member.cacheClusterId() + " (" + member.currentRole() + ")", address(member.readEndpoint()))));
        });
        return out;
    }

    void delete(Instant deadline) throws IOException, InterruptedException {
        if (group().isEmpty()) {
            return;
        }
        try {
            elasticache.deleteReplicationGroup(r -> r.replicationGroupId(architecture.replicationGroupId()));
        } catch (ReplicationGroupNotFoundException e) {
            return;
        }
        states.report(label, "deleting");
        Poll.until(label + " to be deleted", deadline, () -> group().isEmpty());
        states.report(label, "deleted");
    }

    private static String address(Endpoint endpoint) {
        return endpoint == null ? "-" : endpoint.address() + ":" + endpoint.port();
    }

    private Optional<NodeGroup> nodeGroup() {
        return group().filter(g -> !g.nodeGroups().isEmpty()).map(g -> g.nodeGroups().get(0));
    }

    private Optional<ReplicationGroup> group() {
        try {
            return elasticache.describeReplicationGroups(r -> r.replicationGroupId(architecture.replicationGroupId()))
                    .replicationGroups().stream().findFirst();
        } catch (ReplicationGroupNotFoundException e) {
            return Optional.empty();
        }
    }
}

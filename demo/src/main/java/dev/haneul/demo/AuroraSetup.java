package dev.haneul.demo;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterEndpoint;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterEndpointNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.SourceType;

/**
 * The demo's Aurora MySQL cluster: created, or found, through the RDS API. The instances are
 * created one after the other, so the first is the writer; the custom endpoint is a {@code READER}
 * endpoint over its static members (the "analytics" replica).
 */
final class AuroraSetup {

    static final String ENGINE = "aurora-mysql";
    static final String INSTANCE_CLASS = "db.r6g.large";

    private final RdsClient rds;
    private final DemoArchitecture architecture;
    private final StateReporter states;
    private final String label;

    AuroraSetup(RdsClient rds, DemoArchitecture architecture, StateReporter states) {
        this.rds = rds;
        this.architecture = architecture;
        this.states = states;
        this.label = "Aurora cluster " + architecture.clusterId();
    }

    /** Creates what is missing (and starts a stopped cluster); returns at once. */
    void ensure() {
        String id = architecture.clusterId();
        Optional<DBCluster> existing = cluster();
        if (existing.isEmpty()) {
            rds.createDBCluster(r -> r.dbClusterIdentifier(id).engine(ENGINE)
                    .masterUsername(architecture.masterUsername()).masterUserPassword(architecture.masterPassword())
                    .databaseName(architecture.databaseName()));
            states.report(label, "creating");
        } else if (existing.get().status().equals("stopped")) {
            rds.startDBCluster(r -> r.dbClusterIdentifier(id));
            states.report(label, "starting");
        }
        for (String instance : architecture.dbInstances()) {
            if (instance(instance).isEmpty()) {
                rds.createDBInstance(r -> r.dbInstanceIdentifier(instance).dbClusterIdentifier(id).engine(ENGINE)
                        .dbInstanceClass(INSTANCE_CLASS));
                states.report("DB instance " + instance, "creating");
            }
        }
        if (customEndpoint().isEmpty()) {
            rds.createDBClusterEndpoint(r -> r.dbClusterIdentifier(id)
                    .dbClusterEndpointIdentifier(architecture.customEndpointId()).endpointType("READER")
                    .staticMembers(architecture.customMembers()));
            states.report("custom endpoint " + architecture.customEndpointId(), "creating");
        }
    }

    /**
     * Waits until the cluster, every instance and the custom endpoint are available; stops at
     * once, naming the resource and its last event, when one is gone or in a state it does not
     * leave by itself ({@code failed}, {@code incompatible-*}, ...).
     */
    void awaitAvailable(Instant deadline) throws IOException, InterruptedException {
        Poll.until(label + " to be available", deadline, () -> {
            boolean ready = true;
            Optional<DBCluster> cluster = cluster();
            ready &= report(label, cluster.map(DBCluster::status));
            failFast(label, SourceType.DB_CLUSTER, architecture.clusterId(), cluster.map(DBCluster::status));
            for (String instance : architecture.dbInstances()) {
                Optional<DBInstance> found = instance(instance);
                failFast("DB instance " + instance, SourceType.DB_INSTANCE, instance,
                        found.map(DBInstance::dbInstanceStatus));
                String role = cluster.flatMap(c -> c.dbClusterMembers().stream()
                        .filter(m -> m.dbInstanceIdentifier().equals(instance)).findFirst())
                        .map(m -> m.isClusterWriter() ? " (writer)" : " (reader)").orElse("");
                ready &= report("DB instance " + instance, found.map(i -> i.dbInstanceStatus() + (
                        i.dbInstanceStatus().equals("available") ? role : "")), "available" + role);
            }
            ready &= report("custom endpoint " + architecture.customEndpointId(),
                    customEndpoint().map(DBClusterEndpoint::status));
            return ready;
        });
    }

    /** Statuses RDS does not leave without someone acting (a reboot, a deletion, a restore). */
    static boolean terminal(String status) {
        return status.equals("failed") || status.startsWith("incompatible-") || status.startsWith("inaccessible-")
                || status.endsWith("-failed") || status.equals("storage-full") || status.equals("restore-error");
    }

    private void failFast(String resource, SourceType type, String id, Optional<String> status) throws IOException {
        if (status.isEmpty()) {
            throw new IOException(resource + " disappeared while the demo waited for it");
        }
        if (terminal(status.get())) {
            String event = rds.describeEvents(r -> r.sourceIdentifier(id).sourceType(type).duration(24 * 60))
                    .events().stream().map(Event::message).reduce((first, second) -> second).orElse("no event");
            throw new IOException(resource + " is " + status.get() + ": " + event);
        }
    }

    private boolean report(String resource, Optional<String> status) {
        return report(resource, status, "available");
    }

    private boolean report(String resource, Optional<String> status, String ready) {
        String state = status.orElse("missing");
        states.report(resource, state);
        return state.equals(ready);
    }

    /** Every endpoint, as the API describes it: cluster, reader, custom, then each instance. */
    List<DemoSummary.Endpoint> endpoints() {
        List<DemoSummary.Endpoint> out = new ArrayList<>();
        cluster().ifPresent(cluster -> {
            out.add(new DemoSummary.Endpoint(label, "writer (cluster endpoint)", cluster.endpoint() + ":" + cluster.port()));
            out.add(new DemoSummary.Endpoint(label, "readers (reader endpoint)",
                    cluster.readerEndpoint() + ":" + cluster.port()));
            customEndpoint().ifPresent(custom -> out.add(new DemoSummary.Endpoint(label,
                    "custom " + architecture.customEndpointId() + " (" + custom.customEndpointType() + ": "
                            + String.join(", ", custom.staticMembers()) + ")", custom.endpoint() + ":" + cluster.port())));
            for (String id : architecture.dbInstances()) {
                instance(id).filter(i -> i.endpoint() != null).ifPresent(i -> out.add(new DemoSummary.Endpoint(label,
                        "instance " + id + (cluster.dbClusterMembers().stream().anyMatch(m ->
                                m.dbInstanceIdentifier().equals(id) && m.isClusterWriter()) ? " (writer)" : " (reader)"),
                        i.endpoint().address() + ":" + i.endpoint().port())));
            }
        });
        return out;
    }

    /** The cluster endpoint and reader endpoint's hosts and the cluster's port, for the board's settings. */
    DBCluster requireCluster() {
        return cluster().orElseThrow(() -> new IllegalStateException(label + " does not exist"));
    }

    /** Deletes the custom endpoint, the instances and the cluster, and waits until they are gone. */
    void delete(Instant deadline) throws IOException, InterruptedException {
        String id = architecture.clusterId();
        if (customEndpoint().isPresent()) {
            ignoreMissing(() -> rds.deleteDBClusterEndpoint(r -> r.dbClusterEndpointIdentifier(architecture.customEndpointId())));
            states.report("custom endpoint " + architecture.customEndpointId(), "deleting");
        }
        for (String instance : architecture.dbInstances()) {
            if (instance(instance).isPresent()) {
                ignoreMissing(() -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier(instance)));
                states.report("DB instance " + instance, "deleting");
            }
        }
        if (cluster().isPresent()) {
            ignoreMissing(() -> rds.deleteDBCluster(r -> r.dbClusterIdentifier(id).skipFinalSnapshot(true)));
            states.report(label, "deleting");
            Poll.until(label + " to be deleted", deadline, () -> cluster().isEmpty());
            states.report(label, "deleted");
        }
    }

    private static void ignoreMissing(Runnable call) {
        try {
            call.run();
        } catch (DbClusterNotFoundException | DbInstanceNotFoundException | DbClusterEndpointNotFoundException e) {
            // Gone already: what a delete wants.
        }
    }

    private Optional<DBCluster> cluster() {
        try {
            return rds.describeDBClusters(r -> r.dbClusterIdentifier(architecture.clusterId())).dbClusters().stream()
                    .findFirst();
        } catch (DbClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<DBInstance> instance(String id) {
        try {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<DBClusterEndpoint> customEndpoint() {
        try {
            return rds.describeDBClusterEndpoints(r -> r.dbClusterIdentifier(architecture.clusterId())
                            .dbClusterEndpointIdentifier(architecture.customEndpointId()))
                    .dbClusterEndpoints().stream().findFirst();
        } catch (DbClusterEndpointNotFoundException | DbClusterNotFoundException e) {
            return Optional.empty();
        }
    }
}

package dev.haneul.rds.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.haneul.core.resource.EventLog;
import dev.haneul.core.resource.ResourceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RDS resources of one account and region, as {@link dev.haneul.core.state.ScopedStore} persists
 * them. Mutated only inside the store's {@code write}, which persists it before returning; records
 * are replaced, never changed in place.
 *
 * <p>Events are kept as the kit's {@link EventLog} keeps them (14 days, at most
 * {@value EventLog#MAX_EVENTS}), oldest dropped first.
 */
public final class RdsState {

    @JsonProperty
    private final Map<String, DbCluster> clusters = new LinkedHashMap<>();
    @JsonProperty
    private final Map<String, DbInstance> instances = new LinkedHashMap<>();
    @JsonProperty
    private final Map<String, CustomEndpoint> endpoints = new LinkedHashMap<>();
    @JsonProperty
    private List<ResourceEvent> events = new ArrayList<>();
    @JsonProperty
    private int nextServerId = 1;
    @JsonProperty
    private long nextSequence = 1;

    public Optional<DbCluster> cluster(String id) {
        return Optional.ofNullable(clusters.get(id));
    }

    public Optional<DbInstance> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    public Optional<CustomEndpoint> endpoint(String id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    public List<DbCluster> clusters() {
        return List.copyOf(clusters.values());
    }

    public List<DbInstance> instances() {
        return instances.values().stream().sorted(Comparator.comparingLong(DbInstance::sequence)).toList();
    }

    /** The cluster's instances, in creation order. */
    public List<DbInstance> instancesOf(String clusterId) {
        return instances().stream().filter(i -> i.clusterIdentifier().equals(clusterId)).toList();
    }

    public List<CustomEndpoint> endpoints() {
        return endpoints.values().stream().sorted(Comparator.comparingLong(CustomEndpoint::sequence)).toList();
    }

    /** The cluster's custom endpoints, in creation order. */
    public List<CustomEndpoint> endpointsOf(String clusterId) {
        return endpoints().stream().filter(e -> e.clusterIdentifier().equals(clusterId)).toList();
    }

    public List<ResourceEvent> events() {
        return List.copyOf(events);
    }

    public void put(DbCluster cluster) {
        clusters.put(cluster.identifier(), cluster);
    }

    public void put(DbInstance instance) {
        instances.put(instance.identifier(), instance);
    }

    public void put(CustomEndpoint endpoint) {
        endpoints.put(endpoint.identifier(), endpoint);
    }

    public void removeCluster(String id) {
        clusters.remove(id);
    }

    public void removeInstance(String id) {
        instances.remove(id);
    }

    public void removeEndpoint(String id) {
        endpoints.remove(id);
    }

    public void add(ResourceEvent event) {
        events = EventLog.append(events, event);
    }

    /** A fresh {@code server_id}; never handed out twice in this account and region. */
    public int takeServerId() {
        return nextServerId++;
    }

    /** The next creation sequence number. */
    public long takeSequence() {
        return nextSequence++;
    }
}

package dev.haneul.rds.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Aurora MySQL DB cluster: the logical resource its DB instances join. What it was created
 * with is its {@link ClusterSpec}; the rest changes as it runs.
 *
 * @param tags in the order they were added (the kit's {@link dev.haneul.core.resource.TagRules} form)
 * @param identifier lowercase {@code DBClusterIdentifier}
 * @param port the port every endpoint of the cluster listens on (Haneul may have moved it off
 *     the requested one when that could not be bound)
 * @param writer the DB instance that is (or is becoming) the writer; {@code ""} with no instance
 * @param lastPromotion the writer's GTID position when it was promoted, to tell whether the old
 *     writer's history diverged; {@code ""} before any failover
 */
public record DbCluster(String identifier, ClusterSpec spec, ClusterStatus status, String writer, int port,
                        String lastPromotion, @JsonDeserialize(using = TagsJson.class) Map<String, String> tags) {

    public DbCluster {
        requireNonNull(identifier, "identifier");
        requireNonNull(spec, "spec");
        requireNonNull(status, "status");
        writer = writer == null ? "" : writer;
        lastPromotion = lastPromotion == null ? "" : lastPromotion;
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public boolean hasWriter() {
        return !writer.isEmpty();
    }

    public DbCluster withStatus(ClusterStatus newStatus) {
        return new DbCluster(identifier, spec, newStatus, writer, port, lastPromotion, tags);
    }

    public DbCluster withWriter(String newWriter) {
        return new DbCluster(identifier, spec, status, newWriter, port, lastPromotion, tags);
    }

    public DbCluster withPromotion(String newWriter, String promotionPosition) {
        return new DbCluster(identifier, spec, status, newWriter, port, promotionPosition, tags);
    }

    public DbCluster withPort(int newPort) {
        return new DbCluster(identifier, spec, status, writer, newPort, lastPromotion, tags);
    }

    public DbCluster withSpec(ClusterSpec newSpec) {
        return new DbCluster(identifier, newSpec, status, writer, port, lastPromotion, tags);
    }

    public DbCluster withTags(Map<String, String> newTags) {
        return new DbCluster(identifier, spec, status, writer, port, lastPromotion, newTags);
    }
}

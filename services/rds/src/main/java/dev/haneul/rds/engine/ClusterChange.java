package dev.haneul.rds.engine;

import org.jspecify.annotations.Nullable;

/**
 * What the API changed in a cluster's persisted (desired) state, handed to the cluster's
 * {@link ClusterControl} to converge to. Each is an immutable value naming what changed; the
 * desired values themselves (settings, member lists, the new password's hash, the transitional
 * status such as {@code rebooting}) are in the state the API has already written.
 */
public sealed interface ClusterChange {

    /** A new cluster, its built-in endpoints open: it becomes {@code available}. */
    record ClusterCreated() implements ClusterChange {}

    /** The cluster is {@code deleting}: it goes once its last instance is gone. */
    record ClusterDeleted() implements ClusterChange {}

    /** The cluster and its instances are {@code stopping}. */
    record ClusterStopped() implements ClusterChange {}

    /** The cluster and its instances are {@code starting}. */
    record ClusterStarted() implements ClusterChange {}

    /** The cluster is {@code resetting-master-credentials}: apply the new password's hash. */
    record MasterPasswordChanged() implements ClusterChange {}

    /**
     * The cluster is {@code failing-over}.
     *
     * @param target the reader to promote; {@code null} for the best one
     * @param reason for the event and the log
     */
    record FailoverRequested(@Nullable String target, String reason) implements ClusterChange {}

    /** A new instance, {@code creating}: the first one becomes the writer, later ones readers. */
    record InstanceCreated(String instanceId) implements ClusterChange {}

    /**
     * An instance is {@code rebooting}.
     *
     * @param repair whether it had {@code failed}: it is then rebuilt rather than restarted
     */
    record InstanceRebooted(String instanceId, boolean repair) implements ClusterChange {}

    /** An instance is {@code deleting}. */
    record InstanceDeleted(String instanceId) implements ClusterChange {}

    /** A custom endpoint is {@code creating}: open it with its member lists. */
    record EndpointCreated(String endpointId) implements ClusterChange {}

    /** A custom endpoint is {@code modifying}: apply its new member lists. */
    record EndpointModified(String endpointId) implements ClusterChange {}

    /** A custom endpoint is {@code deleting}: close it and forget it. */
    record EndpointDeleted(String endpointId) implements ClusterChange {}
}

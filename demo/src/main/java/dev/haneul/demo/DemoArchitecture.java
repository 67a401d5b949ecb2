package dev.haneul.demo;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The names and sizes of the demo's resources. {@link #defaults(String)} is what {@code haneul demo}
 * creates; the labs may choose other names so that they never touch the demo's resources.
 *
 * @param region the AWS region the resources live in
 * @param clusterId the Aurora MySQL cluster
 * @param dbInstances its DB instances; the first becomes the writer
 * @param customEndpointId a custom endpoint of type {@code READER} over {@code customMembers}
 * @param customMembers the custom endpoint's static members
 * @param masterUsername the cluster's master user, which the board connects as
 * @param masterPassword its password
 * @param databaseName the database the board keeps its tables in
 * @param replicationGroupId the ElastiCache replication group holding the board's sessions
 * @param loadBalancerName the Application Load Balancer
 * @param targetGroupName its target group (type {@code ip}, health check on {@code /health})
 * @param listenerPort the HTTP listener's port (80: Haneul binds another port when it may not, and
 *     the API says which)
 * @param apps the board instances' names in the apps API
 * @param firstAppPort the HTTP port tried first for the first instance (the next ones count up;
 *     a taken port is replaced by a free one)
 */
public record DemoArchitecture(String region, String clusterId, List<String> dbInstances, String customEndpointId,
                               List<String> customMembers, String masterUsername, String masterPassword,
                               String databaseName, String replicationGroupId, String loadBalancerName,
                               String targetGroupName, int listenerPort, List<String> apps, int firstAppPort) {

    public DemoArchitecture {
        requireNonNull(region, "region");
        requireNonNull(clusterId, "clusterId");
        dbInstances = List.copyOf(dbInstances);
        if (dbInstances.isEmpty()) {
            throw new IllegalArgumentException("dbInstances: " + dbInstances + " (expected: at least one)");
        }
        requireNonNull(customEndpointId, "customEndpointId");
        customMembers = List.copyOf(customMembers);
        requireNonNull(masterUsername, "masterUsername");
        requireNonNull(masterPassword, "masterPassword");
        requireNonNull(databaseName, "databaseName");
        requireNonNull(replicationGroupId, "replicationGroupId");
        requireNonNull(loadBalancerName, "loadBalancerName");
        requireNonNull(targetGroupName, "targetGroupName");
        apps = List.copyOf(apps);
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("apps: " + apps + " (expected: at least one)");
        }
    }

    /** The demo: {@code board-db} (3 instances), {@code board-sessions}, {@code board-alb}, {@code board-1..3}. */
    public static DemoArchitecture defaults(String region) {
        return new DemoArchitecture(region, "board-db", List.of("board-db-1", "board-db-2", "board-db-3"),
                "board-analytics", List.of("board-db-3"), "admin", "board-demo-secret", "board", "board-sessions",
                "board-alb", "board-tg", 80, List.of("board-1", "board-2", "board-3"), 8081);
    }
}

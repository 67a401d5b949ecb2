package dev.haneul.lab;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.rds.model.DBCluster;

/** Aurora MySQL as the labs use it: a cluster with instances, through the RDS API and Connector/J. */
final class Aurora {

    static final String USER = "admin";
    static final String PASSWORD = "lab-secret-1";
    static final Duration AVAILABLE_TIMEOUT = Duration.ofSeconds(60);

    private Aurora() {}

    /** Creates a cluster with {@code instances} instances (the first is the writer) and waits until all are available. */
    static DBCluster create(LabContext context, String cluster, List<String> instances) throws InterruptedException {
        context.log("creating Aurora MySQL cluster %s with instances %s", cluster, instances);
        context.rds().createDBCluster(r -> r.dbClusterIdentifier(cluster).engine("aurora-mysql")
                .masterUsername(USER).masterUserPassword(PASSWORD).databaseName("lab"));
        for (String id : instances) {
            context.rds().createDBInstance(r -> r.dbInstanceIdentifier(id).dbClusterIdentifier(cluster)
                    .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
        }
        awaitAvailable(context, cluster, instances);
        return describe(context, cluster);
    }

    static void awaitAvailable(LabContext context, String cluster, List<String> instances) throws InterruptedException {
        Waits.until("cluster " + cluster + " to be available", AVAILABLE_TIMEOUT,
                () -> "available".equals(describe(context, cluster).status()));
        for (String id : instances) {
            Waits.until("DB instance " + id + " to be available", AVAILABLE_TIMEOUT, () -> "available".equals(context.rds()
                    .describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().getFirst().dbInstanceStatus()));
        }
    }

    static DBCluster describe(LabContext context, String cluster) {
        return context.rds().describeDBClusters(r -> r.dbClusterIdentifier(cluster)).dbClusters().getFirst();
    }

    static String writer(LabContext context, String cluster) {
        return describe(context, cluster).dbClusterMembers().stream().filter(m -> Boolean.TRUE.equals(m.isClusterWriter()))
                .findFirst().orElseThrow(() -> new IllegalStateException("cluster " + cluster + " has no writer"))
                .dbInstanceIdentifier();
    }

    static Connection connect(String host, int port, Duration timeout) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/lab?connectTimeout="
                + timeout.toMillis() + "&socketTimeout=" + timeout.multipliedBy(3).toMillis(), USER, PASSWORD);
    }

    static @Nullable String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

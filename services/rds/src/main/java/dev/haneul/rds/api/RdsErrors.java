package dev.haneul.rds.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import java.util.Set;

/** RDS's errors, typed from its model, with RDS's wording. */
final class RdsErrors {

    static final ServiceModel MODEL = ServiceModel.fromResource(RdsErrors.class, "/dev/haneul/rds/service-2.json");
    static final ServiceErrors ERRORS = new ServiceErrors(MODEL);

    private RdsErrors() {}

    static AwsServiceException error(String code, String format, Object... args) {
        return ERRORS.error(code, format, args);
    }

    static AwsServiceException clusterNotFound(String id) {
        return ERRORS.error("DBClusterNotFoundFault", "DBCluster %s not found.", id);
    }

    static AwsServiceException instanceNotFound(String id) {
        return ERRORS.error("DBInstanceNotFoundFault", "DBInstance %s not found.", id);
    }

    static AwsServiceException endpointNotFound(String id) {
        return ERRORS.error("DBClusterEndpointNotFoundFault", "DBClusterEndpoint %s not found.", id);
    }

    static AwsServiceException invalidClusterState(DbCluster cluster) {
        return ERRORS.error("InvalidDBClusterStateFault", "DB cluster %s is in %s state.", cluster.identifier(),
                cluster.status().wire());
    }

    static AwsServiceException invalidInstanceState(DbInstance instance) {
        return ERRORS.error("InvalidDBInstanceStateFault", "DB instance %s is in %s state, not available.",
                instance.identifier(), instance.status().wire());
    }

    /** {@code InvalidDBClusterStateFault} unless the cluster is {@code expected}. */
    static void requireClusterStatus(DbCluster cluster, ClusterStatus expected) {
        ClusterStatus.LIFECYCLE.require(cluster.status(), Set.of(expected), () -> ERRORS.error(
                "InvalidDBClusterStateFault", "DbCluster %s is in %s state but expected it to be one of %s.",
                cluster.identifier(), cluster.status().wire(), expected.wire()));
    }
}

package dev.haneul.rds.api;

import dev.haneul.core.net.Endpoint;
import dev.haneul.core.resource.ResourceEvent;
import dev.haneul.core.state.Scope;
import dev.haneul.rds.model.Arns;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.EndpointStatus;
import dev.haneul.rds.model.InstanceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.rds.model.AvailabilityZone;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterEndpoint;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.OptionGroupMembership;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.Subnet;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * The records as the RDS API shows them. Where AWS returns a host name, Haneul returns the
 * endpoint's loopback address (so {@code mariadb -h <Endpoint> -P <Port>} connects); the rest
 * echoes what was asked, or the defaults of a new Aurora MySQL cluster in a default VPC.
 */
final class RdsShapes {

    /** Route 53 zone AWS shows for RDS endpoints in us-east-1; Haneul shows it everywhere. */
    static final String HOSTED_ZONE_ID = "Z2R2ITUGPM61AM";
    static final String PARAMETER_GROUP_FAMILY = "aurora-mysql8.0";
    static final String DEFAULT_PARAMETER_GROUP = "default." + PARAMETER_GROUP_FAMILY;
    static final String DEFAULT_OPTION_GROUP = "default:aurora-mysql-8-0";

    /** Resolves an endpoint's address: (cluster, endpoint name) to where it listens. */
    interface Addresses {
        Optional<Endpoint> find(String clusterId, String endpointName);
    }

    /**
     * The status to show for a record: the recorded one, unless what it describes is not serving
     * (an {@code available} instance whose engine does not answer is not shown {@code available}).
     */
    interface Statuses {
        ClusterStatus of(DbCluster cluster);

        InstanceStatus of(DbInstance instance);

        /** The recorded statuses as they are. */
        Statuses RECORDED = new Statuses() {
            @Override
            public ClusterStatus of(DbCluster cluster) {
                return cluster.status();
            }

            @Override
            public InstanceStatus of(DbInstance instance) {
                return instance.status();
            }
        };
    }

    private final Scope scope;
    private final Addresses addresses;
    private final Statuses statuses;
    private final Function<String, List<DbInstance>> instancesOf;
    private final Function<String, List<CustomEndpoint>> endpointsOf;

    RdsShapes(Scope scope, Addresses addresses, Statuses statuses, Function<String, List<DbInstance>> instancesOf,
              Function<String, List<CustomEndpoint>> endpointsOf) {
        this.scope = scope;
        this.addresses = addresses;
        this.statuses = statuses;
        this.instancesOf = instancesOf;
        this.endpointsOf = endpointsOf;
    }

    /**
     * The shapes of {@code scope}'s records: addresses from the engine side, statuses as it
     * observes them (the recorded ones for a cluster it does not run).
     */
    static RdsShapes of(Scope scope, RdsStore store, ClusterEngines engines) {
        return new RdsShapes(scope, (clusterId, endpointName) -> engines.address(scope, clusterId, endpointName),
                new Statuses() {
                    @Override
                    public ClusterStatus of(DbCluster cluster) {
                        return engines.find(scope, cluster.identifier()).map(c -> c.shownStatus(cluster))
                                .orElse(cluster.status());
                    }

                    @Override
                    public InstanceStatus of(DbInstance instance) {
                        return engines.find(scope, instance.clusterIdentifier()).map(c -> c.shownStatus(instance))
                                .orElse(instance.status());
                    }
                },
                clusterId -> store.instancesOf(scope, clusterId),
                clusterId -> store.endpointsOf(scope, clusterId));
    }

    DBCluster cluster(DbCluster c, Instant now) {
        List<DbInstance> instances = instancesOf.apply(c.identifier());
        long zones = instances.stream().map(DbInstance::availabilityZone).distinct().count();
        return DBCluster.builder()
                .allocatedStorage(1)
                .availabilityZones(c.spec().availabilityZones())
                .backupRetentionPeriod(c.spec().backupRetentionPeriod())
                .databaseName(c.spec().databaseName().isEmpty() ? null : c.spec().databaseName())
                .dbClusterIdentifier(c.identifier())
                .dbClusterParameterGroup(c.spec().parameterGroup())
                .dbSubnetGroup(c.spec().subnetGroup())
                .status(statuses.of(c).wire())
                .earliestRestorableTime(c.spec().createdAt())
                .endpoint(host(c.identifier(), "cluster"))
                .readerEndpoint(host(c.identifier(), "reader"))
                .customEndpoints(endpointsOf.apply(c.identifier()).stream()
                        .map(e -> host(c.identifier(), "custom/" + e.identifier())).toList())
                .multiAZ(zones > 1)
                .engine(c.spec().engine())
                .engineVersion(c.spec().engineVersion())
                .latestRestorableTime(now)
                .port(c.port())
                .masterUsername(c.spec().masterUsername())
                .preferredBackupWindow(c.spec().preferredBackupWindow())
                .preferredMaintenanceWindow(c.spec().preferredMaintenanceWindow())
                .readReplicaIdentifiers(List.of())
                .dbClusterMembers(instances.stream().map(i -> DBClusterMember.builder()
                        .dbInstanceIdentifier(i.identifier())
                        .isClusterWriter(i.identifier().equals(c.writer()))
                        .dbClusterParameterGroupStatus("in-sync")
                        .promotionTier(i.promotionTier())
                        .build()).toList())
                .vpcSecurityGroups(securityGroups(c))
                .hostedZoneId(HOSTED_ZONE_ID)
                .storageEncrypted(c.spec().storageEncrypted())
                .kmsKeyId(c.spec().kmsKeyId().isEmpty() ? null : c.spec().kmsKeyId())
                .dbClusterResourceId(c.spec().resourceId())
                .dbClusterArn(Arns.cluster(scope, c.identifier()))
                .associatedRoles(List.of())
                .iamDatabaseAuthenticationEnabled(false)
                .clusterCreateTime(c.spec().createdAt())
                .engineMode("provisioned")
                .deletionProtection(c.spec().deletionProtection())
                .httpEndpointEnabled(false)
                .copyTagsToSnapshot(c.spec().copyTagsToSnapshot())
                .crossAccountClone(false)
                .domainMemberships(List.of())
                .tagList(RdsKit.shapes(c.tags()))
                .autoMinorVersionUpgrade(true)
                .networkType("IPV4")
                .build();
    }

    DBInstance instance(DbInstance i, DbCluster c, Instant now) {
        DBInstance.Builder builder = DBInstance.builder()
                .dbInstanceIdentifier(i.identifier())
                .dbInstanceClass(i.instanceClass())
                .engine(i.engine())
                .dbInstanceStatus(statuses.of(i).wire())
                .masterUsername(c.spec().masterUsername())
                .dbName(c.spec().databaseName().isEmpty() ? null : c.spec().databaseName())
                .allocatedStorage(1)
                .instanceCreateTime(i.createdAt())
                .preferredBackupWindow(c.spec().preferredBackupWindow())
                .backupRetentionPeriod(c.spec().backupRetentionPeriod())
                .dbSecurityGroups(List.of())
                .vpcSecurityGroups(securityGroups(c))
                .dbParameterGroups(DBParameterGroupStatus.builder().dbParameterGroupName(DEFAULT_PARAMETER_GROUP)
                        .parameterApplyStatus("in-sync").build())
                .availabilityZone(i.availabilityZone())
                .dbSubnetGroup(subnetGroup(c))
                .preferredMaintenanceWindow(c.spec().preferredMaintenanceWindow())
                .pendingModifiedValues(PendingModifiedValues.builder().build())
                .multiAZ(false)
                .engineVersion(c.spec().engineVersion())
                .autoMinorVersionUpgrade(i.autoMinorVersionUpgrade())
                .readReplicaDBInstanceIdentifiers(List.of())
                .licenseModel("general-public-license")
                .optionGroupMemberships(OptionGroupMembership.builder().optionGroupName(DEFAULT_OPTION_GROUP)
                        .status("in-sync").build())
                .publiclyAccessible(i.publiclyAccessible())
                .storageType("aurora")
                .dbInstancePort(0)
                .dbClusterIdentifier(c.identifier())
                .storageEncrypted(c.spec().storageEncrypted())
                .kmsKeyId(c.spec().kmsKeyId().isEmpty() ? null : c.spec().kmsKeyId())
                .dbiResourceId(i.resourceId())
                .caCertificateIdentifier("rds-ca-rsa2048-g1")
                .domainMemberships(List.of())
                .copyTagsToSnapshot(c.spec().copyTagsToSnapshot())
                .monitoringInterval(0)
                .promotionTier(i.promotionTier())
                .dbInstanceArn(Arns.instance(scope, i.identifier()))
                .iamDatabaseAuthenticationEnabled(false)
                .performanceInsightsEnabled(false)
                .deletionProtection(false)
                .associatedRoles(List.of())
                .tagList(RdsKit.shapes(i.tags()))
                .networkType("IPV4");
        if (i.status() != InstanceStatus.CREATING) {
            addresses.find(c.identifier(), "instance/" + i.identifier()).ifPresent(e -> builder.endpoint(
                    software.amazon.awssdk.services.rds.model.Endpoint.builder()
                            .address(e.host()).port(e.port()).hostedZoneId(HOSTED_ZONE_ID).build()));
        }
        return builder.build();
    }

    /** A built-in endpoint: {@code WRITER} (the cluster endpoint) or {@code READER}. */
    DBClusterEndpoint builtInEndpoint(DbCluster c, String type) {
        return DBClusterEndpoint.builder()
                .dbClusterIdentifier(c.identifier())
                .endpoint(host(c.identifier(), type.equals("WRITER") ? "cluster" : "reader"))
                .status(builtInStatus(c))
                .endpointType(type)
                .build();
    }

    DBClusterEndpoint customEndpoint(CustomEndpoint e) {
        return DBClusterEndpoint.builder()
                .dbClusterEndpointIdentifier(e.identifier())
                .dbClusterIdentifier(e.clusterIdentifier())
                .dbClusterEndpointResourceIdentifier(e.resourceId())
                .endpoint(host(e.clusterIdentifier(), "custom/" + e.identifier()))
                .status(e.status().wire())
                .endpointType("CUSTOM")
                .customEndpointType(e.type())
                .staticMembers(e.staticMembers())
                .excludedMembers(e.excludedMembers())
                .dbClusterEndpointArn(Arns.clusterEndpoint(scope, e.identifier()))
                .build();
    }

    static Event event(ResourceEvent e) {
        return Event.builder()
                .sourceIdentifier(e.sourceIdentifier())
                .sourceType(e.sourceType())
                .message(e.message())
                .eventCategories(e.categories())
                .date(e.date())
                .sourceArn(e.sourceArn())
                .build();
    }

    /** The built-in endpoints exist while the cluster does; they follow its creation and deletion. */
    private static String builtInStatus(DbCluster c) {
        return switch (c.status()) {
            case CREATING -> EndpointStatus.CREATING.wire();
            case DELETING -> EndpointStatus.DELETING.wire();
            default -> EndpointStatus.AVAILABLE.wire();
        };
    }

    private @Nullable String host(String clusterId, String endpointName) {
        return addresses.find(clusterId, endpointName).map(Endpoint::host).orElse(null);
    }

    private static List<VpcSecurityGroupMembership> securityGroups(DbCluster c) {
        return c.spec().vpcSecurityGroupIds().stream()
                .map(id -> VpcSecurityGroupMembership.builder().vpcSecurityGroupId(id).status("active").build())
                .toList();
    }

    private DBSubnetGroup subnetGroup(DbCluster c) {
        return DBSubnetGroup.builder()
                .dbSubnetGroupName(c.spec().subnetGroup())
                .dbSubnetGroupDescription(c.spec().subnetGroup())
                .vpcId(Ids.stable("vpc-", scope.accountId() + scope.region(), 8).toLowerCase(Locale.ROOT))
                .subnetGroupStatus("Complete")
                .subnets(c.spec().availabilityZones().stream().map(zone -> Subnet.builder()
                        .subnetIdentifier(Ids.stable("subnet-", scope.accountId() + zone, 8).toLowerCase(Locale.ROOT))
                        .subnetAvailabilityZone(AvailabilityZone.builder().name(zone).build())
                        .subnetStatus("Active")
                        .build()).toList())
                .build();
    }
}

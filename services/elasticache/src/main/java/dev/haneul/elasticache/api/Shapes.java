package dev.haneul.elasticache.api;

import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.resource.Arn;
import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.endpoint.CacheEndpoints;
import dev.haneul.elasticache.model.GroupStatus;
import dev.haneul.elasticache.model.NodeStatus;
import dev.haneul.elasticache.model.CacheClusterRecord;
import dev.haneul.elasticache.model.MemberRecord;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import dev.haneul.elasticache.runtime.CacheKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroupStatus;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.NodeGroupMember;
import software.amazon.awssdk.services.elasticache.model.PendingModifiedValues;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupPendingModifiedValues;

/**
 * State records as the SDK's ElastiCache shapes, with the endpoint addresses from the allocator
 * where AWS gives host names. What Haneul does not emulate (log delivery, notifications, global
 * datastores, snapshots) is left out, as AWS leaves out what a resource does not have.
 */
final class Shapes {

    static final String NODE_GROUP_ID = "0001";
    static final String CACHE_NODE_ID = "0001";
    private static final String MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";

    private final AddressAllocator addresses;

    Shapes(AddressAllocator addresses) {
        this.addresses = addresses;
    }

    ReplicationGroup replicationGroup(Scope scope, ReplicationGroupRecord group) {
        String resourceKey = CacheKey.group(scope, group.id()).resourceKey();
        ReplicationGroupPendingModifiedValues.Builder pending = ReplicationGroupPendingModifiedValues.builder();
        if (group.pendingAuthTokenStatus() != null) {
            pending.authTokenStatus(group.pendingAuthTokenStatus());
        }
        if (group.automaticFailover().pending()) {
            pending.automaticFailoverStatus(group.automaticFailover().settled().wire());
        }
        ReplicationGroup.Builder out = ReplicationGroup.builder()
                .replicationGroupId(group.id())
                .description(group.description())
                .status(group.status().wire())
                .pendingModifiedValues(pending.build())
                .memberClusters(group.memberIds())
                .automaticFailover(group.automaticFailover().wire())
                .multiAZ(group.multiAz() ? "enabled" : "disabled")
                .snapshotRetentionLimit(group.snapshotRetentionLimit())
                .snapshotWindow(group.snapshotWindow())
                .clusterEnabled(false)
                .cacheNodeType(group.cacheNodeType())
                .authTokenEnabled(!group.authTokens().isEmpty())
                .transitEncryptionEnabled(false)
                .atRestEncryptionEnabled(false)
                .arn(group.arn())
                .replicationGroupCreateTime(group.createTime())
                .dataTiering("disabled")
                .autoMinorVersionUpgrade(true)
                .networkType("ipv4")
                .ipDiscovery("ipv4")
                .clusterMode("disabled")
                .engine(group.engine());
        if (group.authTokenLastModified() != null) {
            out.authTokenLastModifiedDate(group.authTokenLastModified());
        }
        if (group.status() != GroupStatus.CREATING && group.status() != GroupStatus.CREATE_FAILED) {
            out.nodeGroups(nodeGroup(resourceKey, group));
        }
        return out.build();
    }

    private NodeGroup nodeGroup(String resourceKey, ReplicationGroupRecord group) {
        NodeGroup.Builder nodeGroup = NodeGroup.builder()
                .nodeGroupId(NODE_GROUP_ID)
                .status(group.status() == GroupStatus.DELETING || group.status() == GroupStatus.MODIFYING
                        ? group.status().wire() : GroupStatus.AVAILABLE.wire())
                .nodeGroupMembers(group.members().stream().map(member -> NodeGroupMember.builder()
                        .cacheClusterId(member.cacheClusterId())
                        .cacheNodeId(CACHE_NODE_ID)
                        .readEndpoint(endpoint(resourceKey, member.cacheClusterId()).orElse(null))
                        .preferredAvailabilityZone(member.availabilityZone())
                        .currentRole(member.cacheClusterId().equals(group.primaryId()) ? "primary" : "replica")
                        .build()).toList());
        endpoint(resourceKey, CacheEndpoints.PRIMARY).ifPresent(nodeGroup::primaryEndpoint);
        endpoint(resourceKey, CacheEndpoints.READER).ifPresent(nodeGroup::readerEndpoint);
        return nodeGroup.build();
    }

    /** A member of a replication group as a cache cluster of its own. */
    CacheCluster member(Scope scope, ReplicationGroupRecord group, MemberRecord member, boolean showNodes) {
        String resourceKey = CacheKey.group(scope, group.id()).resourceKey();
        CacheCluster.Builder out = cacheCluster(member.cacheClusterId(), group.engine(), group.engineVersion(),
                group.cacheNodeType(), member.status(), member.availabilityZone(), member.createTime(),
                group.snapshotRetentionLimit(), group.snapshotWindow(), !group.authTokens().isEmpty(),
                memberArn(group.arn(), member.cacheClusterId()))
                .replicationGroupId(group.id())
                .replicationGroupLogDeliveryEnabled(false);
        if (group.authTokenLastModified() != null) {
            out.authTokenLastModifiedDate(group.authTokenLastModified());
        }
        if (showNodes) {
            out.cacheNodes(cacheNode(member.status(), member.createTime(), member.availabilityZone(),
                    endpoint(resourceKey, member.cacheClusterId())));
        }
        return out.build();
    }

    /** A stand-alone cache cluster. */
    CacheCluster standalone(Scope scope, CacheClusterRecord cluster, boolean showNodes) {
        String resourceKey = CacheKey.cluster(scope, cluster.id()).resourceKey();
        CacheCluster.Builder out = cacheCluster(cluster.id(), cluster.engine(), cluster.engineVersion(),
                cluster.cacheNodeType(), cluster.status(), cluster.availabilityZone(), cluster.createTime(),
                cluster.snapshotRetentionLimit(), cluster.snapshotWindow(), !cluster.authTokens().isEmpty(), cluster.arn());
        if (showNodes && cluster.status() != NodeStatus.CREATING) {
            out.cacheNodes(cacheNode(cluster.status(), cluster.createTime(), cluster.availabilityZone(),
                    endpoint(resourceKey, cluster.id())));
        }
        return out.build();
    }

    private static CacheCluster.Builder cacheCluster(String id, String engine, String engineVersion, String nodeType,
                                                     NodeStatus status, String zone, Instant created,
                                                     int snapshotRetentionLimit, String snapshotWindow,
                                                     boolean authTokenEnabled, String arn) {
        return CacheCluster.builder()
                .cacheClusterId(id)
                .clientDownloadLandingPage("https://console.aws.amazon.com/elasticache/home#client-download:")
                .cacheNodeType(nodeType)
                .engine(engine)
                .engineVersion(engineVersion)
                .cacheClusterStatus(status.wire())
                .numCacheNodes(1)
                .preferredAvailabilityZone(zone)
                .cacheClusterCreateTime(created)
                .preferredMaintenanceWindow(MAINTENANCE_WINDOW)
                .pendingModifiedValues(PendingModifiedValues.builder().build())
                .cacheSecurityGroups(List.of())
                .cacheParameterGroup(CacheParameterGroupStatus.builder()
                        .cacheParameterGroupName(parameterGroup(engine, engineVersion))
                        .parameterApplyStatus("in-sync")
                        .cacheNodeIdsToReboot(List.of())
                        .build())
                .cacheSubnetGroupName("default")
                .autoMinorVersionUpgrade(true)
                .securityGroups(List.of())
                .snapshotRetentionLimit(snapshotRetentionLimit)
                .snapshotWindow(snapshotWindow)
                .authTokenEnabled(authTokenEnabled)
                .transitEncryptionEnabled(false)
                .atRestEncryptionEnabled(false)
                .arn(arn)
                .networkType("ipv4")
                .ipDiscovery("ipv4");
    }

    private static CacheNode cacheNode(NodeStatus status, Instant created, String zone, Optional<Endpoint> endpoint) {
        return CacheNode.builder()
                .cacheNodeId(CACHE_NODE_ID)
                .cacheNodeStatus(status.wire())
                .cacheNodeCreateTime(created)
                .endpoint(endpoint.orElse(null))
                .parameterGroupStatus("in-sync")
                .customerAvailabilityZone(zone)
                .build();
    }

    /** The ARN of a member cluster: its group's ARN with {@code cluster:<id>} as the resource. */
    static String memberArn(String groupArn, String memberId) {
        Arn group = Arn.parse(groupArn).orElseThrow(() -> new IllegalStateException("not an ARN: " + groupArn));
        return new Arn(group.partition(), group.service(), group.region(), group.account(),
                CacheKey.Kind.CLUSTER.arnType() + ":" + memberId).toString();
    }

    /** The default parameter group of an engine version, as ElastiCache names them. */
    static String parameterGroup(String engine, String engineVersion) {
        String major = engineVersion.contains(".") ? engineVersion.substring(0, engineVersion.indexOf('.')) : engineVersion;
        if (engine.equals("redis") && (major.equals("6") || major.equals("5") || major.equals("4"))) {
            return "default.redis" + engineVersion.substring(0, Math.min(engineVersion.length(), 3))
                    .replaceAll("^6\\..*", "6.x");
        }
        return "default." + engine + major;
    }

    private Optional<Endpoint> endpoint(String resourceKey, String name) {
        return addresses.find(resourceKey, name)
                .map(e -> Endpoint.builder().address(e.host()).port(e.port()).build());
    }
}

package dev.haneul.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterEndpoint;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.wafv2.model.IPSetSummary;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

/**
 * Deletes every resource whose name starts with a lab's prefix: load balancers and target groups,
 * app instances, Aurora custom endpoints, instances and clusters, ElastiCache replication groups, S3
 * buckets (with their objects and unfinished uploads).
 * Runs before a lab (what a killed earlier run left behind) and after it, failed or not; waits
 * until they are gone so the next run can reuse the names. One failed deletion does not stop the
 * others; each is reported.
 */
final class LabResources {

    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(60);

    private LabResources() {}

    /** Deletes what carries {@code prefix} among {@code kinds}; returns how many resources it deleted. */
    static int deleteAll(LabContext context, String prefix, Set<Lab.ResourceKind> kinds) throws InterruptedException {
        List<String> deleted = new ArrayList<>();
        if (kinds.contains(Lab.ResourceKind.WAF)) {
            attempt(context, "web ACLs", () -> deleteWaf(context, prefix, deleted));
        }
        if (kinds.contains(Lab.ResourceKind.LOAD_BALANCERS)) {
            attempt(context, "load balancers", () -> deleteLoadBalancers(context, prefix, deleted));
        }
        if (kinds.contains(Lab.ResourceKind.APPS)) {
            attempt(context, "apps", () -> deleteApps(context, prefix, deleted));
        }
        if (kinds.contains(Lab.ResourceKind.AURORA)) {
            attempt(context, "Aurora clusters", () -> deleteAurora(context, prefix, deleted));
        }
        if (kinds.contains(Lab.ResourceKind.ELASTICACHE)) {
            attempt(context, "ElastiCache replication groups", () -> deleteCaches(context, prefix, deleted));
        }
        if (kinds.contains(Lab.ResourceKind.S3)) {
            attempt(context, "S3 buckets", () -> deleteBuckets(context, prefix, deleted));
        }
        if (!deleted.isEmpty()) {
            context.log("deleted %s", String.join(", ", deleted));
        }
        return deleted.size();
    }

    private static void deleteLoadBalancers(LabContext context, String prefix, List<String> deleted) {
        for (LoadBalancer lb : context.elbv2().describeLoadBalancers().loadBalancers()) {
            if (lb.loadBalancerName().startsWith(prefix)) {
                context.elbv2().deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
                deleted.add("load balancer " + lb.loadBalancerName());
            }
        }
        for (TargetGroup tg : context.elbv2().describeTargetGroups().targetGroups()) {
            if (tg.targetGroupName().startsWith(prefix)) {
                context.elbv2().deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn()));
                deleted.add("target group " + tg.targetGroupName());
            }
        }
    }

    private static void deleteApps(LabContext context, String prefix, List<String> deleted) throws Exception {
        AppsApi apps = context.apps();
        for (String name : apps.names()) {
            if (name.startsWith(prefix)) {
                apps.delete(name);
                deleted.add("app " + name);
            }
        }
    }

    /** Custom endpoints, then instances, then clusters; waits until they are gone. */
    private static void deleteAurora(LabContext context, String prefix, List<String> deleted) throws Exception {
        List<String> clusters = new ArrayList<>();
        for (DBCluster cluster : context.rds().describeDBClusters().dbClusters()) {
            if (!cluster.dbClusterIdentifier().startsWith(prefix)) {
                continue;
            }
            for (DBClusterEndpoint endpoint : context.rds().describeDBClusterEndpoints(r -> r
                    .dbClusterIdentifier(cluster.dbClusterIdentifier())).dbClusterEndpoints()) {
                if ("CUSTOM".equals(endpoint.endpointType())) {
                    context.rds().deleteDBClusterEndpoint(r -> r.dbClusterEndpointIdentifier(
                            endpoint.dbClusterEndpointIdentifier()));
                    deleted.add("custom endpoint " + endpoint.dbClusterEndpointIdentifier());
                }
            }
            clusters.add(cluster.dbClusterIdentifier());
        }
        for (DBInstance instance : context.rds().describeDBInstances().dbInstances()) {
            if (clusters.contains(instance.dbClusterIdentifier()) && !"deleting".equals(instance.dbInstanceStatus())) {
                context.rds().deleteDBInstance(r -> r.dbInstanceIdentifier(instance.dbInstanceIdentifier())
                        .skipFinalSnapshot(true));
                deleted.add("DB instance " + instance.dbInstanceIdentifier());
            }
        }
        Waits.until("the DB instances of " + clusters + " to be deleted", GONE_TIMEOUT, () -> context.rds()
                .describeDBInstances().dbInstances().stream().noneMatch(i -> clusters.contains(i.dbClusterIdentifier())));
        for (String cluster : clusters) {
            context.rds().deleteDBCluster(r -> r.dbClusterIdentifier(cluster).skipFinalSnapshot(true));
            deleted.add("DB cluster " + cluster);
        }
        Waits.until("DB clusters " + clusters + " to be deleted", GONE_TIMEOUT, () -> context.rds()
                .describeDBClusters().dbClusters().stream().noneMatch(c -> clusters.contains(c.dbClusterIdentifier())));
    }

    private static void deleteCaches(LabContext context, String prefix, List<String> deleted) throws Exception {
        List<String> groups = new ArrayList<>();
        for (ReplicationGroup group : context.elasticache().describeReplicationGroups().replicationGroups()) {
            if (group.replicationGroupId().startsWith(prefix)) {
                if (!"deleting".equals(group.status())) {
                    context.elasticache().deleteReplicationGroup(r -> r.replicationGroupId(group.replicationGroupId()));
                }
                groups.add(group.replicationGroupId());
                deleted.add("replication group " + group.replicationGroupId());
            }
        }
        Waits.until("replication groups " + groups + " to be deleted", GONE_TIMEOUT, () -> context.elasticache()
                .describeReplicationGroups().replicationGroups().stream()
                .noneMatch(g -> groups.contains(g.replicationGroupId())));
    }

    /** Web ACLs (disassociated first), then the IP sets they used, under {@code prefix}, in the REGIONAL scope. */
    private static void deleteWaf(LabContext context, String prefix, List<String> deleted) {
        for (WebACLSummary acl : context.wafv2().listWebACLs(r -> r.scope(Scope.REGIONAL)).webACLs()) {
            if (acl.name().startsWith(prefix)) {
                for (String resource : context.wafv2().listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns()) {
                    context.wafv2().disassociateWebACL(r -> r.resourceArn(resource));
                }
                String lock = context.wafv2().getWebACL(r -> r.arn(acl.arn())).lockToken();
                context.wafv2().deleteWebACL(r -> r.name(acl.name()).id(acl.id()).scope(Scope.REGIONAL).lockToken(lock));
                deleted.add("web ACL " + acl.name());
            }
        }
        for (IPSetSummary set : context.wafv2().listIPSets(r -> r.scope(Scope.REGIONAL)).ipSets()) {
            if (set.name().startsWith(prefix)) {
                String lock = context.wafv2().getIPSet(r -> r.name(set.name()).id(set.id()).scope(Scope.REGIONAL)).lockToken();
                context.wafv2().deleteIPSet(r -> r.name(set.name()).id(set.id()).scope(Scope.REGIONAL).lockToken(lock));
                deleted.add("IP set " + set.name());
            }
        }
    }

    /** Buckets under {@code prefix}, after their objects and unfinished multipart uploads. */
    private static void deleteBuckets(LabContext context, String prefix, List<String> deleted) {
        S3Client s3 = context.s3();
        for (Bucket bucket : s3.listBuckets().buckets()) {
            String name = bucket.name();
            if (!name.startsWith(prefix)) {
                continue;
            }
            for (MultipartUpload upload : s3.listMultipartUploads(r -> r.bucket(name)).uploads()) {
                s3.abortMultipartUpload(r -> r.bucket(name).key(upload.key()).uploadId(upload.uploadId()));
            }
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(r -> r.bucket(name))) {
                if (!page.contents().isEmpty()) {
                    s3.deleteObjects(r -> r.bucket(name).delete(d -> d.quiet(true).objects(page.contents().stream()
                            .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList())));
                }
            }
            s3.deleteBucket(r -> r.bucket(name));
            deleted.add("S3 bucket " + name);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(LabContext context, String what, Step step) throws InterruptedException {
        try {
            step.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            context.log("could not delete the lab's %s: %s", what, e.getMessage());
        }
    }
}

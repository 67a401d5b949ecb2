package dev.haneul.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.lab.LabContext;
import dev.haneul.lab.LabRunner;
import dev.haneul.lab.Labs;
import dev.haneul.testing.HaneulExtension;
import java.nio.file.Files;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Runs a lab in short mode against a test server and checks what every lab must do. */
final class LabRuns {

    private LabRuns() {}

    /**
     * Runs lab {@code name} in short mode; asserts that it ran, wrote a self-contained report with
     * an SVG chart, and left none of its resources behind; returns its verdict.
     */
    static <V extends Record> V runShort(HaneulExtension haneul, String name, Class<V> verdictType) throws Exception {
        LabRunner.Outcome outcome;
        try (LabContext context = new LabContext(haneul.endpoint(), true, System.out)) {
            outcome = LabRunner.run(Labs.find(name).orElseThrow(), context, System.out);
        }
        assertThat(outcome.failure()).as("lab %s could not run", name).isNull();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.report()).isNotNull().startsWith(haneul.dataDir().resolve("labs"));
        String html = Files.readString(outcome.report());
        assertThat(html).as("a self-contained page with an inline SVG chart").startsWith("<!doctype html>").contains("<svg")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("<img").doesNotContain("src=")
                .doesNotContain("@import").doesNotContain("url(").contains("haneul lab " + name);
        String prefix = "lab-" + name;
        try (RdsClient rds = haneul.client(RdsClient.builder());
             ElastiCacheClient elasticache = haneul.client(ElastiCacheClient.builder());
             ElasticLoadBalancingV2Client elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder());
             S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            assertThat(rds.describeDBClusters().dbClusters()).noneMatch(c -> c.dbClusterIdentifier().startsWith(prefix));
            assertThat(rds.describeDBInstances().dbInstances()).noneMatch(i -> i.dbInstanceIdentifier().startsWith(prefix));
            assertThat(elasticache.describeReplicationGroups().replicationGroups())
                    .noneMatch(g -> g.replicationGroupId().startsWith(prefix));
            assertThat(elbv2.describeLoadBalancers().loadBalancers()).noneMatch(lb -> lb.loadBalancerName().startsWith(prefix));
            assertThat(elbv2.describeTargetGroups().targetGroups()).noneMatch(tg -> tg.targetGroupName().startsWith(prefix));
            assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().startsWith(prefix));
        }
        assertThat(haneul.server()).isNotNull();
        return verdictType.cast(outcome.result().verdict());
    }
}

package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Harness.CONTEXT;
import static dev.haneul.elbv2.api.Elbv2Harness.code;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.state.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** Tags (the kit's rules with ELBv2's errors) and account limits. */
class TagServiceTest {

    @TempDir
    Path dir;
    Elbv2Harness elb;
    LoadBalancer lb;

    @BeforeEach
    void setUp() {
        elb = new Elbv2Harness(dir);
        lb = elb.alb("web");
    }

    private String add(String arn, Tag... tags) {
        return code(() -> elb.tags.addTags(CONTEXT, AddTagsRequest.builder().resourceArns(arn).tags(tags).build()));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private Map<String, String> tagsOf(String arn) {
        return elb.tags.resourceTags(new Scope(CONTEXT.accountId(), CONTEXT.region()), arn).orElseThrow();
    }

    @Test
    void tagsAreAddedMergedAndRemoved() {
        TargetGroup tg = elb.ipGroup("targets");
        elb.tags.addTags(CONTEXT, AddTagsRequest.builder().resourceArns(lb.loadBalancerArn(), tg.targetGroupArn())
                .tags(tag("project", "lima"), tag("team", "web")).build());
        assertThat(add(lb.loadBalancerArn(), tag("team", "ops"))).isEqualTo("ok");
        elb.tags.removeTags(CONTEXT, RemoveTagsRequest.builder().resourceArns(tg.targetGroupArn()).tagKeys("team", "absent")
                .build());
        assertThat(tagsOf(lb.loadBalancerArn())).containsOnly(Map.entry("project", "lima"), Map.entry("team", "ops"));
        assertThat(tagsOf(tg.targetGroupArn())).containsOnly(Map.entry("project", "lima"));
        var described = elb.tags.describeTags(CONTEXT, DescribeTagsRequest.builder()
                .resourceArns(lb.loadBalancerArn(), tg.targetGroupArn()).build()).tagDescriptions();
        assertThat(described).hasSize(2);
        assertThat(described.get(0).tags()).extracting(Tag::key).containsExactly("project", "team");
    }

    @Test
    void keysAreCheckedWithTheKitsRules() {
        assertThat(add(lb.loadBalancerArn(), tag("k", "1"), tag("k", "2"))).isEqualTo("DuplicateTagKeys");
        assertThat(add(lb.loadBalancerArn(), tag("aws:owner", "x"))).isEqualTo("ValidationError");
        assertThat(add(lb.loadBalancerArn(), tag("AWS:owner", "x"))).as("any case").isEqualTo("ValidationError");
        assertThat(add(lb.loadBalancerArn(), tag("", "x"))).isEqualTo("ValidationError");
        assertThat(add(lb.loadBalancerArn(), tag("k".repeat(129), "x"))).isEqualTo("ValidationError");
        assertThat(add(lb.loadBalancerArn(), tag("k", "v".repeat(257)))).isEqualTo("ValidationError");
        assertThat(add(lb.loadBalancerArn(), Tag.builder().key("no-value").build())).isEqualTo("ok");
        assertThat(tagsOf(lb.loadBalancerArn())).containsEntry("no-value", "");
    }

    @Test
    void fiftyTagsAtMostAfterMerging() {
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(tag("k" + i, "v"));
        }
        assertThat(add(lb.loadBalancerArn(), fifty.toArray(Tag[]::new))).isEqualTo("ok");
        assertThat(add(lb.loadBalancerArn(), tag("k0", "again"))).as("replacing").isEqualTo("ok");
        assertThat(add(lb.loadBalancerArn(), tag("k50", "v"))).isEqualTo("TooManyTags");
        fifty.add(tag("k50", "v"));
        assertThat(code(() -> elb.loadBalancers.createLoadBalancer(CONTEXT, CreateLoadBalancerRequest.builder()
                .name("tagged").subnets("subnet-0a1b2c3d", "subnet-0e1f2a3b").tags(fifty).build())))
                .isEqualTo("TooManyTags");
    }

    @Test
    void unknownResourcesAreNotFoundByType() {
        String arn = lb.loadBalancerArn();
        assertThat(add(arn + "0", tag("k", "v"))).isEqualTo("LoadBalancerNotFound");
        assertThat(add(arn.replace(":loadbalancer/app/web/", ":targetgroup/web/"), tag("k", "v")))
                .isEqualTo("TargetGroupNotFound");
        assertThat(add(arn.replace(":loadbalancer/", ":listener/") + "/0", tag("k", "v"))).isEqualTo("ListenerNotFound");
        assertThat(add(arn.replace(":loadbalancer/", ":listener-rule/") + "/0/0", tag("k", "v"))).isEqualTo("RuleNotFound");
        assertThat(add("arn:aws:s3:::bucket", tag("k", "v"))).isEqualTo("ValidationError");
        assertThat(elb.tags.resourceTags(new Scope(CONTEXT.accountId(), CONTEXT.region()), arn + "0")).isEmpty();
    }

    @Test
    void aTagChangeNeverReachesTheDataPlane() {
        int applies = elb.dataPlane.applies;
        add(lb.loadBalancerArn(), tag("k", "v"));
        elb.tags.removeTags(CONTEXT, RemoveTagsRequest.builder().resourceArns(lb.loadBalancerArn()).tagKeys("k").build());
        assertThat(elb.dataPlane.applies).isEqualTo(applies);
    }

    @Test
    void accountLimitsArePaged() {
        DescribeAccountLimitsResponse all = AccountLimits.describeAccountLimits(CONTEXT,
                DescribeAccountLimitsRequest.builder().build());
        assertThat(all.limits()).extracting(Limit::name).contains("application-load-balancers", "targets-per-target-group");
        assertThat(all.nextMarker()).isNull();
        DescribeAccountLimitsResponse first = AccountLimits.describeAccountLimits(CONTEXT,
                DescribeAccountLimitsRequest.builder().pageSize(3).build());
        assertThat(first.limits()).hasSize(3);
        DescribeAccountLimitsResponse second = AccountLimits.describeAccountLimits(CONTEXT,
                DescribeAccountLimitsRequest.builder().pageSize(3).marker(first.nextMarker()).build());
        assertThat(second.limits().get(0)).isEqualTo(all.limits().get(3));
    }
}

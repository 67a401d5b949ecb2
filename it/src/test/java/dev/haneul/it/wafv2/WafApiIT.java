package dev.haneul.it.wafv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.haneul.testing.HaneulExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.CreateWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.GetWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.IPAddressVersion;
import software.amazon.awssdk.services.wafv2.model.IPSetSummary;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.Tag;
import software.amazon.awssdk.services.wafv2.model.VisibilityConfig;
import software.amazon.awssdk.services.wafv2.model.WafAssociatedItemException;
import software.amazon.awssdk.services.wafv2.model.WafDuplicateItemException;
import software.amazon.awssdk.services.wafv2.model.WafInvalidParameterException;
import software.amazon.awssdk.services.wafv2.model.WafLimitsExceededException;
import software.amazon.awssdk.services.wafv2.model.WafNonexistentItemException;
import software.amazon.awssdk.services.wafv2.model.WafOptimisticLockException;

/**
 * The WAFv2 API through the AWS SDK for Java v2, against a real Haneul server: the lifecycle of
 * each resource kind with lock tokens, AWS's errors (with {@code Field} and {@code Reason} for
 * invalid parameters), references that must exist and block deletes, association with an ALB,
 * tags, logging configuration, and state that survives a restart.
 */
class WafApiIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static Wafv2Client waf;
    private static ElasticLoadBalancingV2Client elbv2;
    private static int counter;

    @BeforeAll
    static void clients() {
        waf = haneul.client(Wafv2Client.builder());
        elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder());
    }

    private static String name(String prefix) {
        return prefix + "-" + (++counter);
    }

    static VisibilityConfig visibility(String metric) {
        return VisibilityConfig.builder().sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true).metricName(metric).build();
    }

    private static IPSetSummary ipSet(String name, String... addresses) {
        return waf.createIPSet(r -> r.name(name).scope(Scope.REGIONAL).ipAddressVersion(IPAddressVersion.IPV4)
                .addresses(addresses).description("test set")).summary();
    }

    @Test
    void anIpSetIsCreatedReadUpdatedWithItsLockTokenListedAndDeleted() {
        String name = name("blocked");
        IPSetSummary created = ipSet(name, "192.0.2.0/24");
        assertThat(created.arn()).isEqualTo("arn:aws:wafv2:us-east-1:000000000000:regional/ipset/" + name + "/" + created.id());

        GetIpSetResponse got = waf.getIPSet(r -> r.name(name).scope(Scope.REGIONAL).id(created.id()));
        assertThat(got.ipSet().addresses()).containsExactly("192.0.2.0/24");
        assertThat(got.ipSet().ipAddressVersion()).isEqualTo(IPAddressVersion.IPV4);
        assertThat(got.lockToken()).isEqualTo(created.lockToken());

        String next = waf.updateIPSet(r -> r.name(name).scope(Scope.REGIONAL).id(created.id())
                .addresses("192.0.2.0/24", "198.51.100.7/32").lockToken(got.lockToken())).nextLockToken();
        assertThat(next).isNotEqualTo(got.lockToken());
        WafOptimisticLockException stale = catchThrowableOfType(WafOptimisticLockException.class, () ->
                waf.updateIPSet(r -> r.name(name).scope(Scope.REGIONAL).id(created.id()).addresses("192.0.2.1/32")
                        .lockToken(got.lockToken())));
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(waf.getIPSet(r -> r.name(name).scope(Scope.REGIONAL).id(created.id())).ipSet().addresses())
                .containsExactly("192.0.2.0/24", "198.51.100.7/32");

        assertThat(waf.listIPSets(r -> r.scope(Scope.REGIONAL)).ipSets()).extracting(IPSetSummary::name).contains(name);
        assertThat(waf.listIPSets(r -> r.scope(Scope.CLOUDFRONT)).ipSets()).extracting(IPSetSummary::name).doesNotContain(name);

        assertThatThrownBy(() ->
                waf.deleteIPSet(r -> r.name(name).scope(Scope.REGIONAL).id(created.id()).lockToken(got.lockToken())))
                .isInstanceOf(WafOptimisticLockException.class);
        waf.deleteIPSet(r -> r.name(name).scope(Scope.REGIONAL).id(created.id()).lockToken(next));
        WafNonexistentItemException gone = catchThrowableOfType(WafNonexistentItemException.class, () ->
                waf.getIPSet(r -> r.name(name).scope(Scope.REGIONAL).id(created.id())));
        assertThat(gone.awsErrorDetails().errorMessage()).contains("doesn’t exist");
    }

    @Test
    void namesAreUniqueAndAddressesAreChecked() {
        String name = name("dup");
        ipSet(name, "10.0.0.0/8");
        assertThatThrownBy(() -> ipSet(name, "10.0.0.0/8")).isInstanceOf(WafDuplicateItemException.class);
        WafInvalidParameterException invalid = catchThrowableOfType(WafInvalidParameterException.class, () ->
                ipSet(name("bad"), "10.0.0.300/8"));
        assertThat(invalid.field()).hasToString("IP_ADDRESS");
        assertThat(invalid.parameter()).isEqualTo("10.0.0.300/8");
    }

    @Test
    void aWebAclsReferencesMustExistAndKeepWhatTheyReferToFromBeingDeleted() {
        IPSetSummary set = ipSet(name("refd"), "203.0.113.0/24");
        String aclName = name("acl");
        Rule blockSet = Rule.builder().name("block-set").priority(0).action(a -> a.block(b -> { }))
                .statement(s -> s.ipSetReferenceStatement(i -> i.arn(set.arn()))).visibilityConfig(visibility("blockSet")).build();
        CreateWebAclResponse acl = waf.createWebACL(r -> r.name(aclName).scope(Scope.REGIONAL)
                .defaultAction(d -> d.allow(a -> { })).rules(blockSet).visibilityConfig(visibility(aclName)));

        GetWebAclResponse got = waf.getWebACL(r -> r.name(aclName).scope(Scope.REGIONAL).id(acl.summary().id()));
        assertThat(got.webACL().labelNamespace()).isEqualTo("awswaf:000000000000:webacl:" + aclName + ":");
        assertThat(got.webACL().rules()).hasSize(1);
        assertThat(got.webACL().rules().get(0).statement().ipSetReferenceStatement().arn()).isEqualTo(set.arn());
        assertThat(waf.getWebACL(r -> r.arn(acl.summary().arn())).webACL().id()).isEqualTo(acl.summary().id());

        String setLock = waf.getIPSet(r -> r.name(set.name()).scope(Scope.REGIONAL).id(set.id())).lockToken();
        assertThatThrownBy(() ->
                waf.deleteIPSet(r -> r.name(set.name()).scope(Scope.REGIONAL).id(set.id()).lockToken(setLock)))
                .isInstanceOf(WafAssociatedItemException.class);

        String missing = set.arn().replace(set.id(), "00000000-0000-0000-0000-000000000000");
        assertThatThrownBy(() -> waf.createWebACL(r -> r.name(name("dangling"))
                .scope(Scope.REGIONAL).defaultAction(d -> d.allow(a -> { })).visibilityConfig(visibility("dangling"))
                .rules(blockSet.toBuilder().statement(s -> s.ipSetReferenceStatement(i -> i.arn(missing))).build())))
                .isInstanceOf(WafNonexistentItemException.class);

        waf.deleteWebACL(r -> r.name(aclName).scope(Scope.REGIONAL).id(acl.summary().id()).lockToken(got.lockToken()));
        waf.deleteIPSet(r -> r.name(set.name()).scope(Scope.REGIONAL).id(set.id()).lockToken(setLock));
    }

    @Test
    void ruleGroupsAndRegexPatternSetsHaveTheirLifecycleAndLimits() {
        String regexName = name("paths");
        var regex = waf.createRegexPatternSet(r -> r.name(regexName).scope(Scope.REGIONAL)
                .regularExpressionList(e -> e.regexString("^/admin"))).summary();
        assertThat(waf.getRegexPatternSet(r -> r.name(regexName).scope(Scope.REGIONAL).id(regex.id()))
                .regexPatternSet().regularExpressionList()).extracting(e -> e.regexString()).containsExactly("^/admin");

        String groupName = name("group");
        var group = waf.createRuleGroup(r -> r.name(groupName).scope(Scope.REGIONAL).capacity(100L)
                .visibilityConfig(visibility(groupName)).rules(Rule.builder().name("admin").priority(1)
                        .action(a -> a.block(b -> { })).ruleLabels(l -> l.name("admin:path"))
                        .statement(s -> s.regexPatternSetReferenceStatement(x -> x.arn(regex.arn())
                                .fieldToMatch(f -> f.uriPath(u -> { })).textTransformations(t -> t.priority(0).type("NONE"))))
                        .visibilityConfig(visibility("admin")).build())).summary();
        var got = waf.getRuleGroup(r -> r.name(groupName).scope(Scope.REGIONAL).id(group.id()));
        assertThat(got.ruleGroup().capacity()).isEqualTo(100L);
        assertThat(got.ruleGroup().labelNamespace()).isEqualTo("awswaf:000000000000:rulegroup:" + groupName + ":");
        assertThat(got.ruleGroup().availableLabels()).extracting(l -> l.name())
                .containsExactly("awswaf:000000000000:rulegroup:" + groupName + ":admin:path");

        assertThatThrownBy(() -> waf.createRuleGroup(r -> r.name(name("huge"))
                .scope(Scope.REGIONAL).capacity(1501L).visibilityConfig(visibility("huge"))))
                .isInstanceOf(WafLimitsExceededException.class);

        waf.deleteRuleGroup(r -> r.name(groupName).scope(Scope.REGIONAL).id(group.id()).lockToken(got.lockToken()));
        String regexLock = waf.getRegexPatternSet(r -> r.name(regexName).scope(Scope.REGIONAL).id(regex.id())).lockToken();
        waf.deleteRegexPatternSet(r -> r.name(regexName).scope(Scope.REGIONAL).id(regex.id()).lockToken(regexLock));
    }

    @Test
    void aWebAclIsAssociatedWithAnAlbAndStaysUntilDisassociated() {
        String lbArn = elbv2.createLoadBalancer(r -> r.name(name("waf-alb")).subnets("subnet-0a1b2c3d", "subnet-4e5f6a7b"))
                .loadBalancers().get(0).loadBalancerArn();
        String aclName = name("guard");
        var acl = waf.createWebACL(r -> r.name(aclName).scope(Scope.REGIONAL).defaultAction(d -> d.allow(a -> { }))
                .visibilityConfig(visibility(aclName))).summary();

        waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(lbArn));
        assertThat(waf.getWebACLForResource(r -> r.resourceArn(lbArn)).webACL().arn()).isEqualTo(acl.arn());
        assertThat(waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns()).containsExactly(lbArn);
        assertThatThrownBy(() ->
                waf.deleteWebACL(r -> r.name(aclName).scope(Scope.REGIONAL).id(acl.id()).lockToken(acl.lockToken())))
                .isInstanceOf(WafAssociatedItemException.class);

        String unknownLb = lbArn.substring(0, lbArn.lastIndexOf('/') + 1) + "0123456789abcdef";
        assertThatThrownBy(() ->
                waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn(unknownLb)))
                .isInstanceOf(WafNonexistentItemException.class);
        WafInvalidParameterException badArn = catchThrowableOfType(WafInvalidParameterException.class, () ->
                waf.associateWebACL(r -> r.webACLArn(acl.arn()).resourceArn("not-an-arn")));
        assertThat(badArn.field()).hasToString("RESOURCE_ARN");

        waf.disassociateWebACL(r -> r.resourceArn(lbArn));
        assertThat(waf.getWebACLForResource(r -> r.resourceArn(lbArn)).webACL()).isNull();
        assertThat(waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn())).resourceArns()).isEmpty();
        waf.deleteWebACL(r -> r.name(aclName).scope(Scope.REGIONAL).id(acl.id()).lockToken(acl.lockToken()));
    }

    @Test
    void tagsAndLoggingConfigurations() {
        String aclName = name("logged");
        var acl = waf.createWebACL(r -> r.name(aclName).scope(Scope.REGIONAL).defaultAction(d -> d.allow(a -> { }))
                .visibilityConfig(visibility(aclName)).tags(Tag.builder().key("team").value("web").build())).summary();
        waf.tagResource(r -> r.resourceARN(acl.arn()).tags(Tag.builder().key("env").value("test").build()));
        waf.untagResource(r -> r.resourceARN(acl.arn()).tagKeys("team"));
        assertThat(waf.listTagsForResource(r -> r.resourceARN(acl.arn())).tagInfoForResource().tagList())
                .extracting(Tag::key).containsExactly("env");

        WafInvalidParameterException badBucket = catchThrowableOfType(WafInvalidParameterException.class, () ->
                waf.putLoggingConfiguration(r -> r.loggingConfiguration(c -> c.resourceArn(acl.arn())
                        .logDestinationConfigs("arn:aws:s3:::my-logs"))));
        assertThat(badBucket.field()).hasToString("LOG_DESTINATION");

        assertThatThrownBy(() -> waf.putLoggingConfiguration(r -> r.loggingConfiguration(c -> c.resourceArn(acl.arn())
                .logDestinationConfigs("arn:aws:s3:::aws-waf-logs-missing"))))
                .as("the bucket must exist").isInstanceOf(WafNonexistentItemException.class);
        try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(r -> r.bucket("aws-waf-logs-test"));
        }
        var put = waf.putLoggingConfiguration(r -> r.loggingConfiguration(c -> c.resourceArn(acl.arn())
                .logDestinationConfigs("arn:aws:s3:::aws-waf-logs-test")
                .redactedFields(f -> f.singleHeader(h -> h.name("authorization")))));
        assertThat(put.loggingConfiguration().logDestinationConfigs()).containsExactly("arn:aws:s3:::aws-waf-logs-test");
        assertThat(waf.getLoggingConfiguration(r -> r.resourceArn(acl.arn())).loggingConfiguration().redactedFields())
                .hasSize(1);
        assertThat(waf.listLoggingConfigurations(r -> r.scope(Scope.REGIONAL)).loggingConfigurations())
                .extracting(c -> c.resourceArn()).contains(acl.arn());
        waf.deleteLoggingConfiguration(r -> r.resourceArn(acl.arn()));
        assertThatThrownBy(() -> waf.getLoggingConfiguration(r -> r.resourceArn(acl.arn())))
                .isInstanceOf(WafNonexistentItemException.class);
    }

    @Test
    void stateSurvivesARestart() throws Exception {
        String name = name("kept");
        IPSetSummary set = ipSet(name, "198.51.100.0/24");
        haneul.restart();
        waf = haneul.client(Wafv2Client.builder());
        elbv2 = haneul.client(ElasticLoadBalancingV2Client.builder());
        GetIpSetResponse got = waf.getIPSet(r -> r.name(name).scope(Scope.REGIONAL).id(set.id()));
        assertThat(got.ipSet().addresses()).isEqualTo(List.of("198.51.100.0/24"));
        assertThat(got.lockToken()).isEqualTo(set.lockToken());
    }
}

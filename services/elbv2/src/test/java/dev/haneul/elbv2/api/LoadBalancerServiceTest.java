package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Harness.CONTEXT;
import static dev.haneul.elbv2.api.Elbv2Harness.OTHER_REGION;
import static dev.haneul.elbv2.api.Elbv2Harness.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsRequest;

/** Load balancers: names, subnets, idempotent create, quotas, deletion protection, describe and paging. */
class LoadBalancerServiceTest {

    @TempDir
    Path dir;
    Elbv2Harness elb;

    @BeforeEach
    void setUp() {
        elb = new Elbv2Harness(dir);
    }

    private String create(CreateLoadBalancerRequest.Builder request) {
        return code(() -> elb.loadBalancers.createLoadBalancer(CONTEXT, request.build()));
    }

    @Test
    void anApplicationLoadBalancerIsProvisioningWhenCreatedAndActiveAfter() {
        LoadBalancer lb = elb.alb("web");
        assertThat(lb.state().codeAsString()).isEqualTo("provisioning");
        assertThat(lb.loadBalancerArn()).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/[0-9a-f]{16}");
        assertThat(lb.dnsName()).startsWith("127.63.");
        assertThat(lb.availabilityZones()).extracting(z -> z.zoneName()).containsExactly("us-east-1a", "us-east-1b");
        assertThat(lb.securityGroups()).singleElement().asString().startsWith("sg-");
        LoadBalancer described = elb.loadBalancers.describeLoadBalancers(CONTEXT,
                DescribeLoadBalancersRequest.builder().build()).loadBalancers().get(0);
        assertThat(described.state().codeAsString()).isEqualTo("active");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-web", "web-", "we_b", "a-name-that-is-longer-than-32-chars", "internal-web"})
    void badNamesAreValidationErrors(String name) {
        assertThat(create(CreateLoadBalancerRequest.builder().name(name).subnets("subnet-0a1b2c3d", "subnet-0e1f2a3b")))
                .isEqualTo("ValidationError");
    }

    @Test
    void subnetsAreChecked() {
        assertThat(create(CreateLoadBalancerRequest.builder().name("one").subnets("subnet-0a1b2c3d")))
                .as("an ALB needs two").isEqualTo("ValidationError");
        assertThat(create(CreateLoadBalancerRequest.builder().name("dup").subnets("subnet-0a1b2c3d", "subnet-0a1b2c3d")))
                .as("two distinct").isEqualTo("ValidationError");
        assertThat(create(CreateLoadBalancerRequest.builder().name("bad").subnets("subnet-xyz", "subnet-0a1b2c3d")))
                .isEqualTo("SubnetNotFound");
        assertThat(create(CreateLoadBalancerRequest.builder().name("both").subnets("subnet-0a1b2c3d", "subnet-0e1f2a3b")
                .subnetMappings(m -> m.subnetId("subnet-0a1b2c3d")))).isEqualTo("ValidationError");
        assertThat(create(CreateLoadBalancerRequest.builder().name("none").type("network"))).isEqualTo("ValidationError");
        assertThat(create(CreateLoadBalancerRequest.builder().name("nlb").type("network")
                .subnetMappings(m -> m.subnetId("subnet-0a1b2c3d")))).isEqualTo("ok");
    }

    @Test
    void securityGroupsAreCheckedAndGatewayIsNotImplemented() {
        assertThat(create(CreateLoadBalancerRequest.builder().name("sg").subnets("subnet-0a1b2c3d", "subnet-0e1f2a3b")
                .securityGroups("group-1"))).isEqualTo("InvalidSecurityGroup");
        assertThat(create(CreateLoadBalancerRequest.builder().name("gw").type("gateway").subnets("subnet-0a1b2c3d")))
                .isEqualTo("NotImplemented");
    }

    @Test
    void createIsIdempotentOnSameSettingsAndRefusesOthers() {
        LoadBalancer first = elb.alb("web");
        LoadBalancer again = elb.alb("web");
        assertThat(again.loadBalancerArn()).isEqualTo(first.loadBalancerArn());
        assertThat(again.state().codeAsString()).isEqualTo("active");
        assertThat(create(CreateLoadBalancerRequest.builder().name("web").subnets("subnet-0a1b2c3d", "subnet-0e1f2a3b")
                .scheme("internal"))).isEqualTo("DuplicateLoadBalancerName");
    }

    @Test
    void theQuotaIsFiftyPerRegion() {
        for (int i = 0; i < LoadBalancerService.MAX_LOAD_BALANCERS; i++) {
            elb.alb("lb-" + i);
        }
        assertThat(create(CreateLoadBalancerRequest.builder().name("one-too-many")
                .subnets("subnet-0a1b2c3d", "subnet-0e1f2a3b"))).isEqualTo("TooManyLoadBalancers");
        assertThat(code(() -> elb.loadBalancers.createLoadBalancer(OTHER_REGION, CreateLoadBalancerRequest.builder()
                .name("elsewhere").subnets("subnet-0a1b2c3d", "subnet-0e1f2a3b").build()))).as("another region").isEqualTo("ok");
    }

    @Test
    void deletionProtectionRefusesDeleteAndDeleteGivesTheAddressBack() {
        LoadBalancer lb = elb.alb("kept");
        elb.loadBalancers.modifyLoadBalancerAttributes(CONTEXT, ModifyLoadBalancerAttributesRequest.builder()
                .loadBalancerArn(lb.loadBalancerArn()).attributes(a -> a.key("deletion_protection.enabled").value("true")).build());
        DeleteLoadBalancerRequest delete = DeleteLoadBalancerRequest.builder().loadBalancerArn(lb.loadBalancerArn()).build();
        assertThat(code(() -> elb.loadBalancers.deleteLoadBalancer(CONTEXT, delete))).isEqualTo("OperationNotPermitted");
        elb.loadBalancers.modifyLoadBalancerAttributes(CONTEXT, ModifyLoadBalancerAttributesRequest.builder()
                .loadBalancerArn(lb.loadBalancerArn()).attributes(a -> a.key("deletion_protection.enabled").value("false")).build());
        assertThat(elb.addresses.find(lb.loadBalancerArn(), "dns")).isPresent();
        elb.loadBalancers.deleteLoadBalancer(CONTEXT, delete);
        assertThat(elb.addresses.find(lb.loadBalancerArn(), "dns")).isEmpty();
        assertThat(code(() -> elb.loadBalancers.deleteLoadBalancer(CONTEXT, delete))).as("deleting twice").isEqualTo("ok");
    }

    @Test
    void describeByArnsOrNamesNotBoth() {
        LoadBalancer lb = elb.alb("web");
        assertThat(code(() -> elb.loadBalancers.describeLoadBalancers(CONTEXT, DescribeLoadBalancersRequest.builder()
                .names("web").loadBalancerArns(lb.loadBalancerArn()).build()))).isEqualTo("ValidationError");
        assertThat(code(() -> elb.loadBalancers.describeLoadBalancers(CONTEXT, DescribeLoadBalancersRequest.builder()
                .names("nope").build()))).isEqualTo("LoadBalancerNotFound");
        assertThat(code(() -> elb.loadBalancers.describeLoadBalancers(CONTEXT, DescribeLoadBalancersRequest.builder()
                .loadBalancerArns(lb.loadBalancerArn() + "0").build()))).isEqualTo("LoadBalancerNotFound");
        assertThat(code(() -> elb.loadBalancers.describeLoadBalancers(OTHER_REGION, DescribeLoadBalancersRequest.builder()
                .names("web").build()))).as("scoped to the region").isEqualTo("LoadBalancerNotFound");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= Elbv2Validation.MAX_ARNS; i++) {
            many.add(lb.loadBalancerArn());
        }
        assertThat(code(() -> elb.loadBalancers.describeLoadBalancers(CONTEXT, DescribeLoadBalancersRequest.builder()
                .loadBalancerArns(many).build()))).isEqualTo("ValidationError");
    }

    @Test
    void pagesFollowMarkersToTheEnd() {
        for (int i = 0; i < 5; i++) {
            elb.alb("page-" + i);
        }
        List<String> names = new ArrayList<>();
        String marker = null;
        do {
            DescribeLoadBalancersResponse page = elb.loadBalancers.describeLoadBalancers(CONTEXT,
                    DescribeLoadBalancersRequest.builder().pageSize(2).marker(marker).build());
            assertThat(page.loadBalancers()).hasSizeLessThanOrEqualTo(2);
            page.loadBalancers().forEach(lb -> names.add(lb.loadBalancerName()));
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(names).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
        assertThat(code(() -> elb.loadBalancers.describeLoadBalancers(CONTEXT,
                DescribeLoadBalancersRequest.builder().pageSize(0).build()))).isEqualTo("ValidationError");
        assertThat(code(() -> elb.loadBalancers.describeLoadBalancers(CONTEXT,
                DescribeLoadBalancersRequest.builder().pageSize(401).build()))).isEqualTo("ValidationError");
        assertThat(code(() -> elb.loadBalancers.describeLoadBalancers(CONTEXT,
                DescribeLoadBalancersRequest.builder().marker("not-a-marker").build()))).isEqualTo("ValidationError");
        assertThat(code(() -> elb.loadBalancers.describeLoadBalancers(CONTEXT,
                DescribeLoadBalancersRequest.builder().marker("99").build()))).isEqualTo("ValidationError");
    }

    @Test
    void securityGroupsSubnetsAndAddressType() {
        LoadBalancer alb = elb.alb("web");
        assertThat(elb.loadBalancers.setSecurityGroups(CONTEXT, SetSecurityGroupsRequest.builder()
                .loadBalancerArn(alb.loadBalancerArn()).securityGroups("sg-0123456789abcdef0").build()).securityGroupIds())
                .containsExactly("sg-0123456789abcdef0");
        LoadBalancer nlb = elb.nlb("tcp");
        assertThat(code(() -> elb.loadBalancers.setSecurityGroups(CONTEXT, SetSecurityGroupsRequest.builder()
                .loadBalancerArn(nlb.loadBalancerArn()).securityGroups("sg-0123456789abcdef0").build())))
                .isEqualTo("InvalidConfigurationRequest");
        assertThat(elb.loadBalancers.setSubnets(CONTEXT, SetSubnetsRequest.builder().loadBalancerArn(alb.loadBalancerArn())
                .subnets("subnet-0a1b2c3d", "subnet-0e1f2a3b", "subnet-0c0c0c0c").build()).availabilityZones()).hasSize(3);
        assertThat(code(() -> elb.loadBalancers.setSubnets(CONTEXT, SetSubnetsRequest.builder()
                .loadBalancerArn(alb.loadBalancerArn()).subnets("subnet-0a1b2c3d").build()))).isEqualTo("ValidationError");
        assertThat(elb.loadBalancers.setIpAddressType(CONTEXT, SetIpAddressTypeRequest.builder()
                .loadBalancerArn(alb.loadBalancerArn()).ipAddressType("dualstack").build()).ipAddressTypeAsString())
                .isEqualTo("dualstack");
        int applies = elb.dataPlane.applies;
        assertThat(applies).as("none of these reach the data plane").isEqualTo(2);
    }

    @Test
    void attributesAreCheckedAndUnknownLoadBalancersNotFound() {
        LoadBalancer lb = elb.alb("web");
        assertThat(code(() -> elb.loadBalancers.modifyLoadBalancerAttributes(CONTEXT, ModifyLoadBalancerAttributesRequest
                .builder().loadBalancerArn(lb.loadBalancerArn()).attributes(a -> a.key("idle_timeout.timeout_seconds")
                        .value("0")).build()))).isEqualTo("ValidationError");
        assertThat(code(() -> elb.loadBalancers.modifyLoadBalancerAttributes(CONTEXT, ModifyLoadBalancerAttributesRequest
                .builder().loadBalancerArn("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/x/0")
                .attributes(a -> a.key("idle_timeout.timeout_seconds").value("30")).build())))
                .isEqualTo("LoadBalancerNotFound");
    }
}

package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Store.requireLoadBalancer;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.resource.Page;
import dev.haneul.core.state.Scope;
import dev.haneul.elbv2.model.ListenerRecord;
import dev.haneul.elbv2.model.LoadBalancerRecord;
import dev.haneul.elbv2.model.SubnetRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsResponse;

/**
 * The load balancer operations: create (idempotent on name and settings), describe, delete (with
 * its listeners and rules), attributes, security groups, subnets and IP address type. Each load
 * balancer gets its own loopback address from the server's range, which is its {@code DNSName}.
 */
final class LoadBalancerService {

    /** Load balancers per account and region, of each type. */
    static final int MAX_LOAD_BALANCERS = 50;

    private static final Logger log = LoggerFactory.getLogger(LoadBalancerService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Elbv2Store store;
    private final AddressAllocator addresses;
    private final Clock clock;

    LoadBalancerService(Elbv2Store store, AddressAllocator addresses, Clock clock) {
        this.store = store;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html">CreateLoadBalancer</a>. */
    CreateLoadBalancerResponse createLoadBalancer(RequestContext context, CreateLoadBalancerRequest request) {
        String type = request.typeAsString() == null ? "application" : request.typeAsString();
        if (type.equals("gateway")) {
            throw Elbv2Errors.notImplemented("Gateway Load Balancers (Type=gateway)");
        }
        boolean application = type.equals("application");
        String name = request.name();
        Elbv2Validation.checkName(name, "Load balancer");
        if (name.startsWith("internal-")) {
            throw Elbv2Errors.validation("Load balancer name '%s' cannot begin with 'internal-'", name);
        }
        List<String> subnets = Elbv2Validation.subnetIds(request.hasSubnets() ? request.subnets() : null,
                request.hasSubnetMappings() ? request.subnetMappings() : null, application);
        List<String> securityGroups = request.hasSecurityGroups() ? request.securityGroups() : List.of();
        securityGroups.forEach(Elbv2Validation::checkSecurityGroup);
        String scheme = request.schemeAsString() == null ? "internet-facing" : request.schemeAsString();
        String ipAddressType = request.ipAddressTypeAsString() == null ? "ipv4" : request.ipAddressTypeAsString();
        Map<String, String> tags = TagService.tags(request.hasTags() ? request.tags() : List.of());
        Scope scope = Elbv2Store.scope(context);
        record Outcome(LoadBalancerRecord lb, boolean created) {}
        String[] newAddressOf = {null};
        Outcome outcome;
        try {
            outcome = store.change(scope, state -> {
                for (LoadBalancerRecord existing : state.loadBalancers().values()) {
                    if (existing.name().equals(name)) {
                        boolean same = existing.type().equals(type) && existing.scheme().equals(scheme)
                                && existing.subnets().stream().map(SubnetRecord::subnetId).toList().equals(subnets)
                                && (securityGroups.isEmpty() || existing.securityGroups().equals(securityGroups));
                        if (!same) {
                            throw Elbv2Errors.error("DuplicateLoadBalancerNameException",
                                    "A load balancer with the same name '%s' exists, but with different settings", name);
                        }
                        return new Outcome(existing, false);
                    }
                }
                if (state.loadBalancers().size() >= MAX_LOAD_BALANCERS) {
                    throw Elbv2Errors.error("TooManyLoadBalancersException",
                            "The quota of %d load balancers per region has been reached", MAX_LOAD_BALANCERS);
                }
                String arn = Arns.loadBalancer(scope, application, name);
                List<String> groups = !securityGroups.isEmpty() || !application ? securityGroups
                        : List.of(defaultSecurityGroup(scope));
                if (addresses.find(arn, "dns").isEmpty()) {
                    newAddressOf[0] = arn;
                }
                String address = addresses.allocate(arn, "dns", 80).host();
                byte[] key = new byte[16];
                RANDOM.nextBytes(key);
                LoadBalancerRecord record = new LoadBalancerRecord(arn, name, type, scheme, ipAddressType,
                        defaultVpc(scope), zones(scope, subnets), groups, clock.instant(), address,
                        Map.of(), Base64.getEncoder().encodeToString(key));
                state.loadBalancers().put(arn, record);
                if (!tags.isEmpty()) {
                    state.tags().put(arn, new LinkedHashMap<>(tags));
                }
                return new Outcome(record, true);
            }, Outcome::created);
        } catch (RuntimeException e) {
            // The state was not changed (or not saved, and so undone): give the address back too.
            if (newAddressOf[0] != null) {
                try {
                    addresses.release(newAddressOf[0]);
                } catch (RuntimeException releaseFailure) {
                    e.addSuppressed(releaseFailure);
                }
            }
            throw e;
        }
        if (outcome.created()) {
            log.info("elbv2/{} - {} load balancer created at {}", name, type, outcome.lb().address());
        }
        return CreateLoadBalancerResponse.builder().loadBalancers(Views.loadBalancer(outcome.lb(),
                outcome.created() ? LoadBalancerStatus.PROVISIONING : LoadBalancerStatus.ACTIVE)).build();
    }

    /** Subnets placed in zones {@code <region>a}, {@code b}, … in the order given (Haneul has no EC2 to ask). */
    private static List<SubnetRecord> zones(Scope scope, List<String> subnets) {
        List<SubnetRecord> out = new ArrayList<>();
        for (int i = 0; i < subnets.size(); i++) {
            out.add(new SubnetRecord(subnets.get(i), scope.region() + (char) ('a' + i % 6)));
        }
        return out;
    }

    private static String defaultVpc(Scope scope) {
        return "vpc-" + stableHex(scope + "/vpc", 17);
    }

    private static String defaultSecurityGroup(Scope scope) {
        return "sg-" + stableHex(scope + "/sg", 17);
    }

    private static String stableHex(String seed, int length) {
        long a = seed.hashCode() * 0x9E3779B97F4A7C15L;
        long b = (seed + "#").hashCode() * 0xC2B2AE3D27D4EB4FL;
        return (HexFormat.of().toHexDigits(a) + HexFormat.of().toHexDigits(b)).substring(0, length);
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancers.html">DescribeLoadBalancers</a>. */
    DescribeLoadBalancersResponse describeLoadBalancers(RequestContext context, DescribeLoadBalancersRequest request) {
        List<String> arns = request.hasLoadBalancerArns() ? request.loadBalancerArns() : List.of();
        List<String> names = request.hasNames() ? request.names() : List.of();
        if (!arns.isEmpty() && !names.isEmpty()) {
            throw Elbv2Errors.validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        Elbv2Validation.checkArnCount(arns, "load balancer");
        List<LoadBalancerRecord> found = store.read(Elbv2Store.scope(context), state -> {
            if (!arns.isEmpty()) {
                return arns.stream().map(arn -> requireLoadBalancer(state, arn)).toList();
            }
            if (!names.isEmpty()) {
                List<LoadBalancerRecord> out = new ArrayList<>();
                for (String name : names) {
                    out.add(state.loadBalancers().values().stream().filter(lb -> lb.name().equals(name)).findFirst()
                            .orElseThrow(() -> Elbv2Errors.loadBalancerNotFound(name)));
                }
                return out;
            }
            return List.copyOf(state.loadBalancers().values());
        });
        Page<LoadBalancerRecord> page = Elbv2Errors.PAGING.byOffset(found, request.marker(), request.pageSize());
        return DescribeLoadBalancersResponse.builder()
                .loadBalancers(page.items().stream().map(lb -> Views.loadBalancer(lb, LoadBalancerStatus.ACTIVE)).toList())
                .nextMarker(page.nextMarker()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteLoadBalancer.html">DeleteLoadBalancer</a>. */
    DeleteLoadBalancerResponse deleteLoadBalancer(RequestContext context, DeleteLoadBalancerRequest request) {
        String arn = request.loadBalancerArn();
        boolean deleted = store.change(Elbv2Store.scope(context), state -> {
            LoadBalancerRecord lb = state.loadBalancers().get(arn);
            if (lb == null) {
                return false;
            }
            if ("true".equals(lb.attributes().get(LoadBalancerAttributes.DELETION_PROTECTION))) {
                throw Elbv2Errors.error("OperationNotPermittedException",
                        "Load balancer '%s' cannot be deleted because deletion protection is enabled", arn);
            }
            for (ListenerRecord listener : List.copyOf(state.listeners().values())) {
                if (listener.loadBalancerArn().equals(arn)) {
                    Elbv2Store.removeListener(state, listener.arn());
                }
            }
            state.loadBalancers().remove(arn);
            state.tags().remove(arn);
            return true;
        }, gone -> gone);
        if (deleted) {
            addresses.release(arn);
        }
        return DeleteLoadBalancerResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyLoadBalancerAttributes.html">ModifyLoadBalancerAttributes</a>. */
    ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(RequestContext context,
                                                                      ModifyLoadBalancerAttributesRequest request) {
        Map<String, String> changes = new LinkedHashMap<>();
        request.attributes().forEach(a -> changes.put(a.key(), a.value() == null ? "" : a.value()));
        LoadBalancerRecord lb = store.change(Elbv2Store.scope(context), state -> {
            LoadBalancerRecord current = requireLoadBalancer(state, request.loadBalancerArn());
            LoadBalancerRecord updated = current.withAttributes(
                    LoadBalancerAttributes.modify(current.isApplication(), current.attributes(), changes));
            state.loadBalancers().put(current.arn(), updated);
            return updated;
        });
        return ModifyLoadBalancerAttributesResponse.builder().attributes(attributes(lb)).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancerAttributes.html">DescribeLoadBalancerAttributes</a>. */
    DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(RequestContext context,
                                                                          DescribeLoadBalancerAttributesRequest request) {
        LoadBalancerRecord lb = store.read(Elbv2Store.scope(context),
                state -> requireLoadBalancer(state, request.loadBalancerArn()));
        return DescribeLoadBalancerAttributesResponse.builder().attributes(attributes(lb)).build();
    }

    private static List<LoadBalancerAttribute> attributes(LoadBalancerRecord lb) {
        return LoadBalancerAttributes.effective(lb.isApplication(), lb.attributes()).entrySet().stream()
                .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSecurityGroups.html">SetSecurityGroups</a>. */
    SetSecurityGroupsResponse setSecurityGroups(RequestContext context, SetSecurityGroupsRequest request) {
        List<String> groups = request.hasSecurityGroups() ? request.securityGroups() : List.of();
        groups.forEach(Elbv2Validation::checkSecurityGroup);
        LoadBalancerRecord lb = store.changeStateOnly(Elbv2Store.scope(context), state -> {
            LoadBalancerRecord current = requireLoadBalancer(state, request.loadBalancerArn());
            if (!current.isApplication() && current.securityGroups().isEmpty()) {
                throw Elbv2Errors.invalidConfiguration(
                        "A Network Load Balancer created without security groups cannot have security groups added");
            }
            LoadBalancerRecord updated = current.withSecurityGroups(groups);
            state.loadBalancers().put(current.arn(), updated);
            return updated;
        });
        return SetSecurityGroupsResponse.builder().securityGroupIds(lb.securityGroups()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSubnets.html">SetSubnets</a>. */
    SetSubnetsResponse setSubnets(RequestContext context, SetSubnetsRequest request) {
        Scope scope = Elbv2Store.scope(context);
        LoadBalancerRecord lb = store.changeStateOnly(scope, state -> {
            LoadBalancerRecord current = requireLoadBalancer(state, request.loadBalancerArn());
            List<String> subnets = Elbv2Validation.subnetIds(request.hasSubnets() ? request.subnets() : null,
                    request.hasSubnetMappings() ? request.subnetMappings() : null, current.isApplication());
            LoadBalancerRecord updated = current.withSubnets(zones(scope, subnets),
                    orElse(request.ipAddressTypeAsString(), current.ipAddressType()));
            state.loadBalancers().put(current.arn(), updated);
            return updated;
        });
        return SetSubnetsResponse.builder()
                .availabilityZones(lb.subnets().stream().map(s -> AvailabilityZone.builder().zoneName(s.zoneName())
                        .subnetId(s.subnetId()).build()).toList())
                .ipAddressType(lb.ipAddressType()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetIpAddressType.html">SetIpAddressType</a>. */
    SetIpAddressTypeResponse setIpAddressType(RequestContext context, SetIpAddressTypeRequest request) {
        LoadBalancerRecord lb = store.changeStateOnly(Elbv2Store.scope(context), state -> {
            LoadBalancerRecord current = requireLoadBalancer(state, request.loadBalancerArn());
            LoadBalancerRecord updated = current.withSubnets(current.subnets(), request.ipAddressTypeAsString());
            state.loadBalancers().put(current.arn(), updated);
            return updated;
        });
        return SetIpAddressTypeResponse.builder().ipAddressType(lb.ipAddressType()).build();
    }

    private static String orElse(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
    }
}

package dev.haneul.elbv2.api;

import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.EndpointTraffic;
import dev.haneul.core.api.EndpointView;
import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.TrafficCounters;
import dev.haneul.core.api.ValidationStyle;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.elbv2.dataplane.ApplyResult;
import dev.haneul.elbv2.dataplane.Elbv2DataPlane;
import dev.haneul.elbv2.dataplane.TargetHealthView;
import dev.haneul.elbv2.model.Elbv2State;
import dev.haneul.elbv2.model.HealthCheckRecord;
import dev.haneul.elbv2.model.ListenerRecord;
import dev.haneul.elbv2.model.LoadBalancerRecord;
import dev.haneul.elbv2.model.RuleRecord;
import dev.haneul.elbv2.model.SubnetRecord;
import dev.haneul.elbv2.model.TargetGroupRecord;
import dev.haneul.elbv2.model.TargetRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import dev.haneul.core.api.AwsServiceException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AnomalyDetection;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Elastic Load Balancing v2 (query protocol, 2015-12-01): Application Load Balancers with HTTP
 * listeners, rules and {@code ip} target groups served by a real HTTP data plane, and Network Load
 * Balancers with TCP listeners on the TCP proxy.
 *
 * <p>Every change is validated first, then written to the account/region's state (persisted before
 * the answer), then the whole state is handed to the {@link Elbv2DataPlane} as one snapshot, which
 * binds, rebinds or closes listeners and swaps rule tables. The port a listener actually listens on
 * (see {@code docs/fidelity.md}: a port below 1024 may become port + 8000) is written back and is
 * the {@code Port} the API shows. Changes are serialised by one lock; reads are not.
 *
 * <p>Each load balancer's {@code DNSName} is its own loopback address from the server's address
 * range; its listeners bind their ports on it.
 */
public final class Elbv2Provider implements ServiceProvider {

    static final ServiceModel MODEL = ServiceModel.fromResource(Elbv2Provider.class, "/dev/haneul/elbv2/service-2.json");
    private static final Logger log = LoggerFactory.getLogger(Elbv2Provider.class);
    private static final String SERVICE = "Elastic Load Balancing v2";
    private static final int MAX_LOAD_BALANCERS = 50;
    private static final int MAX_LISTENERS = 50;
    private static final int MAX_RULES = 100;
    private static final int MAX_TARGET_GROUPS = 3000;
    private static final int MAX_TARGETS = 1000;
    private static final int MAX_TAGS = 50;
    private static final int MAX_ARNS = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceEnvironment environment;
    private final Elbv2Errors errors = new Elbv2Errors(MODEL);
    private final ScopedStore<Elbv2State> store;
    private final Elbv2DataPlane dataPlane;
    private final Object lock = new Object();
    private final Operations operations;
    private final InspectionHooks inspectionHooks;
    private volatile Map<String, String> bindFailures = Map.of();

    public Elbv2Provider(ServiceEnvironment environment) {
        this(environment, Elbv2DataPlane.DEFAULT_HEALTH_CHECK_TICK);
    }

    /** @param healthCheckTick how often health checks look at the environment's clock */
    public Elbv2Provider(ServiceEnvironment environment, Duration healthCheckTick) {
        this.environment = environment;
        this.store = environment.openStore("elbv2", Elbv2State.class, Elbv2State::new);
        this.dataPlane = new Elbv2DataPlane(environment.runtime(), environment.clock(), healthCheckTick,
                Duration.ofSeconds(10));
        this.inspectionHooks = new InspectionHooks(environment.registry(), dataPlane);
        this.operations = Operations.builder(MODEL)
                .add("CreateLoadBalancer", CreateLoadBalancerRequest::builder, this::createLoadBalancer)
                .add("DescribeLoadBalancers", DescribeLoadBalancersRequest::builder, this::describeLoadBalancers)
                .add("DeleteLoadBalancer", DeleteLoadBalancerRequest::builder, this::deleteLoadBalancer)
                .add("ModifyLoadBalancerAttributes", ModifyLoadBalancerAttributesRequest::builder,
                        this::modifyLoadBalancerAttributes)
                .add("DescribeLoadBalancerAttributes", DescribeLoadBalancerAttributesRequest::builder,
                        this::describeLoadBalancerAttributes)
                .add("SetSecurityGroups", SetSecurityGroupsRequest::builder, this::setSecurityGroups)
                .add("SetSubnets", SetSubnetsRequest::builder, this::setSubnets)
                .add("SetIpAddressType", SetIpAddressTypeRequest::builder, this::setIpAddressType)
                .add("CreateTargetGroup", CreateTargetGroupRequest::builder, this::createTargetGroup)
                .add("DescribeTargetGroups", DescribeTargetGroupsRequest::builder, this::describeTargetGroups)
                .add("ModifyTargetGroup", ModifyTargetGroupRequest::builder, this::modifyTargetGroup)
                .add("DeleteTargetGroup", DeleteTargetGroupRequest::builder, this::deleteTargetGroup)
                .add("ModifyTargetGroupAttributes", ModifyTargetGroupAttributesRequest::builder,
                        this::modifyTargetGroupAttributes)
                .add("DescribeTargetGroupAttributes", DescribeTargetGroupAttributesRequest::builder,
                        this::describeTargetGroupAttributes)
                .add("RegisterTargets", RegisterTargetsRequest::builder, this::registerTargets)
                .add("DeregisterTargets", DeregisterTargetsRequest::builder, this::deregisterTargets)
                .add("DescribeTargetHealth", DescribeTargetHealthRequest::builder, this::describeTargetHealth)
                .add("CreateListener", CreateListenerRequest::builder, this::createListener)
                .add("DescribeListeners", DescribeListenersRequest::builder, this::describeListeners)
                .add("ModifyListener", ModifyListenerRequest::builder, this::modifyListener)
                .add("DeleteListener", DeleteListenerRequest::builder, this::deleteListener)
                .add("CreateRule", CreateRuleRequest::builder, this::createRule)
                .add("DescribeRules", DescribeRulesRequest::builder, this::describeRules)
                .add("ModifyRule", ModifyRuleRequest::builder, this::modifyRule)
                .add("DeleteRule", DeleteRuleRequest::builder, this::deleteRule)
                .add("SetRulePriorities", SetRulePrioritiesRequest::builder, this::setRulePriorities)
                .add("AddTags", AddTagsRequest::builder, this::addTags)
                .add("RemoveTags", RemoveTagsRequest::builder, this::removeTags)
                .add("DescribeTags", DescribeTagsRequest::builder, this::describeTags)
                .add("DescribeAccountLimits", DescribeAccountLimitsRequest::builder, this::describeAccountLimits)
                .build();
    }

    @Override
    public String name() {
        return "elbv2";
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public ValidationStyle validationStyle() {
        return ValidationStyle.QUERY_VALIDATION_ERROR;
    }

    @Override
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        return operations.invoke(context, operation, input);
    }

    /** Brings every listener back after a restart. */
    @Override
    public void start() {
        synchronized (lock) {
            converge();
        }
    }

    @Override
    public void close() {
        dataPlane.close();
    }

    @Override
    public ServiceHealth health() {
        int[] counts = new int[5];
        store.forEach((scope, state) -> {
            for (LoadBalancerRecord lb : state.loadBalancers().values()) {
                counts[lb.isApplication() ? 0 : 1]++;
            }
            counts[2] += state.listeners().size();
            counts[3] += state.targetGroups().size();
            state.targetGroups().values().forEach(tg -> counts[4] += tg.targets().size());
        });
        Map<String, Integer> resources = new LinkedHashMap<>();
        resources.put("application load balancers", counts[0]);
        resources.put("network load balancers", counts[1]);
        resources.put("listeners", counts[2]);
        resources.put("target groups", counts[3]);
        resources.put("targets", counts[4]);
        Map<String, String> failures = bindFailures;
        return failures.isEmpty() ? ServiceHealth.running(resources)
                : ServiceHealth.degraded(failures.size() + " listener(s) cannot listen: "
                        + String.join("; ", failures.values()), resources);
    }

    @Override
    public List<EndpointView> endpoints() {
        List<EndpointView> views = new ArrayList<>();
        store.forEach((scope, state) -> state.listeners().values().forEach(listener -> {
            LoadBalancerRecord lb = state.loadBalancers().get(listener.loadBalancerArn());
            if (lb == null) {
                return;
            }
            String address = lb.address() + ":" + listener.effectivePort();
            views.add(new EndpointView("elbv2 " + (lb.isApplication() ? "alb " : "nlb ") + lb.name(),
                    "listener " + listener.protocol() + ":" + listener.port(),
                    listener.protocol().equals("HTTP") ? "http://" + address + "/" : address));
        }));
        return views;
    }

    /**
     * Every target's health and live counters (requests served, requests in flight, connections),
     * by target group ARN, for the dashboard.
     */
    public Map<String, List<TargetHealthView>> targetCounters() {
        Map<String, List<TargetHealthView>> out = new LinkedHashMap<>();
        store.forEach((scope, state) -> state.targetGroups().keySet()
                .forEach(arn -> out.put(arn, dataPlane.targetHealth(arn))));
        return out;
    }

    /**
     * The dashboard's counters: per listener ({@code listener/<port>} of its load balancer's ARN) the
     * client connections open now; per target group ({@code targets} of its ARN) the requests
     * served and in flight and the connections open, each target keyed {@code id:port}.
     */
    @Override
    public List<EndpointTraffic> traffic() {
        List<EndpointTraffic> traffic = new ArrayList<>();
        store.forEach((scope, state) -> {
            state.listeners().values().forEach(listener -> {
                LoadBalancerRecord lb = state.loadBalancers().get(listener.loadBalancerArn());
                int open = dataPlane.connections(listener.arn()).orElse(0);
                traffic.add(new EndpointTraffic(name(), scope, listener.loadBalancerArn(), "listener/" + listener.effectivePort(),
                        lb == null ? "" : lb.address() + ":" + listener.effectivePort(),
                        new TrafficCounters(open, 0, 0, 0, 0, 0), Map.of()));
            });
            state.targetGroups().keySet().forEach(arn -> {
                Map<String, TrafficCounters> backends = new LinkedHashMap<>();
                TrafficCounters total = TrafficCounters.NONE;
                for (TargetHealthView target : dataPlane.targetHealth(arn)) {
                    TrafficCounters counters = new TrafficCounters(target.connections(), 0, target.requests(),
                            target.outstanding(), 0, 0);
                    backends.merge(target.id() + ":" + target.port(), counters, TrafficCounters::plus);
                    total = total.plus(counters);
                }
                traffic.add(new EndpointTraffic(name(), scope, arn, "targets", "", total, backends));
            });
        });
        return traffic;
    }

    // ---------------------------------------------------------------- load balancers

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html">CreateLoadBalancer</a>. */
    CreateLoadBalancerResponse createLoadBalancer(RequestContext context, CreateLoadBalancerRequest request) {
        String type = request.typeAsString() == null ? "application" : request.typeAsString();
        if (type.equals("gateway")) {
            throw CommonErrors.notImplemented(SERVICE, "Gateway Load Balancers (Type=gateway)");
        }
        boolean application = type.equals("application");
        String name = request.name();
        checkName(name, "Load balancer");
        if (name.startsWith("internal-")) {
            throw Elbv2Errors.validation("Load balancer name '%s' cannot begin with 'internal-'", name);
        }
        List<String> subnets = subnetIds(request.hasSubnets() ? request.subnets() : null,
                request.hasSubnetMappings() ? request.subnetMappings() : null, application);
        List<String> securityGroups = request.hasSecurityGroups() ? request.securityGroups() : List.of();
        securityGroups.forEach(this::checkSecurityGroup);
        String scheme = request.schemeAsString() == null ? "internet-facing" : request.schemeAsString();
        String ipAddressType = request.ipAddressTypeAsString() == null ? "ipv4" : request.ipAddressTypeAsString();
        Map<String, String> tags = tags(request.hasTags() ? request.tags() : List.of());
        Scope scope = scope(context);
        synchronized (lock) {
            LoadBalancerRecord[] created = {null};
            String[] newAddressOf = {null};
            LoadBalancerRecord lb;
            try {
                lb = store.write(scope, state -> {
                    for (LoadBalancerRecord existing : state.loadBalancers().values()) {
                        if (existing.name().equals(name)) {
                            boolean same = existing.type().equals(type) && existing.scheme().equals(scheme)
                                    && existing.subnets().stream().map(SubnetRecord::subnetId).toList().equals(subnets)
                                    && (securityGroups.isEmpty() || existing.securityGroups().equals(securityGroups));
                            if (!same) {
                                throw errors.error("DuplicateLoadBalancerNameException",
                                        "A load balancer with the same name '%s' exists, but with different settings", name);
                            }
                            return existing;
                        }
                    }
                    if (state.loadBalancers().size() >= MAX_LOAD_BALANCERS) {
                        throw errors.error("TooManyLoadBalancersException",
                                "The quota of %d load balancers per region has been reached", MAX_LOAD_BALANCERS);
                    }
                    String arn = Arns.loadBalancer(context, application, name);
                    List<String> groups = !securityGroups.isEmpty() || !application ? securityGroups
                            : List.of(defaultSecurityGroup(scope));
                    if (environment.addresses().find(arn, "dns").isEmpty()) {
                        newAddressOf[0] = arn;
                    }
                    String address = environment.addresses().allocate(arn, "dns", 80).host();
                    byte[] key = new byte[16];
                    RANDOM.nextBytes(key);
                    LoadBalancerRecord record = new LoadBalancerRecord(arn, name, type, scheme, ipAddressType,
                            defaultVpc(scope), zones(scope, subnets), groups, environment.clock().instant(), address,
                            Map.of(), Base64.getEncoder().encodeToString(key));
                    state.loadBalancers().put(arn, record);
                    if (!tags.isEmpty()) {
                        state.tags().put(arn, new LinkedHashMap<>(tags));
                    }
                    created[0] = record;
                    return record;
                });
            } catch (RuntimeException e) {
                // The state was not changed (or not saved, and so undone): give the address back too.
                if (newAddressOf[0] != null) {
                    try {
                        environment.addresses().release(newAddressOf[0]);
                    } catch (RuntimeException releaseFailure) {
                        e.addSuppressed(releaseFailure);
                    }
                }
                throw e;
            }
            if (created[0] != null) {
                log.info("elbv2/{} - {} load balancer created at {}", name, type, lb.address());
                converge();
            }
            return CreateLoadBalancerResponse.builder()
                    .loadBalancers(Views.loadBalancer(lb, created[0] != null ? "provisioning" : "active")).build();
        }
    }

    private List<String> subnetIds(List<String> subnets, List<SubnetMapping> mappings, boolean application) {
        if (subnets != null && !subnets.isEmpty() && mappings != null && !mappings.isEmpty()) {
            throw Elbv2Errors.validation("You can specify subnets or subnet mappings, but not both");
        }
        List<String> ids = subnets != null && !subnets.isEmpty() ? subnets
                : mappings == null ? List.of() : mappings.stream().map(SubnetMapping::subnetId).toList();
        for (String id : ids) {
            if (id == null || !SUBNET.matcher(id).matches()) {
                throw errors.error("SubnetNotFoundException", "The subnet ID '%s' is not valid", id);
            }
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (application && distinct.size() < 2) {
            throw Elbv2Errors.validation("At least two subnets in two different Availability Zones must be specified");
        }
        if (distinct.isEmpty()) {
            throw Elbv2Errors.validation("At least one subnet must be specified");
        }
        return distinct;
    }

    private void checkSecurityGroup(String id) {
        if (id == null || !SECURITY_GROUP.matcher(id).matches()) {
            throw errors.error("InvalidSecurityGroupException", "Security group '%s' does not exist", id);
        }
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
        if (arns.size() > MAX_ARNS) {
            throw Elbv2Errors.validation("At most %d load balancer ARNs can be specified", MAX_ARNS);
        }
        List<LoadBalancerRecord> found = store.read(scope(context), state -> {
            if (!arns.isEmpty()) {
                return arns.stream().map(arn -> requireLoadBalancer(state, arn)).toList();
            }
            if (!names.isEmpty()) {
                List<LoadBalancerRecord> out = new ArrayList<>();
                for (String name : names) {
                    out.add(state.loadBalancers().values().stream().filter(lb -> lb.name().equals(name)).findFirst()
                            .orElseThrow(() -> errors.loadBalancerNotFound(name)));
                }
                return out;
            }
            return List.copyOf(state.loadBalancers().values());
        });
        Pages<LoadBalancerRecord> page = Pages.of(found, request.marker(), request.pageSize());
        return DescribeLoadBalancersResponse.builder()
                .loadBalancers(page.items().stream().map(lb -> Views.loadBalancer(lb, "active")).toList())
                .nextMarker(page.nextMarker()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteLoadBalancer.html">DeleteLoadBalancer</a>. */
    DeleteLoadBalancerResponse deleteLoadBalancer(RequestContext context, DeleteLoadBalancerRequest request) {
        String arn = request.loadBalancerArn();
        synchronized (lock) {
            boolean deleted = store.write(scope(context), state -> {
                LoadBalancerRecord lb = state.loadBalancers().get(arn);
                if (lb == null) {
                    return false;
                }
                if ("true".equals(lb.attributes().get(LoadBalancerAttributes.DELETION_PROTECTION))) {
                    throw errors.error("OperationNotPermittedException",
                            "Load balancer '%s' cannot be deleted because deletion protection is enabled", arn);
                }
                for (ListenerRecord listener : List.copyOf(state.listeners().values())) {
                    if (listener.loadBalancerArn().equals(arn)) {
                        removeListener(state, listener.arn());
                    }
                }
                state.loadBalancers().remove(arn);
                state.tags().remove(arn);
                return true;
            });
            if (deleted) {
                environment.addresses().release(arn);
                converge();
            }
        }
        return DeleteLoadBalancerResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyLoadBalancerAttributes.html">ModifyLoadBalancerAttributes</a>. */
    ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(RequestContext context,
                                                                      ModifyLoadBalancerAttributesRequest request) {
        Map<String, String> changes = new LinkedHashMap<>();
        request.attributes().forEach(a -> changes.put(a.key(), a.value() == null ? "" : a.value()));
        synchronized (lock) {
            LoadBalancerRecord lb = store.write(scope(context), state -> {
                LoadBalancerRecord current = requireLoadBalancer(state, request.loadBalancerArn());
                LoadBalancerRecord updated = current.withAttributes(
                        LoadBalancerAttributes.modify(current.isApplication(), current.attributes(), changes));
                state.loadBalancers().put(current.arn(), updated);
                return updated;
            });
            converge();
            return ModifyLoadBalancerAttributesResponse.builder().attributes(loadBalancerAttributes(lb)).build();
        }
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancerAttributes.html">DescribeLoadBalancerAttributes</a>. */
    DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(RequestContext context,
                                                                          DescribeLoadBalancerAttributesRequest request) {
        LoadBalancerRecord lb = store.read(scope(context), state -> requireLoadBalancer(state, request.loadBalancerArn()));
        return DescribeLoadBalancerAttributesResponse.builder().attributes(loadBalancerAttributes(lb)).build();
    }

    private static List<LoadBalancerAttribute> loadBalancerAttributes(LoadBalancerRecord lb) {
        return LoadBalancerAttributes.effective(lb.isApplication(), lb.attributes()).entrySet().stream()
                .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSecurityGroups.html">SetSecurityGroups</a>. */
    SetSecurityGroupsResponse setSecurityGroups(RequestContext context, SetSecurityGroupsRequest request) {
        List<String> groups = request.hasSecurityGroups() ? request.securityGroups() : List.of();
        groups.forEach(this::checkSecurityGroup);
        synchronized (lock) {
            LoadBalancerRecord lb = store.write(scope(context), state -> {
                LoadBalancerRecord current = requireLoadBalancer(state, request.loadBalancerArn());
                if (!current.isApplication() && current.securityGroups().isEmpty()) {
                    throw errors.invalidConfiguration(
                            "A Network Load Balancer created without security groups cannot have security groups added");
                }
                LoadBalancerRecord updated = current.withSecurityGroups(groups);
                state.loadBalancers().put(current.arn(), updated);
                return updated;
            });
            return SetSecurityGroupsResponse.builder().securityGroupIds(lb.securityGroups()).build();
        }
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSubnets.html">SetSubnets</a>. */
    SetSubnetsResponse setSubnets(RequestContext context, SetSubnetsRequest request) {
        Scope scope = scope(context);
        synchronized (lock) {
            LoadBalancerRecord lb = store.write(scope, state -> {
                LoadBalancerRecord current = requireLoadBalancer(state, request.loadBalancerArn());
                List<String> subnets = subnetIds(request.hasSubnets() ? request.subnets() : null,
                        request.hasSubnetMappings() ? request.subnetMappings() : null, current.isApplication());
                LoadBalancerRecord updated = current.withSubnets(zones(scope, subnets),
                        request.ipAddressTypeAsString() == null ? current.ipAddressType() : request.ipAddressTypeAsString());
                state.loadBalancers().put(current.arn(), updated);
                return updated;
            });
            return SetSubnetsResponse.builder()
                    .availabilityZones(lb.subnets().stream().map(s -> AvailabilityZone.builder().zoneName(s.zoneName())
                            .subnetId(s.subnetId()).build()).toList())
                    .ipAddressType(lb.ipAddressType()).build();
        }
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetIpAddressType.html">SetIpAddressType</a>. */
    SetIpAddressTypeResponse setIpAddressType(RequestContext context, SetIpAddressTypeRequest request) {
        synchronized (lock) {
            LoadBalancerRecord lb = store.write(scope(context), state -> {
                LoadBalancerRecord current = requireLoadBalancer(state, request.loadBalancerArn());
                LoadBalancerRecord updated = current.withSubnets(current.subnets(), request.ipAddressTypeAsString());
                state.loadBalancers().put(current.arn(), updated);
                return updated;
            });
            return SetIpAddressTypeResponse.builder().ipAddressType(lb.ipAddressType()).build();
        }
    }

    // ---------------------------------------------------------------- target groups

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html">CreateTargetGroup</a>. */
    CreateTargetGroupResponse createTargetGroup(RequestContext context, CreateTargetGroupRequest request) {
        String name = request.name();
        checkName(name, "Target group");
        String targetType = request.targetTypeAsString() == null ? "instance" : request.targetTypeAsString();
        if (targetType.equals("alb")) {
            throw CommonErrors.notImplemented(SERVICE, "target groups of target type alb");
        }
        String protocol = request.protocolAsString();
        Integer port = request.port();
        String vpcId = request.vpcId();
        String protocolVersion = null;
        HealthCheckRecord healthCheck;
        if (targetType.equals("lambda")) {
            if (protocol != null || port != null || vpcId != null) {
                throw Elbv2Errors.validation("Protocol, port and VPC cannot be specified for target groups of target type lambda");
            }
            healthCheck = new HealthCheckRecord(Boolean.TRUE.equals(request.healthCheckEnabled()), null, null,
                    "/", 35, 30, 5, 5, "200");
        } else {
            if (protocol == null) {
                throw Elbv2Errors.validation("A protocol must be specified");
            }
            if (!protocol.equals("HTTP") && !protocol.equals("TCP")) {
                throw CommonErrors.notImplemented(SERVICE, protocol + " target groups");
            }
            if (port == null) {
                throw Elbv2Errors.validation("A port must be specified");
            }
            Elbv2Errors.requirePort(port, "Port");
            if (vpcId == null) {
                throw Elbv2Errors.validation("A VPC ID must be specified");
            }
            if (!VPC.matcher(vpcId).matches()) {
                throw Elbv2Errors.validation("The VPC ID '%s' is not valid", vpcId);
            }
            boolean tcp = protocol.equals("TCP");
            if (!tcp) {
                protocolVersion = request.protocolVersion() == null ? "HTTP1" : request.protocolVersion();
                if (!protocolVersion.equals("HTTP1")) {
                    throw Elbv2Errors.validation("Protocol version '%s' requires the HTTPS protocol", protocolVersion);
                }
            }
            HealthCheckRecord defaults = tcp
                    ? new HealthCheckRecord(true, "TCP", "traffic-port", null, 30, 10, 5, 2, null)
                    : new HealthCheckRecord(true, "HTTP", "traffic-port", "/", 30, 6, 5, 2, "200");
            healthCheck = HealthChecks.merge(errors, defaults, tcp, request.healthCheckEnabled(), request.healthCheckProtocolAsString(),
                    request.healthCheckPort(), request.healthCheckPath(), request.healthCheckIntervalSeconds(),
                    request.healthCheckTimeoutSeconds(), request.healthyThresholdCount(),
                    request.unhealthyThresholdCount(), request.matcher() == null ? null : request.matcher().httpCode(),
                    request.matcher() != null && request.matcher().grpcCode() != null, targetType);
        }
        String ipAddressType = request.ipAddressTypeAsString() == null ? "ipv4" : request.ipAddressTypeAsString();
        Map<String, String> tags = tags(request.hasTags() ? request.tags() : List.of());
        String finalProtocolVersion = protocolVersion;
        synchronized (lock) {
            boolean[] created = {false};
            TargetGroupRecord tg = store.write(scope(context), state -> {
                for (TargetGroupRecord existing : state.targetGroups().values()) {
                    if (existing.name().equals(name)) {
                        boolean same = Objects.equals(existing.protocol(), protocol) && Objects.equals(existing.port(), port)
                                && Objects.equals(existing.vpcId(), vpcId) && existing.targetType().equals(targetType)
                                && existing.healthCheck().equals(healthCheck);
                        if (!same) {
                            throw errors.error("DuplicateTargetGroupNameException",
                                    "A target group with the same name '%s' exists, but with different settings", name);
                        }
                        return existing;
                    }
                }
                if (state.targetGroups().size() >= MAX_TARGET_GROUPS) {
                    throw errors.error("TooManyTargetGroupsException",
                            "The quota of %d target groups per region has been reached", MAX_TARGET_GROUPS);
                }
                String arn = Arns.targetGroup(context, name);
                TargetGroupRecord record = new TargetGroupRecord(arn, name, protocol, finalProtocolVersion, port, vpcId,
                        targetType, targetType.equals("lambda") ? null : ipAddressType, healthCheck, Map.of(), List.of(),
                        environment.clock().instant());
                state.targetGroups().put(arn, record);
                if (!tags.isEmpty()) {
                    state.tags().put(arn, new LinkedHashMap<>(tags));
                }
                created[0] = true;
                return record;
            });
            if (created[0]) {
                converge();
            }
            List<String> lbs = store.read(scope(context), state -> usedBy(state).getOrDefault(tg.arn(), Set.of()))
                    .stream().toList();
            return CreateTargetGroupResponse.builder().targetGroups(Views.targetGroup(tg, lbs)).build();
        }
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroups.html">DescribeTargetGroups</a>. */
    DescribeTargetGroupsResponse describeTargetGroups(RequestContext context, DescribeTargetGroupsRequest request) {
        List<String> arns = request.hasTargetGroupArns() ? request.targetGroupArns() : List.of();
        List<String> names = request.hasNames() ? request.names() : List.of();
        String lbArn = request.loadBalancerArn();
        if ((lbArn != null ? 1 : 0) + (arns.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1) > 1) {
            throw Elbv2Errors.validation("Only one of load balancer ARN, target group ARNs or names can be specified");
        }
        record Found(List<TargetGroupRecord> groups, Map<String, Set<String>> usedBy) {}
        Found found = store.read(scope(context), state -> {
            Map<String, Set<String>> used = usedBy(state);
            List<TargetGroupRecord> groups;
            if (lbArn != null) {
                requireLoadBalancer(state, lbArn);
                groups = state.targetGroups().values().stream()
                        .filter(tg -> used.getOrDefault(tg.arn(), Set.of()).contains(lbArn)).toList();
            } else if (!arns.isEmpty()) {
                groups = arns.stream().map(arn -> requireTargetGroup(state, arn)).toList();
            } else if (!names.isEmpty()) {
                groups = new ArrayList<>();
                for (String name : names) {
                    groups.add(state.targetGroups().values().stream().filter(tg -> tg.name().equals(name)).findFirst()
                            .orElseThrow(() -> errors.targetGroupNotFound(name)));
                }
            } else {
                groups = List.copyOf(state.targetGroups().values());
            }
            return new Found(groups, used);
        });
        Pages<TargetGroupRecord> page = Pages.of(found.groups(), request.marker(), request.pageSize());
        return DescribeTargetGroupsResponse.builder()
                .targetGroups(page.items().stream().map(tg -> Views.targetGroup(tg,
                        List.copyOf(found.usedBy().getOrDefault(tg.arn(), Set.of())))).toList())
                .nextMarker(page.nextMarker()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyTargetGroup.html">ModifyTargetGroup</a>. */
    ModifyTargetGroupResponse modifyTargetGroup(RequestContext context, ModifyTargetGroupRequest request) {
        Scope scope = scope(context);
        synchronized (lock) {
            TargetGroupRecord tg = store.write(scope, state -> {
                TargetGroupRecord current = requireTargetGroup(state, request.targetGroupArn());
                if (current.targetType().equals("lambda")) {
                    throw CommonErrors.notImplemented(SERVICE, "health checks of lambda target groups");
                }
                HealthCheckRecord updated = HealthChecks.merge(errors, current.healthCheck(), current.isTcp(), request.healthCheckEnabled(),
                        request.healthCheckProtocolAsString(), request.healthCheckPort(), request.healthCheckPath(),
                        request.healthCheckIntervalSeconds(), request.healthCheckTimeoutSeconds(),
                        request.healthyThresholdCount(), request.unhealthyThresholdCount(),
                        request.matcher() == null ? null : request.matcher().httpCode(),
                        request.matcher() != null && request.matcher().grpcCode() != null, current.targetType());
                TargetGroupRecord next = current.withHealthCheck(updated);
                state.targetGroups().put(current.arn(), next);
                return next;
            });
            converge();
            List<String> lbs = store.read(scope, state -> List.copyOf(usedBy(state).getOrDefault(tg.arn(), Set.of())));
            return ModifyTargetGroupResponse.builder().targetGroups(Views.targetGroup(tg, lbs)).build();
        }
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteTargetGroup.html">DeleteTargetGroup</a>. */
    DeleteTargetGroupResponse deleteTargetGroup(RequestContext context, DeleteTargetGroupRequest request) {
        String arn = request.targetGroupArn();
        synchronized (lock) {
            boolean deleted = store.write(scope(context), state -> {
                if (!state.targetGroups().containsKey(arn)) {
                    return false;
                }
                if (usedBy(state).containsKey(arn)) {
                    throw errors.error("ResourceInUseException",
                            "Target group '%s' is currently in use by a listener or a rule", arn);
                }
                state.targetGroups().remove(arn);
                state.tags().remove(arn);
                return true;
            });
            if (deleted) {
                converge();
            }
        }
        return DeleteTargetGroupResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyTargetGroupAttributes.html">ModifyTargetGroupAttributes</a>. */
    ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(RequestContext context,
                                                                    ModifyTargetGroupAttributesRequest request) {
        Map<String, String> changes = new LinkedHashMap<>();
        request.attributes().forEach(a -> changes.put(a.key(), a.value() == null ? "" : a.value()));
        synchronized (lock) {
            TargetGroupRecord tg = store.write(scope(context), state -> {
                TargetGroupRecord current = requireTargetGroup(state, request.targetGroupArn());
                if (current.targetType().equals("lambda")) {
                    throw CommonErrors.notImplemented(SERVICE, "attributes of lambda target groups");
                }
                TargetGroupRecord next = current.withAttributes(
                        TargetGroupAttributes.modify(errors, current.isTcp(), current.attributes(), changes));
                state.targetGroups().put(current.arn(), next);
                return next;
            });
            converge();
            return ModifyTargetGroupAttributesResponse.builder().attributes(targetGroupAttributes(tg)).build();
        }
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetGroupAttributes.html">DescribeTargetGroupAttributes</a>. */
    DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(RequestContext context,
                                                                        DescribeTargetGroupAttributesRequest request) {
        TargetGroupRecord tg = store.read(scope(context), state -> requireTargetGroup(state, request.targetGroupArn()));
        return DescribeTargetGroupAttributesResponse.builder().attributes(targetGroupAttributes(tg)).build();
    }

    private static List<TargetGroupAttribute> targetGroupAttributes(TargetGroupRecord tg) {
        Map<String, String> all = tg.targetType().equals("lambda")
                ? Map.of("lambda.multi_value_headers.enabled", "false")
                : TargetGroupAttributes.effective(tg.isTcp(), tg.attributes());
        return all.entrySet().stream()
                .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RegisterTargets.html">RegisterTargets</a>. */
    RegisterTargetsResponse registerTargets(RequestContext context, RegisterTargetsRequest request) {
        synchronized (lock) {
            boolean changed = store.write(scope(context), state -> {
                TargetGroupRecord tg = requireTargetGroup(state, request.targetGroupArn());
                List<TargetRecord> wanted = new ArrayList<>();
                for (TargetDescription target : request.targets()) {
                    wanted.add(Targets.check(errors, tg, target));
                }
                Map<String, TargetRecord> targets = new LinkedHashMap<>();
                tg.targets().forEach(t -> targets.put(t.key(), t));
                boolean any = false;
                for (TargetRecord t : wanted) {
                    any |= targets.putIfAbsent(t.key(), t) == null;
                }
                if (targets.size() > MAX_TARGETS) {
                    throw errors.error("TooManyTargetsException", "You can register up to %d targets per target group",
                            MAX_TARGETS);
                }
                if (any) {
                    state.targetGroups().put(tg.arn(), tg.withTargets(List.copyOf(targets.values())));
                }
                return any;
            });
            if (changed) {
                converge();
            }
        }
        return RegisterTargetsResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeregisterTargets.html">DeregisterTargets</a>. */
    DeregisterTargetsResponse deregisterTargets(RequestContext context, DeregisterTargetsRequest request) {
        synchronized (lock) {
            store.write(scope(context), state -> {
                TargetGroupRecord tg = requireTargetGroup(state, request.targetGroupArn());
                Map<String, TargetRecord> targets = new LinkedHashMap<>();
                tg.targets().forEach(t -> targets.put(t.key(), t));
                for (TargetDescription target : request.targets()) {
                    String key = targetKey(tg, target);
                    if (!targets.containsKey(key)) {
                        throw errors.error("InvalidTargetException",
                                "The following targets are not registered in target group '%s': '%s'", tg.arn(), key);
                    }
                }
                for (TargetDescription target : request.targets()) {
                    targets.remove(targetKey(tg, target));
                }
                state.targetGroups().put(tg.arn(), tg.withTargets(List.copyOf(targets.values())));
                return null;
            });
            converge();
        }
        return DeregisterTargetsResponse.builder().build();
    }

    private static String targetKey(TargetGroupRecord tg, TargetDescription target) {
        Integer port = target.port() != null ? target.port() : tg.port();
        return target.id() + ":" + port;
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html">DescribeTargetHealth</a>. */
    DescribeTargetHealthResponse describeTargetHealth(RequestContext context, DescribeTargetHealthRequest request) {
        TargetGroupRecord tg = store.read(scope(context), state -> requireTargetGroup(state, request.targetGroupArn()));
        Map<String, TargetHealthView> health = new LinkedHashMap<>();
        for (TargetHealthView view : dataPlane.targetHealth(tg.arn())) {
            health.put(view.id() + ":" + view.port(), view);
        }
        Map<String, TargetRecord> registered = new HashMap<>();
        tg.targets().forEach(t -> registered.put(t.key(), t));
        boolean anomaly = request.includeAsStrings().stream().anyMatch(i -> i.equals("AnomalyDetection") || i.equals("All"))
                && "weighted_random".equals(TargetGroupAttributes.effective(tg.isTcp(), tg.attributes())
                        .get(TargetGroupAttributes.ALGORITHM));
        List<TargetHealthDescription> out = new ArrayList<>();
        if (request.hasTargets() && !request.targets().isEmpty()) {
            for (TargetDescription target : request.targets()) {
                if (target.id() == null || target.id().isEmpty()) {
                    throw errors.error("InvalidTargetException", "A target ID must be specified");
                }
                String key = targetKey(tg, target);
                TargetHealthView view = health.get(key);
                TargetRecord record = registered.get(key);
                if (view != null) {
                    out.add(description(tg, view, record, anomaly));
                } else {
                    Integer port = target.port() != null ? target.port() : tg.port();
                    out.add(TargetHealthDescription.builder()
                            .target(TargetDescription.builder().id(target.id()).port(port).build())
                            .healthCheckPort(healthCheckPort(tg, port))
                            .targetHealth(TargetHealth.builder().state("unused").reason("Target.NotRegistered")
                                    .description("Target is not registered to the target group").build())
                            .build());
                }
            }
        } else {
            for (TargetHealthView view : health.values()) {
                out.add(description(tg, view, registered.get(view.id() + ":" + view.port()), anomaly));
            }
        }
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(out).build();
    }

    private static TargetHealthDescription description(TargetGroupRecord tg, TargetHealthView view, TargetRecord record,
                                                       boolean anomaly) {
        TargetHealth.Builder health = TargetHealth.builder().state(view.state());
        view.reason().ifPresent(health::reason);
        view.description().ifPresent(health::description);
        TargetHealthDescription.Builder b = TargetHealthDescription.builder()
                .target(TargetDescription.builder().id(view.id()).port(view.port())
                        .availabilityZone(record == null ? null : record.availabilityZone()).build())
                .healthCheckPort(healthCheckPort(tg, view.port()))
                .targetHealth(health.build());
        if (anomaly) {
            b.anomalyDetection(AnomalyDetection.builder().result("normal").mitigationInEffect("no").build());
        }
        return b.build();
    }

    private static String healthCheckPort(TargetGroupRecord tg, Integer targetPort) {
        String port = tg.healthCheck().port();
        return port == null || port.equals("traffic-port") ? String.valueOf(targetPort) : port;
    }

    // ---------------------------------------------------------------- listeners

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html">CreateListener</a>. */
    CreateListenerResponse createListener(RequestContext context, CreateListenerRequest request) {
        Scope scope = scope(context);
        Integer port = request.port();
        String protocol = request.protocolAsString();
        if (request.hasCertificates() && !request.certificates().isEmpty() || request.sslPolicy() != null) {
            if (!"HTTPS".equals(protocol) && !"TLS".equals(protocol)) {
                throw Elbv2Errors.validation("Certificates and SSL policies can be specified only for HTTPS and TLS listeners");
            }
        }
        Map<String, String> tags = tags(request.hasTags() ? request.tags() : List.of());
        synchronized (lock) {
            String arn = store.write(scope, state -> {
                LoadBalancerRecord lb = requireLoadBalancer(state, request.loadBalancerArn());
                checkListenerProtocol(lb, protocol);
                if (port == null) {
                    throw Elbv2Errors.validation("A listener port must be specified");
                }
                Elbv2Errors.requirePort(port, "Port");
                List<Action> actions = Actions.normalise(errors, state, lb.arn(), protocol, request.defaultActions(),
                        tgArn -> usedBy(state).getOrDefault(tgArn, Set.of()));
                checkNetworkForward(lb, actions);
                List<Map<String, Object>> actionTrees = Views.actionTrees(actions);
                for (ListenerRecord existing : state.listeners().values()) {
                    if (existing.loadBalancerArn().equals(lb.arn()) && existing.port() == port) {
                        RuleRecord defaultRule = state.rules().get(existing.defaultRuleArn());
                        if (existing.protocol().equals(protocol) && defaultRule.actions().equals(actionTrees)) {
                            return existing.arn();
                        }
                        throw errors.error("DuplicateListenerException",
                                "A listener already exists on port %d for load balancer '%s'", port, lb.arn());
                    }
                }
                long count = state.listeners().values().stream().filter(l -> l.loadBalancerArn().equals(lb.arn())).count();
                if (count >= MAX_LISTENERS) {
                    throw errors.error("TooManyListenersException", "A load balancer can have up to %d listeners",
                            MAX_LISTENERS);
                }
                String listenerArn = Arns.listener(lb.arn());
                String ruleArn = Arns.rule(listenerArn);
                state.listeners().put(listenerArn, new ListenerRecord(listenerArn, lb.arn(), protocol, port, 0, ruleArn));
                state.rules().put(ruleArn, new RuleRecord(ruleArn, listenerArn, RuleRecord.DEFAULT, List.of(), actionTrees));
                if (!tags.isEmpty()) {
                    state.tags().put(listenerArn, new LinkedHashMap<>(tags));
                }
                return listenerArn;
            });
            converge();
            software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener view =
                    store.read(scope, state -> listenerView(state, arn));
            return CreateListenerResponse.builder().listeners(List.of(view)).build();
        }
    }

    private void checkListenerProtocol(LoadBalancerRecord lb, String protocol) {
        if (protocol == null) {
            throw Elbv2Errors.validation("A listener protocol must be specified");
        }
        if (lb.isApplication()) {
            if (protocol.equals("HTTPS")) {
                throw CommonErrors.notImplemented(SERVICE, "HTTPS listeners");
            }
            if (!protocol.equals("HTTP")) {
                throw errors.error("UnsupportedProtocolException",
                        "Protocol '%s' is not supported by Application Load Balancers", protocol);
            }
        } else {
            if (protocol.equals("TLS") || protocol.equals("UDP") || protocol.equals("TCP_UDP") || protocol.startsWith("QUIC")
                    || protocol.equals("TCP_QUIC")) {
                throw CommonErrors.notImplemented(SERVICE, protocol + " listeners");
            }
            if (!protocol.equals("TCP")) {
                throw errors.error("UnsupportedProtocolException",
                        "Protocol '%s' is not supported by Network Load Balancers", protocol);
            }
        }
    }

    private static void checkNetworkForward(LoadBalancerRecord lb, List<Action> actions) {
        if (!lb.isApplication() && Actions.targetGroups(actions).size() > 1) {
            throw Elbv2Errors.validation("A forward action of a Network Load Balancer can have only one target group");
        }
    }

    private software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener listenerView(Elbv2State state,
                                                                                              String arn) {
        ListenerRecord listener = state.listeners().get(arn);
        return Views.listener(listener, state.rules().get(listener.defaultRuleArn()));
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeListeners.html">DescribeListeners</a>. */
    DescribeListenersResponse describeListeners(RequestContext context, DescribeListenersRequest request) {
        List<String> arns = request.hasListenerArns() ? request.listenerArns() : List.of();
        String lbArn = request.loadBalancerArn();
        if (arns.isEmpty() == (lbArn == null)) {
            throw Elbv2Errors.validation("You must specify either listener ARNs or a load balancer ARN");
        }
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener> found = store.read(scope(context), state -> {
            List<String> selected;
            if (lbArn != null) {
                requireLoadBalancer(state, lbArn);
                selected = state.listeners().values().stream().filter(l -> l.loadBalancerArn().equals(lbArn))
                        .map(ListenerRecord::arn).toList();
            } else {
                selected = arns.stream().map(arn -> requireListener(state, arn).arn()).toList();
            }
            return selected.stream().map(arn -> listenerView(state, arn)).toList();
        });
        var page = Pages.of(found, request.marker(), request.pageSize());
        return DescribeListenersResponse.builder().listeners(page.items()).nextMarker(page.nextMarker()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html">ModifyListener</a>. */
    ModifyListenerResponse modifyListener(RequestContext context, ModifyListenerRequest request) {
        Scope scope = scope(context);
        synchronized (lock) {
            String arn = store.write(scope, state -> {
                ListenerRecord listener = requireListener(state, request.listenerArn());
                LoadBalancerRecord lb = state.loadBalancers().get(listener.loadBalancerArn());
                String protocol = request.protocolAsString() == null ? listener.protocol() : request.protocolAsString();
                int port = request.port() == null ? listener.port() : request.port();
                checkListenerProtocol(lb, protocol);
                Elbv2Errors.requirePort(port, "Port");
                if (request.hasCertificates() && !request.certificates().isEmpty() || request.sslPolicy() != null) {
                    throw Elbv2Errors.validation("Certificates and SSL policies can be specified only for HTTPS and TLS listeners");
                }
                for (ListenerRecord other : state.listeners().values()) {
                    if (!other.arn().equals(listener.arn()) && other.loadBalancerArn().equals(lb.arn())
                            && other.port() == port) {
                        throw errors.error("DuplicateListenerException",
                                "A listener already exists on port %d for load balancer '%s'", port, lb.arn());
                    }
                }
                RuleRecord defaultRule = state.rules().get(listener.defaultRuleArn());
                List<Action> actions = request.hasDefaultActions() && !request.defaultActions().isEmpty()
                        ? request.defaultActions() : Views.actions(defaultRule.actions());
                Map<String, Set<String>> used = usedBy(state);
                List<Action> normal = Actions.normalise(errors, state, lb.arn(), protocol, actions,
                        tgArn -> used.getOrDefault(tgArn, Set.of()));
                checkNetworkForward(lb, normal);
                if (!protocol.equals(listener.protocol())) {
                    for (RuleRecord rule : state.rules().values()) {
                        if (rule.listenerArn().equals(listener.arn()) && !rule.isDefault()) {
                            throw errors.error("IncompatibleProtocolsException",
                                    "The listener's rules are not compatible with protocol '%s'", protocol);
                        }
                    }
                }
                state.rules().put(defaultRule.arn(),
                        defaultRule.withConditionsAndActions(List.of(), Views.actionTrees(normal)));
                state.listeners().put(listener.arn(), listener.withPortAndProtocol(port, protocol));
                return listener.arn();
            });
            converge();
            software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener view =
                    store.read(scope, state -> listenerView(state, arn));
            return ModifyListenerResponse.builder().listeners(List.of(view)).build();
        }
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteListener.html">DeleteListener</a>. */
    DeleteListenerResponse deleteListener(RequestContext context, DeleteListenerRequest request) {
        synchronized (lock) {
            store.write(scope(context), state -> {
                removeListener(state, requireListener(state, request.listenerArn()).arn());
                return null;
            });
            converge();
        }
        return DeleteListenerResponse.builder().build();
    }

    private static void removeListener(Elbv2State state, String listenerArn) {
        state.rules().values().removeIf(rule -> {
            if (rule.listenerArn().equals(listenerArn)) {
                state.tags().remove(rule.arn());
                return true;
            }
            return false;
        });
        state.listeners().remove(listenerArn);
        state.tags().remove(listenerArn);
    }

    // ---------------------------------------------------------------- rules

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateRule.html">CreateRule</a>. */
    CreateRuleResponse createRule(RequestContext context, CreateRuleRequest request) {
        if (request.hasTransforms() && !request.transforms().isEmpty()) {
            throw CommonErrors.notImplemented(SERVICE, "rule transforms");
        }
        int priority = request.priority();
        Elbv2Errors.requireRange("Priority", priority, 1, 50000);
        if (!request.hasConditions() || request.conditions().isEmpty()) {
            throw Elbv2Errors.validation("A rule must have at least one condition");
        }
        List<RuleCondition> conditions = Conditions.normalise(request.conditions());
        Map<String, String> tags = tags(request.hasTags() ? request.tags() : List.of());
        Scope scope = scope(context);
        synchronized (lock) {
            RuleRecord rule = store.write(scope, state -> {
                ListenerRecord listener = requireListener(state, request.listenerArn());
                LoadBalancerRecord lb = state.loadBalancers().get(listener.loadBalancerArn());
                if (!lb.isApplication()) {
                    throw errors.error("UnsupportedProtocolException", "Listeners of protocol '%s' do not support rules",
                            listener.protocol());
                }
                Map<String, Set<String>> used = usedBy(state);
                List<Action> actions = Actions.normalise(errors, state, lb.arn(), listener.protocol(), request.actions(),
                        tgArn -> used.getOrDefault(tgArn, Set.of()));
                String p = Integer.toString(priority);
                for (RuleRecord other : state.rules().values()) {
                    if (other.listenerArn().equals(listener.arn()) && other.priority().equals(p)) {
                        throw errors.error("PriorityInUseException", "Priority '%d' is currently in use", priority);
                    }
                }
                if (rulesOf(state, lb.arn()) >= MAX_RULES) {
                    throw errors.error("TooManyRulesException", "A load balancer can have up to %d rules", MAX_RULES);
                }
                String arn = Arns.rule(listener.arn());
                RuleRecord record = new RuleRecord(arn, listener.arn(), p, Views.conditionTrees(conditions),
                        Views.actionTrees(actions));
                state.rules().put(arn, record);
                if (!tags.isEmpty()) {
                    state.tags().put(arn, new LinkedHashMap<>(tags));
                }
                return record;
            });
            converge();
            return CreateRuleResponse.builder().rules(Views.rule(rule)).build();
        }
    }

    private static long rulesOf(Elbv2State state, String lbArn) {
        return state.rules().values().stream().filter(r -> !r.isDefault()).filter(r -> {
            ListenerRecord l = state.listeners().get(r.listenerArn());
            return l != null && l.loadBalancerArn().equals(lbArn);
        }).count();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeRules.html">DescribeRules</a>. */
    DescribeRulesResponse describeRules(RequestContext context, DescribeRulesRequest request) {
        List<String> arns = request.hasRuleArns() ? request.ruleArns() : List.of();
        String listenerArn = request.listenerArn();
        if (arns.isEmpty() == (listenerArn == null)) {
            throw Elbv2Errors.validation("You must specify either rule ARNs or a listener ARN");
        }
        List<RuleRecord> found = store.read(scope(context), state -> {
            if (listenerArn != null) {
                requireListener(state, listenerArn);
                return state.rules().values().stream().filter(r -> r.listenerArn().equals(listenerArn))
                        .sorted(Comparator.comparingInt(RuleRecord::order)).toList();
            }
            return arns.stream().map(arn -> requireRule(state, arn)).toList();
        });
        Pages<RuleRecord> page = Pages.of(found, request.marker(), request.pageSize());
        return DescribeRulesResponse.builder().rules(page.items().stream().map(Views::rule).toList())
                .nextMarker(page.nextMarker()).build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyRule.html">ModifyRule</a>. */
    ModifyRuleResponse modifyRule(RequestContext context, ModifyRuleRequest request) {
        if (request.hasTransforms() && !request.transforms().isEmpty()) {
            throw CommonErrors.notImplemented(SERVICE, "rule transforms");
        }
        boolean newConditions = request.hasConditions() && !request.conditions().isEmpty();
        List<RuleCondition> conditions = newConditions ? Conditions.normalise(request.conditions()) : null;
        synchronized (lock) {
            RuleRecord rule = store.write(scope(context), state -> {
                RuleRecord current = requireRule(state, request.ruleArn());
                if (current.isDefault() && newConditions) {
                    throw errors.error("OperationNotPermittedException", "The conditions of a default rule cannot be modified");
                }
                ListenerRecord listener = state.listeners().get(current.listenerArn());
                List<Map<String, Object>> actions = current.actions();
                if (request.hasActions() && !request.actions().isEmpty()) {
                    Map<String, Set<String>> used = usedBy(state);
                    actions = Views.actionTrees(Actions.normalise(errors, state, listener.loadBalancerArn(),
                            listener.protocol(), request.actions(), tgArn -> used.getOrDefault(tgArn, Set.of())));
                }
                RuleRecord next = current.withConditionsAndActions(
                        newConditions ? Views.conditionTrees(conditions) : current.conditions(), actions);
                state.rules().put(current.arn(), next);
                return next;
            });
            converge();
            return ModifyRuleResponse.builder().rules(Views.rule(rule)).build();
        }
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeleteRule.html">DeleteRule</a>. */
    DeleteRuleResponse deleteRule(RequestContext context, DeleteRuleRequest request) {
        synchronized (lock) {
            store.write(scope(context), state -> {
                RuleRecord rule = requireRule(state, request.ruleArn());
                if (rule.isDefault()) {
                    throw errors.error("OperationNotPermittedException", "Default rule '%s' cannot be deleted", rule.arn());
                }
                state.rules().remove(rule.arn());
                state.tags().remove(rule.arn());
                return null;
            });
            converge();
        }
        return DeleteRuleResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetRulePriorities.html">SetRulePriorities</a>. */
    SetRulePrioritiesResponse setRulePriorities(RequestContext context, SetRulePrioritiesRequest request) {
        for (RulePriorityPair pair : request.rulePriorities()) {
            if (pair.priority() == null) {
                throw Elbv2Errors.validation("A priority must be specified for rule '%s'", pair.ruleArn());
            }
            Elbv2Errors.requireRange("Priority", pair.priority(), 1, 50000);
        }
        synchronized (lock) {
            List<RuleRecord> changed = store.write(scope(context), state -> {
                Map<String, String> wanted = new LinkedHashMap<>();
                for (RulePriorityPair pair : request.rulePriorities()) {
                    RuleRecord rule = requireRule(state, pair.ruleArn());
                    if (rule.isDefault()) {
                        throw errors.error("OperationNotPermittedException",
                                "The priority of default rule '%s' cannot be changed", rule.arn());
                    }
                    wanted.put(rule.arn(), Integer.toString(pair.priority()));
                }
                Map<String, String> taken = new HashMap<>();
                for (RuleRecord rule : state.rules().values()) {
                    if (rule.isDefault()) {
                        continue;
                    }
                    String priority = wanted.getOrDefault(rule.arn(), rule.priority());
                    String key = rule.listenerArn() + "#" + priority;
                    if (taken.putIfAbsent(key, rule.arn()) != null) {
                        throw errors.error("PriorityInUseException", "Priority '%s' is currently in use", priority);
                    }
                }
                List<RuleRecord> out = new ArrayList<>();
                wanted.forEach((arn, priority) -> {
                    RuleRecord next = state.rules().get(arn).withPriority(priority);
                    state.rules().put(arn, next);
                    out.add(next);
                });
                return out;
            });
            converge();
            return SetRulePrioritiesResponse.builder().rules(changed.stream().map(Views::rule).toList()).build();
        }
    }

    // ---------------------------------------------------------------- tags and limits

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_AddTags.html">AddTags</a>. */
    AddTagsResponse addTags(RequestContext context, AddTagsRequest request) {
        Map<String, String> tags = tags(request.tags());
        if (request.resourceArns().size() > MAX_ARNS) {
            throw Elbv2Errors.validation("At most %d resource ARNs can be specified", MAX_ARNS);
        }
        synchronized (lock) {
            store.write(scope(context), state -> {
                for (String arn : request.resourceArns()) {
                    requireTaggable(state, arn);
                    Map<String, String> merged = new LinkedHashMap<>(state.tags().getOrDefault(arn, Map.of()));
                    merged.putAll(tags);
                    if (merged.size() > MAX_TAGS) {
                        throw errors.error("TooManyTagsException", "A resource can have up to %d tags", MAX_TAGS);
                    }
                }
                for (String arn : request.resourceArns()) {
                    state.tags().computeIfAbsent(arn, a -> new LinkedHashMap<>()).putAll(tags);
                }
                return null;
            });
        }
        return AddTagsResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RemoveTags.html">RemoveTags</a>. */
    RemoveTagsResponse removeTags(RequestContext context, RemoveTagsRequest request) {
        synchronized (lock) {
            store.write(scope(context), state -> {
                request.resourceArns().forEach(arn -> requireTaggable(state, arn));
                for (String arn : request.resourceArns()) {
                    Map<String, String> tags = state.tags().get(arn);
                    if (tags != null) {
                        request.tagKeys().forEach(tags::remove);
                        if (tags.isEmpty()) {
                            state.tags().remove(arn);
                        }
                    }
                }
                return null;
            });
        }
        return RemoveTagsResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTags.html">DescribeTags</a>. */
    DescribeTagsResponse describeTags(RequestContext context, DescribeTagsRequest request) {
        if (request.resourceArns().size() > MAX_ARNS) {
            throw Elbv2Errors.validation("At most %d resource ARNs can be specified", MAX_ARNS);
        }
        List<TagDescription> out = store.read(scope(context), state -> request.resourceArns().stream().map(arn -> {
            requireTaggable(state, arn);
            return TagDescription.builder().resourceArn(arn).tags(state.tags().getOrDefault(arn, Map.of()).entrySet()
                    .stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        }).toList());
        return DescribeTagsResponse.builder().tagDescriptions(out).build();
    }

    private Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag tag : tags) {
            String key = tag.key();
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw Elbv2Errors.validation("Tag keys must be 1 to 128 characters");
            }
            if (key.startsWith("aws:")) {
                throw Elbv2Errors.validation("Tag keys cannot start with 'aws:'");
            }
            if (tag.value() != null && tag.value().length() > 256) {
                throw Elbv2Errors.validation("Tag values must be at most 256 characters");
            }
            if (out.put(key, tag.value() == null ? "" : tag.value()) != null) {
                throw errors.error("DuplicateTagKeysException", "Tag key '%s' is specified more than once", key);
            }
        }
        if (out.size() > MAX_TAGS) {
            throw errors.error("TooManyTagsException", "A resource can have up to %d tags", MAX_TAGS);
        }
        return out;
    }

    @Override
    public Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        try {
            return store.read(scope, state -> {
                requireTaggable(state, arn);
                return Optional.of(Map.copyOf(state.tags().getOrDefault(arn, Map.of())));
            });
        } catch (AwsServiceException notFound) {
            return Optional.empty();
        }
    }

    private void requireTaggable(Elbv2State state, String arn) {
        switch (Arns.type(arn)) {
            case "loadbalancer" -> requireLoadBalancer(state, arn);
            case "targetgroup" -> requireTargetGroup(state, arn);
            case "listener" -> requireListener(state, arn);
            case "listener-rule" -> requireRule(state, arn);
            default -> throw Elbv2Errors.validation("'%s' is not a valid Elastic Load Balancing resource ARN", arn);
        }
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeAccountLimits.html">DescribeAccountLimits</a>. */
    DescribeAccountLimitsResponse describeAccountLimits(RequestContext context, DescribeAccountLimitsRequest request) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        limits.put("application-load-balancers", MAX_LOAD_BALANCERS);
        limits.put("target-groups", MAX_TARGET_GROUPS);
        limits.put("targets-per-application-load-balancer", 1000);
        limits.put("listeners-per-application-load-balancer", MAX_LISTENERS);
        limits.put("rules-per-application-load-balancer", MAX_RULES);
        limits.put("network-load-balancers", MAX_LOAD_BALANCERS);
        limits.put("targets-per-network-load-balancer", 3000);
        limits.put("listeners-per-network-load-balancer", MAX_LISTENERS);
        limits.put("condition-values-per-alb-rule", Conditions.MAX_VALUES);
        limits.put("condition-wildcards-per-alb-rule", Conditions.MAX_WILDCARDS);
        limits.put("target-groups-per-application-load-balancer", 100);
        limits.put("target-groups-per-action-on-application-load-balancer", Actions.MAX_TARGET_GROUPS);
        limits.put("target-groups-per-action-on-network-load-balancer", 1);
        limits.put("targets-per-target-group", MAX_TARGETS);
        List<Limit> out = limits.entrySet().stream()
                .map(e -> Limit.builder().name(e.getKey()).max(Integer.toString(e.getValue())).build()).toList();
        Pages<Limit> page = Pages.of(out, request.marker(), request.pageSize());
        return DescribeAccountLimitsResponse.builder().limits(page.items()).nextMarker(page.nextMarker()).build();
    }

    // ---------------------------------------------------------------- shared

    private static Scope scope(RequestContext context) {
        return new Scope(context.accountId(), context.region());
    }

    private static void checkName(String name, String kind) {
        if (name == null || name.length() > 32) {
            throw Elbv2Errors.validation("%s name cannot be longer than 32 characters", kind);
        }
        if (!NAME.matcher(name).matches()) {
            throw Elbv2Errors.validation("%s name '%s' can contain only alphanumeric characters and hyphens, and "
                    + "cannot begin or end with a hyphen", kind, name);
        }
    }

    private LoadBalancerRecord requireLoadBalancer(Elbv2State state, String arn) {
        LoadBalancerRecord lb = arn == null ? null : state.loadBalancers().get(arn);
        if (lb == null) {
            throw errors.loadBalancerNotFound(arn);
        }
        return lb;
    }

    private TargetGroupRecord requireTargetGroup(Elbv2State state, String arn) {
        TargetGroupRecord tg = arn == null ? null : state.targetGroups().get(arn);
        if (tg == null) {
            throw errors.targetGroupNotFound(arn);
        }
        return tg;
    }

    private ListenerRecord requireListener(Elbv2State state, String arn) {
        ListenerRecord listener = arn == null ? null : state.listeners().get(arn);
        if (listener == null) {
            throw errors.listenerNotFound(arn);
        }
        return listener;
    }

    private RuleRecord requireRule(Elbv2State state, String arn) {
        RuleRecord rule = arn == null ? null : state.rules().get(arn);
        if (rule == null) {
            throw errors.ruleNotFound(arn);
        }
        return rule;
    }

    /** Target group ARN → the load balancers whose listeners' rules forward to it. */
    private static Map<String, Set<String>> usedBy(Elbv2State state) {
        Map<String, Set<String>> used = new HashMap<>();
        for (RuleRecord rule : state.rules().values()) {
            ListenerRecord listener = state.listeners().get(rule.listenerArn());
            if (listener == null) {
                continue;
            }
            for (String tg : Actions.targetGroups(Views.actions(rule.actions()))) {
                used.computeIfAbsent(tg, t -> new LinkedHashSet<>()).add(listener.loadBalancerArn());
            }
        }
        return used;
    }

    /**
     * Hands the whole state to the data plane and writes back the ports listeners actually listen
     * on. Called with {@link #lock} held.
     */
    private void converge() {
        DataPlaneMapper mapper = new DataPlaneMapper(environment.config().logsDir());
        Map<String, Scope> scopeOfListener = new HashMap<>();
        Map<String, Integer> storedPorts = new HashMap<>();
        store.forEach((scope, state) -> {
            mapper.add(scope, state);
            state.listeners().values().forEach(l -> {
                scopeOfListener.put(l.arn(), scope);
                storedPorts.put(l.arn(), l.boundPort());
            });
        });
        ApplyResult result = dataPlane.apply(mapper.build());
        bindFailures = result.failures();
        Set<String> applicationLoadBalancers = new HashSet<>();
        store.forEach((scope, state) -> state.loadBalancers().values().stream()
                .filter(LoadBalancerRecord::isApplication).forEach(lb -> applicationLoadBalancers.add(lb.arn())));
        inspectionHooks.sync(applicationLoadBalancers);
        Map<Scope, Map<String, Integer>> changes = new HashMap<>();
        result.boundPorts().forEach((arn, port) -> {
            if (!port.equals(storedPorts.get(arn))) {
                changes.computeIfAbsent(scopeOfListener.get(arn), s -> new HashMap<>()).put(arn, port);
            }
        });
        changes.forEach((scope, ports) -> store.write(scope, state -> {
            ports.forEach((arn, port) -> state.listeners().computeIfPresent(arn, (a, l) -> l.withBoundPort(port)));
            return null;
        }));
    }
}

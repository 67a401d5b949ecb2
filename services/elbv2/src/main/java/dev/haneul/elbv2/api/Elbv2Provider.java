package dev.haneul.elbv2.api;

import dev.haneul.core.api.EndpointTraffic;
import dev.haneul.core.api.EndpointView;
import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.TrafficCounters;
import dev.haneul.core.api.ValidationStyle;
import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.elbv2.dataplane.DataPlane;
import dev.haneul.elbv2.dataplane.Elbv2DataPlane;
import dev.haneul.elbv2.dataplane.TargetHealthView;
import dev.haneul.elbv2.model.Elbv2State;
import dev.haneul.elbv2.model.LoadBalancerRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetIpAddressTypeRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSubnetsRequest;

/**
 * Elastic Load Balancing v2 (query protocol, 2015-12-01): Application Load Balancers with HTTP
 * listeners, rules and {@code ip} target groups served by a real HTTP data plane, and Network Load
 * Balancers with TCP listeners on the TCP proxy.
 *
 * <p>This class routes each operation to its resource family and answers the server's questions
 * (health, endpoints, traffic, tags by ARN); it holds no rules of its own:
 * <pre>
 *   Elbv2Provider ──▶ LoadBalancerService   ListenerService   RuleService
 *   (router)          TargetGroupService    TargetService     TagService   AccountLimits
 *                          │  validate (Elbv2Validation, HealthChecks, Actions, …), shape (Views)
 *                          ▼
 *                     Elbv2Store ──(after each change)──▶ DataPlaneSync ──apply(DataPlaneConfig)──▶ DataPlane
 * </pre>
 * Every change is validated first, then written to the account/region's state (persisted before
 * the answer), then the whole state is handed to the {@link DataPlane} as one desired config,
 * which binds, rebinds or closes listeners and swaps rule tables. The port a listener actually
 * listens on (see {@code docs/fidelity.md}: a port below 1024 may become port + 8000) is written
 * back and is the {@code Port} the API shows. Changes are serialised by the store's lock; reads
 * are not.
 */
public final class Elbv2Provider implements ServiceProvider {

    static final ServiceModel MODEL = ServiceModel.fromResource(Elbv2Provider.class, "/dev/haneul/elbv2/service-2.json");

    private final Elbv2Store store;
    private final DataPlaneSync sync;
    private final TagService tags;
    private final Operations operations;

    public Elbv2Provider(ServiceEnvironment environment) {
        this(environment, Elbv2DataPlane.DEFAULT_HEALTH_CHECK_TICK);
    }

    /** @param healthCheckTick how often health checks look at the environment's clock */
    public Elbv2Provider(ServiceEnvironment environment, Duration healthCheckTick) {
        this(environment, new Elbv2DataPlane(environment.runtime(), environment.clock(), healthCheckTick,
                Duration.ofSeconds(10)));
    }

    private Elbv2Provider(ServiceEnvironment environment, Elbv2DataPlane dataPlane) {
        this(environment.openStore("elbv2", Elbv2State.class, Elbv2State::new), environment.addresses(),
                environment.clock(), environment.config().logsDir(), dataPlane);
        // Each ALB's WAF hook goes into the registry once its listeners exist, after every convergence.
        sync.afterConverge(new InspectionHooks(environment.registry(), dataPlane)::sync);
    }

    /**
     * The provider over its parts, so tests can run it without a server or sockets (a fake
     * {@link DataPlane}).
     *
     * @param logsDir where access logs go (under {@code elbv2/})
     */
    Elbv2Provider(ScopedStore<Elbv2State> states, AddressAllocator addresses, Clock clock, Path logsDir,
                  DataPlane dataPlane) {
        this.sync = new DataPlaneSync(dataPlane, logsDir);
        this.store = new Elbv2Store(states, sync);
        this.tags = new TagService(store);
        LoadBalancerService loadBalancers = new LoadBalancerService(store, addresses, clock);
        TargetGroupService targetGroups = new TargetGroupService(store, clock);
        TargetService targets = new TargetService(store, dataPlane);
        ListenerService listeners = new ListenerService(store);
        RuleService rules = new RuleService(store);
        this.operations = Operations.builder(MODEL)
                .add("CreateLoadBalancer", CreateLoadBalancerRequest::builder, loadBalancers::createLoadBalancer)
                .add("DescribeLoadBalancers", DescribeLoadBalancersRequest::builder, loadBalancers::describeLoadBalancers)
                .add("DeleteLoadBalancer", DeleteLoadBalancerRequest::builder, loadBalancers::deleteLoadBalancer)
                .add("ModifyLoadBalancerAttributes", ModifyLoadBalancerAttributesRequest::builder,
                        loadBalancers::modifyLoadBalancerAttributes)
                .add("DescribeLoadBalancerAttributes", DescribeLoadBalancerAttributesRequest::builder,
                        loadBalancers::describeLoadBalancerAttributes)
                .add("SetSecurityGroups", SetSecurityGroupsRequest::builder, loadBalancers::setSecurityGroups)
                .add("SetSubnets", SetSubnetsRequest::builder, loadBalancers::setSubnets)
                .add("SetIpAddressType", SetIpAddressTypeRequest::builder, loadBalancers::setIpAddressType)
                .add("CreateTargetGroup", CreateTargetGroupRequest::builder, targetGroups::createTargetGroup)
                .add("DescribeTargetGroups", DescribeTargetGroupsRequest::builder, targetGroups::describeTargetGroups)
                .add("ModifyTargetGroup", ModifyTargetGroupRequest::builder, targetGroups::modifyTargetGroup)
                .add("DeleteTargetGroup", DeleteTargetGroupRequest::builder, targetGroups::deleteTargetGroup)
                .add("ModifyTargetGroupAttributes", ModifyTargetGroupAttributesRequest::builder,
                        targetGroups::modifyTargetGroupAttributes)
                .add("DescribeTargetGroupAttributes", DescribeTargetGroupAttributesRequest::builder,
                        targetGroups::describeTargetGroupAttributes)
                .add("RegisterTargets", RegisterTargetsRequest::builder, targets::registerTargets)
                .add("DeregisterTargets", DeregisterTargetsRequest::builder, targets::deregisterTargets)
                .add("DescribeTargetHealth", DescribeTargetHealthRequest::builder, targets::describeTargetHealth)
                .add("CreateListener", CreateListenerRequest::builder, listeners::createListener)
                .add("DescribeListeners", DescribeListenersRequest::builder, listeners::describeListeners)
                .add("ModifyListener", ModifyListenerRequest::builder, listeners::modifyListener)
                .add("DeleteListener", DeleteListenerRequest::builder, listeners::deleteListener)
                .add("CreateRule", CreateRuleRequest::builder, rules::createRule)
                .add("DescribeRules", DescribeRulesRequest::builder, rules::describeRules)
                .add("ModifyRule", ModifyRuleRequest::builder, rules::modifyRule)
                .add("DeleteRule", DeleteRuleRequest::builder, rules::deleteRule)
                .add("SetRulePriorities", SetRulePrioritiesRequest::builder, rules::setRulePriorities)
                .add("AddTags", AddTagsRequest::builder, tags::addTags)
                .add("RemoveTags", RemoveTagsRequest::builder, tags::removeTags)
                .add("DescribeTags", DescribeTagsRequest::builder, tags::describeTags)
                .add("DescribeAccountLimits", DescribeAccountLimitsRequest::builder, AccountLimits::describeAccountLimits)
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
        store.converge();
    }

    @Override
    public void close() {
        sync.dataPlane().close();
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
        Map<String, String> failures = sync.bindFailures();
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
                .forEach(arn -> out.put(arn, sync.dataPlane().targetHealth(arn))));
        return out;
    }

    /**
     * The dashboard's counters: per listener ({@code listener/<port>} of its load balancer's ARN) the
     * client connections open now; per target group ({@code targets} of its ARN) the requests
     * served and in flight and the connections open, each target keyed {@code id:port}.
     */
    @Override
    public List<EndpointTraffic> traffic() {
        DataPlane dataPlane = sync.dataPlane();
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

    @Override
    public Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        return tags.resourceTags(scope, arn);
    }
}

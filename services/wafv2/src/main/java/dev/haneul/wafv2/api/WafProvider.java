package dev.haneul.wafv2.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceReport;
import dev.haneul.core.api.ValidationStyle;
import dev.haneul.core.api.Operations;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.wafv2.engine.CompiledWebAcl;
import dev.haneul.wafv2.engine.InspectionRecord;
import dev.haneul.wafv2.engine.ManagedRuleGroups;
import dev.haneul.wafv2.engine.RateBasedKeys;
import dev.haneul.wafv2.engine.ReferenceResolver;
import dev.haneul.wafv2.engine.WafValidationException;
import dev.haneul.wafv2.engine.WebAclCompiler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS WAF (wafv2, json 1.1, 2019-07-29): web ACLs, IP sets, regex pattern sets and rule groups
 * ({@link ResourceOperations}), CheckCapacity, association with Application Load Balancers
 * ({@link AclDeployment} attaches the compiled web ACL to the load balancer's request path through
 * the {@code HttpInspection} hook ELBv2 publishes), the AWS managed rule groups' descriptions,
 * tags, sampled requests ({@link SampledRequests}) and logging ({@link WafLogging}).
 *
 * <p>Every request a guarded load balancer receives is judged by the engine
 * ({@code dev.haneul.wafv2.engine}) on the load balancer's event loop; its record comes back here
 * through the {@code InspectionListener} for samples and logs.
 */
public final class WafProvider implements ServiceProvider {

    static final ServiceModel MODEL = WafErrors.MODEL;
    private static final Logger log = LoggerFactory.getLogger(WafProvider.class);
    private static final Duration SAMPLE_WINDOW = Duration.ofHours(3);

    private final ServiceEnvironment environment;
    private final ScopedStore<WafState> store;
    private final Object lock = new Object();
    private final ManagedRuleGroups managed = ManagedRuleGroups.aws();
    private final ResourceOperations resources;
    private final WebAclCompiler compiler;
    private final SampledRequests samples = new SampledRequests();
    private final WebAclCounters counters = new WebAclCounters();
    private final WafLogging logging;
    private final AclDeployment deployment;
    private final Operations operations;

    public WafProvider(ServiceEnvironment environment) {
        this.environment = environment;
        this.store = environment.openStore("wafv2", WafState.class, WafState::new);
        this.compiler = new WebAclCompiler(new StoredReferences(store), managed);
        this.resources = new ResourceOperations(store, compiler, lock, this::changed);
        this.logging = new WafLogging(store, resources, environment.config().dataDir(), environment.registry());
        this.deployment = new AclDeployment(store, compiler, resources, this::inspected);
        Operations.Builder ops = Operations.builder(MODEL);
        for (ResourceKind kind : ResourceKind.values()) {
            String name = switch (kind) {
                case WEB_ACL -> "WebACL";
                case IP_SET -> "IPSet";
                case REGEX_PATTERN_SET -> "RegexPatternSet";
                case RULE_GROUP -> "RuleGroup";
            };
            ops.addTree("Create" + name, (c, in) -> resources.create(c, kind, in))
                    .addTree("Get" + name, (c, in) -> resources.get(c, kind, in))
                    .addTree("Update" + name, (c, in) -> resources.update(c, kind, in))
                    .addTree("Delete" + name, (c, in) -> resources.delete(c, kind, in))
                    .addTree("List" + name + "s", (c, in) -> resources.list(c, kind, in));
        }
        Associations associations = new Associations(store, resources, deployment, lock);
        TagOperations tags = new TagOperations(store, resources);
        ManagedGroupOperations managedOps = new ManagedGroupOperations(managed);
        this.operations = ops
                .addTree("CheckCapacity", this::checkCapacity)
                .addTree("AssociateWebACL", associations::associate)
                .addTree("DisassociateWebACL", associations::disassociate)
                .addTree("GetWebACLForResource", associations::webAclForResource)
                .addTree("ListResourcesForWebACL", associations::resourcesForWebAcl)
                .addTree("ListAvailableManagedRuleGroups", managedOps::list)
                .addTree("DescribeManagedRuleGroup", managedOps::describe)
                .addTree("ListAvailableManagedRuleGroupVersions", managedOps::versions)
                .addTree("TagResource", tags::tag)
                .addTree("UntagResource", tags::untag)
                .addTree("ListTagsForResource", tags::list)
                .addTree("GetSampledRequests", this::sampledRequests)
                .addTree("GetRateBasedStatementManagedKeys", this::rateBasedManagedKeys)
                .addTree("PutLoggingConfiguration", logging::put)
                .addTree("GetLoggingConfiguration", logging::get)
                .addTree("DeleteLoggingConfiguration", logging::delete)
                .addTree("ListLoggingConfigurations", logging::list)
                .build();
    }

    @Override
    public String name() {
        return "wafv2";
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public ValidationStyle validationStyle() {
        return ValidationStyle.JSON_VALIDATION_EXCEPTION;
    }

    @Override
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        return operations.invoke(context, operation, input);
    }

    /** Follows the load balancers and attaches the web ACLs associated with them (again, after a restart). */
    @Override
    public void start() {
        deployment.start(environment.registry());
    }

    @Override
    public void close() {
        deployment.close();
        logging.close();
    }

    @Override
    public ServiceHealth health() {
        int[] counts = new int[ResourceKind.values().length + 1];
        store.forEach((scope, state) -> {
            state.resources().values().forEach(r -> counts[r.kind().ordinal()]++);
            counts[counts.length - 1] += state.associations().size();
        });
        Map<String, Integer> resources = new LinkedHashMap<>();
        resources.put("web ACLs", counts[ResourceKind.WEB_ACL.ordinal()]);
        resources.put("rule groups", counts[ResourceKind.RULE_GROUP.ordinal()]);
        resources.put("IP sets", counts[ResourceKind.IP_SET.ordinal()]);
        resources.put("regex pattern sets", counts[ResourceKind.REGEX_PATTERN_SET.ordinal()]);
        resources.put("associations", counts[counts.length - 1]);
        return ServiceHealth.running(resources);
    }

    /**
     * Requests each web ACL judged since start, by terminating action, and those a rule counted
     * (AWS's {@code AllowedRequests}/{@code BlockedRequests}/{@code CountedRequests}/... metrics, as
     * totals), for {@code haneul status} and the dashboard's WAF page.
     */
    @Override
    public Optional<ServiceReport> report() {
        Map<String, List<Long>> totals = counters.totals();
        if (totals.isEmpty()) {
            return Optional.empty();
        }
        List<List<Object>> rows = new ArrayList<>();
        totals.forEach((arn, row) -> {
            List<Object> cells = new ArrayList<>();
            String[] parts = arn.split("/");
            cells.add(parts.length >= 3 ? parts[parts.length - 2] : arn);
            cells.add(arn);
            cells.addAll(row);
            rows.add(cells);
        });
        List<String> columns = new ArrayList<>(List.of("WEB ACL", "ARN"));
        columns.addAll(WebAclCounters.COLUMNS);
        return Optional.of(new ServiceReport("WAF requests by web ACL", columns, rows));
    }

    @Override
    public Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        return store.read(scope, state -> state.resources().containsKey(arn)
                ? Optional.of(Map.copyOf(state.tags().getOrDefault(arn, Map.of()))) : Optional.empty());
    }

    // ---------------------------------------------------------------- operations of their own

    /** <a href="https://docs.aws.amazon.com/waf/latest/APIReference/API_CheckCapacity.html">CheckCapacity</a>. */
    private Map<String, Object> checkCapacity(RequestContext context, Map<String, Object> input) {
        WafScopes.check(context, input.get("Scope"));
        JsonNode rules = WafJson.toJson("CheckCapacityRequest", input).path("Rules");
        for (String arn : References.of(rules)) {
            if (resources.byArn(WafScopes.of(context), arn).isEmpty()) {
                throw WafErrors.nonexistent();
            }
        }
        try {
            return Map.of("Capacity", compiler.capacity(rules));
        } catch (WafValidationException e) {
            throw WafErrors.invalid(e);
        }
    }

    /** <a href="https://docs.aws.amazon.com/waf/latest/APIReference/API_GetSampledRequests.html">GetSampledRequests</a>. */
    private Map<String, Object> sampledRequests(RequestContext context, Map<String, Object> input) {
        WafScopes.check(context, input.get("Scope"));
        String arn = String.valueOf(input.get("WebAclArn"));
        resources.webAcl(WafScopes.of(context), arn);
        @SuppressWarnings("unchecked")
        Map<String, Object> window = (Map<String, Object>) input.getOrDefault("TimeWindow", Map.of());
        Instant now = environment.clock().instant();
        Instant start = window.get("StartTime") instanceof Instant s ? s : now.minus(SAMPLE_WINDOW);
        Instant end = window.get("EndTime") instanceof Instant e ? e : now;
        if (!start.isBefore(end)) {
            throw WafErrors.invalidParameter("TIME_WINDOW", start + " - " + end, "The start time must be before the end time");
        }
        if (start.isBefore(now.minus(SAMPLE_WINDOW))) {
            // AWS samples from the previous three hours only.
            start = now.minus(SAMPLE_WINDOW);
        }
        int max = input.get("MaxItems") instanceof Number n ? (int) Math.min(n.longValue(), 500) : 100;
        return samples.sample(arn, String.valueOf(input.get("RuleMetricName")), start, end, max);
    }

    /** <a href="https://docs.aws.amazon.com/waf/latest/APIReference/API_GetRateBasedStatementManagedKeys.html">GetRateBasedStatementManagedKeys</a>. */
    private Map<String, Object> rateBasedManagedKeys(RequestContext context, Map<String, Object> input) {
        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("Name", input.get("WebACLName"));
        lookup.put("Id", input.get("WebACLId"));
        lookup.put("Scope", input.get("Scope"));
        WafResource acl = resources.find(context, ResourceKind.WEB_ACL, lookup);
        String ruleName = String.valueOf(input.get("RuleName"));
        String groupRule = input.get("RuleGroupRuleName") instanceof String s ? s : null;
        CompiledWebAcl compiled = deployment.compiledFor(acl.arn());
        RateBasedKeys keys = compiled == null ? RateBasedKeys.EMPTY : compiled.rateBasedManagedKeys(groupRule, ruleName);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ManagedKeysIPV4", Map.of("IPAddressVersion", "IPV4", "Addresses", new ArrayList<Object>(keys.ipv4())));
        out.put("ManagedKeysIPV6", Map.of("IPAddressVersion", "IPV6", "Addresses", new ArrayList<Object>(keys.ipv6())));
        return out;
    }

    // ---------------------------------------------------------------- plumbing

    /** After a resource changed (persisted): recompile and re-attach what it touches; forget what went away. */
    private void changed(String arn) {
        if (resources.byArn(arn).isEmpty()) {
            samples.forget(arn);
            counters.forget(arn);
            logging.forget(arn);
        }
        deployment.changed(arn);
    }

    /** Every request a guarded load balancer judged (on its event loop: never block). */
    private void inspected(InspectionRecord record) {
        samples.add(record);
        counters.add(record);
        logging.inspected(record);
    }

    /** The compiler's view of the stored sets and rule groups, by ARN. */
    private record StoredReferences(ScopedStore<WafState> store) implements ReferenceResolver {
        @Override
        public Optional<JsonNode> ipSet(String arn) {
            return find(arn, ResourceKind.IP_SET);
        }

        @Override
        public Optional<JsonNode> regexPatternSet(String arn) {
            return find(arn, ResourceKind.REGEX_PATTERN_SET);
        }

        @Override
        public Optional<JsonNode> ruleGroup(String arn) {
            return find(arn, ResourceKind.RULE_GROUP);
        }

        private Optional<JsonNode> find(String arn, ResourceKind kind) {
            return WafScopes.scopeOfArn(arn)
                    .flatMap(scope -> store.read(scope, state -> Optional.ofNullable(state.resources().get(arn))))
                    .filter(r -> r.kind() == kind).map(WafResource::spec);
        }
    }
}

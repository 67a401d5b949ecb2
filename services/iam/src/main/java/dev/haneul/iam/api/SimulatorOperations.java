package dev.haneul.iam.api;

import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.iam.auth.PolicyResolver;
import dev.haneul.iam.policy.CompiledPolicy;
import dev.haneul.iam.policy.ContextKeyType;
import dev.haneul.iam.policy.ContextValue;
import dev.haneul.iam.policy.Decision;
import dev.haneul.iam.policy.Evaluator;
import dev.haneul.iam.policy.MatchedStatement;
import dev.haneul.iam.policy.PolicySet;
import dev.haneul.iam.policy.PolicySource;
import dev.haneul.iam.policy.PolicyType;
import dev.haneul.iam.policy.Principal;
import dev.haneul.iam.policy.SourcePosition;
import dev.haneul.iam.policy.PrincipalKind;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The policy simulator: {@code SimulateCustomPolicy}, {@code SimulatePrincipalPolicy} and
 * {@code GetContextKeysFor*}, on the same {@link Evaluator} enforcement uses, so a simulation and
 * the real call agree.
 */
final class SimulatorOperations {

    /** What the simulator evaluates with: enforcement's policy resolver and evaluator. */
    record Engine(PolicyResolver policies, Evaluator evaluator) {}

    private final Entities entities;
    private final IamStore store;
    private final Engine engine;

    SimulatorOperations(Entities entities, Engine engine) {
        this.entities = entities;
        this.store = entities.store;
        this.engine = engine;
    }

    void register(Operations.Builder ops) {
        ops.addTree("SimulateCustomPolicy", this::simulateCustom)
                .addTree("SimulatePrincipalPolicy", this::simulatePrincipal)
                .addTree("GetContextKeysForCustomPolicy", (c, in) -> contextKeys(inputPolicies(in, "PolicyInputList")))
                .addTree("GetContextKeysForPrincipalPolicy", this::contextKeysForPrincipal);
    }

    private List<CompiledPolicy> inputPolicies(Map<String, Object> input, String member) {
        List<CompiledPolicy> out = new ArrayList<>();
        List<String> documents = Trees.strings(input, member);
        for (int i = 0; i < documents.size(); i++) {
            out.add(engine.policies().compile(documents.get(i), PolicySource.of(member + "." + (i + 1),
                    PolicySource.Type.NONE), PolicyType.IDENTITY));
        }
        return out;
    }

    private static Map<String, Object> contextKeys(List<CompiledPolicy> policies) {
        Set<String> keys = new LinkedHashSet<>();
        for (CompiledPolicy policy : policies) {
            keys.addAll(policy.contextKeys());
        }
        return Trees.map("ContextKeyNames", List.copyOf(keys));
    }

    private Map<String, Object> contextKeysForPrincipal(RequestContext context, Map<String, Object> input) {
        List<CompiledPolicy> policies = new ArrayList<>(store.read(state ->
                sourcePolicies(state, Trees.string(input, "PolicySourceArn")).identityPolicies()));
        policies.addAll(inputPolicies(input, "PolicyInputList"));
        return contextKeys(policies);
    }

    private Map<String, Object> simulateCustom(RequestContext context, Map<String, Object> input) {
        PolicySet set = PolicySet.of(inputPolicies(input, "PolicyInputList"));
        List<CompiledPolicy> boundaries = inputPolicies(input, "PermissionsBoundaryPolicyInputList");
        if (!boundaries.isEmpty()) {
            set = set.withPermissionsBoundary(boundaries.get(0));
        }
        @Nullable String callerArn = Trees.optional(input, "CallerArn");
        Principal principal = callerArn != null ? Principal.fromArn(callerArn)
                : new Principal(PrincipalKind.IAM_USER, "arn:aws:iam::" + store.accountId() + ":user/",
                        store.accountId(), "arn:aws:iam::" + store.accountId() + ":user/", "", null, Map.of());
        return simulate(set, principal, callerArn != null, input);
    }

    private Map<String, Object> simulatePrincipal(RequestContext context, Map<String, Object> input) {
        String source = Trees.string(input, "PolicySourceArn");
        return store.read(state -> {
            PolicySet base = sourcePolicies(state, source);
            List<CompiledPolicy> identity = new ArrayList<>(base.identityPolicies());
            identity.addAll(inputPolicies(input, "PolicyInputList"));
            PolicySet set = new PolicySet(identity, base.permissionsBoundary(), List.of(), null);
            List<CompiledPolicy> boundaries = inputPolicies(input, "PermissionsBoundaryPolicyInputList");
            if (!boundaries.isEmpty()) {
                set = set.withPermissionsBoundary(boundaries.get(0));
            }
            @Nullable String callerArn = Trees.optional(input, "CallerArn");
            Principal principal = callerArn != null ? Principal.fromArn(callerArn) : principalOf(state, source);
            return simulate(set, principal, true, input);
        });
    }

    private Principal principalOf(IamState state, String arn) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        String account = store.accountId();
        if (arn.contains(":user/")) {
            IamState.User user = Entities.user(state, name);
            return Principal.user(account, user.path, user.name, user.id, user.tags);
        }
        if (arn.contains(":role/")) {
            IamState.Role role = Entities.role(state, name);
            return Principal.roleSession(account, role.path, role.name, role.id, role.name, role.tags);
        }
        return Principal.user(account, "/", name, "AGPA", Map.of());
    }

    private PolicySet sourcePolicies(IamState state, String arn) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        if (arn.contains(":user/")) {
            return engine.policies().forUser(state, Entities.user(state, name));
        }
        if (arn.contains(":role/")) {
            return engine.policies().forRole(state, Entities.role(state, name));
        }
        if (arn.contains(":group/")) {
            return PolicySet.of(engine.policies().groupPolicies(state, Entities.group(state, name)));
        }
        if (!arn.startsWith("arn:")) {
            throw IamErrors.invalidArn(arn);
        }
        throw IamErrors.INVALID_INPUT.error("Invalid Entity Arn: " + arn + " does not clearly define entity type"
                + " and name.");
    }

    private Map<String, Object> simulate(PolicySet basis, Principal principal, boolean principalKeys,
                                         Map<String, Object> input) {
        PolicySet set = basis;
        @Nullable String resourcePolicy = Trees.optional(input, "ResourcePolicy");
        if (resourcePolicy != null) {
            set = set.withResourcePolicy(engine.policies().compile(resourcePolicy,
                    PolicySource.of("ResourcePolicy", PolicySource.Type.RESOURCE), PolicyType.RESOURCE));
        }
        List<String> resources = Trees.strings(input, "ResourceArns");
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        @Nullable String owner = Trees.optional(input, "ResourceOwner");
        List<Map<String, Object>> entries = Trees.structures(input, "ContextEntries");
        List<Map<String, Object>> results = new ArrayList<>();
        for (String action : Trees.strings(input, "ActionNames")) {
            for (String resource : resources) {
                dev.haneul.iam.policy.RequestContext.Builder request =
                        dev.haneul.iam.policy.RequestContext.builder(principal, action).resource(resource)
                                .derivePrincipalKeys(principalKeys);
                if (owner != null) {
                    request.resourceAccount(owner);
                }
                for (Map<String, Object> entry : entries) {
                    String type = Trees.optional(entry, "ContextKeyType") == null ? "string"
                            : Trees.string(entry, "ContextKeyType");
                    request.put(Trees.string(entry, "ContextKeyName"), ContextValue.of(
                            ContextKeyType.fromWireName(type), Trees.strings(entry, "ContextKeyValues")
                                    .toArray(String[]::new)));
                }
                Decision decision = engine.evaluator().evaluate(set, request.build());
                results.add(resultView(action, resource, decision, set.permissionsBoundary() != null));
            }
        }
        return Entities.page(input, "EvaluationResults", results, r -> r);
    }

    private static Map<String, Object> resultView(String action, String resource, Decision decision,
                                                  boolean boundary) {
        List<Object> statements = new ArrayList<>();
        for (MatchedStatement statement : decision.matchedStatements()) {
            statements.add(Trees.map("SourcePolicyId", statement.source().id(),
                    "SourcePolicyType", statement.source().type() == PolicySource.Type.NONE ? null
                            : statement.source().type().wireName(),
                    "StartPosition", position(statement.start()), "EndPosition", position(statement.end())));
        }
        Map<String, Object> out = Trees.map("EvalActionName", action, "EvalResourceName", resource,
                "EvalDecision", decision.decision().wireName(), "MatchedStatements", statements,
                "MissingContextValues", List.copyOf(decision.missingContextValues()));
        if (boundary && decision.allowedByPermissionsBoundary() != null) {
            out.put("PermissionsBoundaryDecisionDetail",
                    Map.of("AllowedByPermissionsBoundary", decision.allowedByPermissionsBoundary()));
        }
        out.put("ResourceSpecificResults", List.of(Trees.map("EvalResourceName", resource,
                "EvalResourceDecision", decision.decision().wireName(), "MatchedStatements", statements,
                "MissingContextValues", List.copyOf(decision.missingContextValues()))));
        return out;
    }

    private static @Nullable Map<String, Object> position(@Nullable SourcePosition position) {
        return position == null ? null : Map.of("Line", position.line(), "Column", position.column());
    }
}

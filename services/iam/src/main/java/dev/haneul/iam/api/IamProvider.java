package dev.haneul.iam.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.ActingPrincipals;
import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.gateway.ApiCall;
import dev.haneul.core.gateway.ApiInterceptor;
import dev.haneul.core.gateway.ControlRoutes;
import dev.haneul.core.gateway.HttpRoute;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.state.Scope;
import dev.haneul.iam.auth.ActingAs;
import dev.haneul.iam.auth.Caller;
import dev.haneul.iam.auth.Credentials;
import dev.haneul.iam.auth.IamAuthorization;
import dev.haneul.iam.policy.DecisionLog;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * AWS Identity and Access Management: the API over {@link IamStore}. The operations live in one
 * class per family ({@link UserOperations}, {@link RoleOperations}, {@link PolicyOperations},
 * {@link SimulatorOperations}); this class binds them. Operations of the model not bound (MFA
 * devices, SAML and OIDC providers, server certificates, organizations' features…) answer
 * {@code NotImplemented} (docs/fidelity.md).
 *
 * <p>IAM is also a step of the gateway's chain: the server adds every provider that is an
 * {@link ApiInterceptor} to the chain, and this one hands the calls to {@link IamAuthorization},
 * which does nothing unless {@code HANEUL_AUTH=iam}.
 */
public final class IamProvider implements ServiceProvider, ApiInterceptor, ControlRoutes, ActingPrincipals {

    private final IamStore store;
    private final Credentials credentials;
    private final IamAuthorization authorization;
    private final DecisionLog decisions;
    private final Operations operations;
    private final ActingAs actingAs;

    public IamProvider(IamStore store, Credentials credentials, IamAuthorization authorization, DecisionLog decisions,
                       SimulatorOperations.Engine engine) {
        this.store = requireNonNull(store, "store");
        this.credentials = requireNonNull(credentials, "credentials");
        this.authorization = requireNonNull(authorization, "authorization");
        this.decisions = requireNonNull(decisions, "decisions");
        this.actingAs = new ActingAs(authorization.enabled(), store, authorization);
        Entities entities = new Entities(store);
        Operations.Builder ops = Operations.builder(IamErrors.MODEL);
        new UserOperations(entities, this::userNameOf).register(ops);
        new RoleOperations(entities).register(ops);
        new PolicyOperations(entities).register(ops);
        new SimulatorOperations(entities, engine).register(ops);
        ops.addTree("GetAccountSummary", (c, in) -> store.read(state -> Trees.map("SummaryMap", Map.of(
                "Users", state.users.size(), "Groups", state.groups.size(), "Roles", state.roles.size(),
                "Policies", state.policies.size(), "InstanceProfiles", state.instanceProfiles.size(),
                "UsersQuota", 5000, "GroupsQuota", 300, "RolesQuota", 1000, "PoliciesQuota", 1500,
                "AccessKeysPerUserQuota", 2))));
        this.operations = ops.build();
    }

    private @Nullable String userNameOf(RequestContext context) {
        return credentials.find(context.accessKeyId()).map(Caller::userName).orElse(null);
    }

    /** Every authorization decision of this server, newest last. */
    public DecisionLog decisions() {
        return decisions;
    }

    /** The decision log, for {@code haneul iam explain} and the dashboard. */
    @Override
    public Map<String, HttpRoute> controlRoutes() {
        return Map.of(DecisionsRoute.PATH, new DecisionsRoute(decisions));
    }

    @Override
    public boolean enforcing() {
        return actingAs.enforcing();
    }

    /** Who the dashboard may act as (the root, users, roles), for its principal selector. */
    @Override
    public List<ActingPrincipal> principals() {
        return actingAs.principals();
    }

    /** A dashboard call as {@code principalArn}, decided as the same API call would be. */
    @Override
    public String authorize(String principalArn, ServiceProvider provider, OperationModel operation,
                            Map<String, Object> input, String region) {
        return actingAs.authorize(principalArn, provider, operation, input, region);
    }

    @Override
    public void authorizeRead(String principalArn, ServiceProvider provider, OperationModel operation,
                              Map<String, Object> input, String region) {
        actingAs.authorizeRead(principalArn, provider, operation, input, region);
    }

    @Override
    public String name() {
        return "iam";
    }

    @Override
    public ServiceModel model() {
        return IamErrors.MODEL;
    }

    @Override
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        return operations.invoke(context, operation, input);
    }

    @Override
    public void beforeDecode(ApiCall call) {
        authorization.beforeDecode(call);
    }

    @Override
    public void beforeInvoke(ApiCall call) {
        authorization.beforeInvoke(call);
    }

    @Override
    public ServiceHealth health() {
        return store.read(state -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("users", state.users.size());
            counts.put("roles", state.roles.size());
            counts.put("policies", state.policies.size());
            counts.put("sessions", state.sessions.size());
            return ServiceHealth.running(counts);
        });
    }

    /** The tags of an IAM user, role, managed policy or instance profile, for {@code aws:ResourceTag/…}. */
    @Override
    public Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        if (!arn.startsWith("arn:aws:iam::" + store.accountId() + ":")) {
            return Optional.empty();
        }
        String resource = arn.substring(arn.indexOf(':', "arn:aws:iam::".length()) + 1);
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        return store.read(state -> {
            if (resource.startsWith("user/")) {
                return Optional.ofNullable(state.users.get(IamStore.key(name))).map(u -> Map.copyOf(u.tags));
            }
            if (resource.startsWith("role/")) {
                return Optional.ofNullable(state.roles.get(IamStore.key(name))).map(r -> Map.copyOf(r.tags));
            }
            if (resource.startsWith("policy/")) {
                return Optional.ofNullable(state.policies.get(arn)).map(p -> Map.copyOf(p.tags));
            }
            if (resource.startsWith("instance-profile/")) {
                IamState.InstanceProfile profile = state.instanceProfiles.get(IamStore.key(name));
                return Optional.ofNullable(profile).map(p -> Map.copyOf(p.tags));
            }
            return Optional.empty();
        });
    }

    /** A role's trust policy is its resource-based policy. */
    @Override
    public Optional<String> resourcePolicy(Scope scope, String arn) {
        if (!arn.contains(":role/")) {
            return Optional.empty();
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return store.read(state -> Optional.ofNullable(state.roles.get(IamStore.key(name))).map(r -> r.trustPolicy));
    }
}
